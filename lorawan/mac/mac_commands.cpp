#include "lorawan/mac/mac_commands.hpp"

#include <array>
#include <type_traits>
#include <utility>

#include "lorawan/result.hpp"

namespace hortillon::lorawan {
namespace {

constexpr std::size_t standard_command_count = mac_command_table.size();
constexpr std::size_t cid_size = 1;

// The table row and the variant alternative with the same index must describe the same command;
// then every lookup by (CID, direction) can build the right alternative from the row index.
template <std::size_t... I>
consteval auto table_matches_variant(std::index_sequence<I...> /*rows*/) -> bool {
    return (
        (std::variant_alternative_t<I, MacCommand>::cid == mac_command_table[I].cid &&
         std::variant_alternative_t<I, MacCommand>::direction == mac_command_table[I].direction) &&
        ...);
}
static_assert(std::variant_size_v<MacCommand> == standard_command_count + 1);
static_assert(std::is_same_v<std::variant_alternative_t<standard_command_count, MacCommand>,
                             ProprietaryMacCommand>);
static_assert(table_matches_variant(std::make_index_sequence<standard_command_count>{}));

// Builds alternative I from exactly its payload bytes; the caller has checked the length.
template <std::size_t I>
auto decode_alternative(ByteView payload) -> MacCommand {
    using Command = std::variant_alternative_t<I, MacCommand>;
    return MacCommand{std::in_place_index<I>, Command::decode(payload.first<Command::size>())};
}

using Decoder = MacCommand (*)(ByteView);

template <std::size_t... I>
consteval auto make_decoders(std::index_sequence<I...> /*rows*/)
    -> std::array<Decoder, sizeof...(I)> {
    return {&decode_alternative<I>...};
}

// decoders[row] decodes the command of mac_command_table[row].
constexpr auto decoders = make_decoders(std::make_index_sequence<standard_command_count>{});

constexpr auto opposite(Direction direction) -> Direction {
    return direction == Direction::uplink ? Direction::downlink : Direction::uplink;
}

// Why a CID has no row for this direction.
auto classify_unreadable_cid(std::uint8_t cid, Direction direction) -> MacError {
    if (cid >= first_proprietary_cid) {
        return MacError::proprietary_cid;
    }
    if (find_mac_command(cid, opposite(direction))) {
        return MacError::rfu_in_direction;
    }
    return MacError::unknown_cid;
}

struct DecodedCommand {
    MacCommand command;
    std::size_t consumed = 0;  // CID plus payload
};

// Decodes the command at the start of `rest`, which is not empty.
auto decode_one(ByteView rest, Direction direction) -> Result<DecodedCommand, MacError> {
    const std::uint8_t cid = rest[0];
    const auto row = find_mac_command(cid, direction);
    if (!row) {
        return Unexpected{classify_unreadable_cid(cid, direction)};
    }
    const std::size_t payload_size = mac_command_table[*row].size;
    if (rest.size() - cid_size < payload_size) {
        return Unexpected{MacError::truncated};
    }
    return DecodedCommand{decoders[*row](rest.subspan(cid_size, payload_size)),
                          cid_size + payload_size};
}

void append_command(Bytes& out, const MacCommand& command) {
    std::visit(
        [&out, &command](const auto& value) {
            using Command = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<Command, ProprietaryMacCommand>) {
                out.push_back(static_cast<std::uint8_t>(value.cid | first_proprietary_cid));
                append(out, value.payload);
            } else {
                out.push_back(static_cast<std::uint8_t>(mac_command_table[command.index()].cid));
                value.encode(out);
            }
        },
        command);
}

}  // namespace

auto decode_mac_commands(ByteView bytes, Direction direction) -> MacCommands {
    MacCommands result;
    std::size_t at = 0;
    while (at < bytes.size()) {
        auto decoded = decode_one(bytes.subspan(at), direction);
        if (!decoded) {
            result.stopped_by = decoded.error();
            result.unparsed.assign(bytes.begin() + static_cast<std::ptrdiff_t>(at), bytes.end());
            break;
        }
        result.commands.push_back(std::move(decoded->command));
        at += decoded->consumed;
    }
    return result;
}

auto encode_mac_commands(std::span<const MacCommand> commands) -> Bytes {
    std::size_t total = 0;
    for (const auto& command : commands) {
        total += encoded_size(command);
    }
    Bytes out;
    out.reserve(total);
    for (const auto& command : commands) {
        append_command(out, command);
    }
    return out;
}

auto encoded_size(const MacCommand& command) -> std::size_t {
    if (const auto* proprietary = std::get_if<ProprietaryMacCommand>(&command)) {
        return cid_size + proprietary->payload.size();
    }
    return cid_size + mac_command_table[command.index()].size;
}

auto mac_command_name(const MacCommand& command) -> std::string_view {
    if (std::holds_alternative<ProprietaryMacCommand>(command)) {
        return "Proprietary";
    }
    return mac_command_table[command.index()].name;
}

}  // namespace hortillon::lorawan
