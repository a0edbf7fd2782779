// libFuzzer target for the MAC command codecs. Decodes arbitrary bytes in both directions and
// checks the decoder's promises: it stays inside the input, what it read re-encodes to exactly the
// bytes it consumed, and it gives a reason whenever it stops early. Any broken promise aborts.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "lorawan/mac/mac_commands.hpp"

namespace {

using hortillon::lorawan::ByteView;
using hortillon::lorawan::Direction;

void require(bool condition) {
    if (!condition) {
        std::abort();
    }
}

void check_direction(ByteView input, Direction direction) {
    const auto decoded = hortillon::lorawan::decode_mac_commands(input, direction);
    require(decoded.unparsed.size() <= input.size());
    require(decoded.stopped_by.has_value() == !decoded.unparsed.empty());

    const std::size_t consumed = input.size() - decoded.unparsed.size();
    const auto rest = input.subspan(consumed);
    require(std::equal(rest.begin(), rest.end(), decoded.unparsed.begin()));

    const auto encoded = hortillon::lorawan::encode_mac_commands(decoded.commands);
    const auto prefix = input.first(consumed);
    require(encoded.size() == consumed);
    require(std::equal(prefix.begin(), prefix.end(), encoded.begin()));

    std::size_t sizes = 0;
    for (const auto& command : decoded.commands) {
        sizes += hortillon::lorawan::encoded_size(command);
        require(!hortillon::lorawan::mac_command_name(command).empty());
    }
    require(sizes == consumed);
    if (decoded.stopped_by) {
        require(!hortillon::lorawan::describe(*decoded.stopped_by).empty());
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const ByteView input(data, size);
    check_direction(input, Direction::uplink);
    check_direction(input, Direction::downlink);
    return 0;
}
