#include "lorawan/phy_payload.hpp"

#include <algorithm>

namespace hortillon::lorawan {

namespace {
constexpr std::size_t join_request_size = 8 + 8 + 2;  // without MHDR and MIC
constexpr std::size_t join_accept_size = 16;          // encrypted part without CFList
constexpr std::size_t join_accept_cf_list_size = 32;  // encrypted part with CFList
constexpr std::size_t rejoin_0_2_size = 1 + 3 + 8 + 2;
constexpr std::size_t rejoin_1_size = 1 + 8 + 8 + 2;

constexpr std::uint8_t major_mask = 0x03;
constexpr std::uint8_t f_opts_len_mask = 0x0f;

auto fail(FrameError error) -> Unexpected<FrameError> {
    return Unexpected<FrameError>{error};
}

auto mic_at_end(ByteView bytes) -> Mic {
    Mic mic{};
    std::copy(bytes.end() - mic_size, bytes.end(), mic.begin());
    return mic;
}

// Checks a fixed-size message body (between MHDR and MIC).
auto check_fixed_size(ByteView body, std::size_t expected) -> std::optional<FrameError> {
    if (body.size() < expected + mic_size)
        return FrameError::too_short;
    if (body.size() > expected + mic_size)
        return FrameError::too_long;
    return std::nullopt;
}

auto decode_join_request(ByteView body) -> Result<PhyPayload, FrameError> {
    if (auto error = check_fixed_size(body, join_request_size))
        return fail(*error);
    return PhyPayload{JoinRequest{
        .join_eui = Eui64::from_le_bytes(body.subspan(0, 8)),
        .dev_eui = Eui64::from_le_bytes(body.subspan(8, 8)),
        .dev_nonce = DevNonce{read_u16_le(body, 16)},
        .mic = mic_at_end(body),
    }};
}

auto decode_join_accept(ByteView body) -> Result<PhyPayload, FrameError> {
    if (body.size() < join_accept_size)
        return fail(FrameError::too_short);
    if (body.size() > join_accept_cf_list_size)
        return fail(FrameError::too_long);
    if (body.size() != join_accept_size && body.size() != join_accept_cf_list_size) {
        return fail(FrameError::bad_length);
    }
    return PhyPayload{EncryptedJoinAccept{Bytes(body.begin(), body.end())}};
}

auto decode_rejoin_request(ByteView body) -> Result<PhyPayload, FrameError> {
    if (body.empty())
        return fail(FrameError::too_short);
    RejoinRequest rejoin;
    rejoin.rejoin_type = body[0];
    if (rejoin.rejoin_type > 2)
        return fail(FrameError::unknown_rejoin_type);
    if (rejoin.rejoin_type == 1) {
        if (auto error = check_fixed_size(body, rejoin_1_size))
            return fail(*error);
        rejoin.join_eui = Eui64::from_le_bytes(body.subspan(1, 8));
        rejoin.dev_eui = Eui64::from_le_bytes(body.subspan(9, 8));
        rejoin.rj_count = read_u16_le(body, 17);
    } else {
        if (auto error = check_fixed_size(body, rejoin_0_2_size))
            return fail(*error);
        rejoin.net_id = NetId::from_le_bytes(body.subspan(1, 3));
        rejoin.dev_eui = Eui64::from_le_bytes(body.subspan(4, 8));
        rejoin.rj_count = read_u16_le(body, 12);
    }
    rejoin.mic = mic_at_end(body);
    return PhyPayload{rejoin};
}

auto decode_data_frame(MType m_type, ByteView body) -> Result<PhyPayload, FrameError> {
    if (body.size() < fhdr_min_size + mic_size)
        return fail(FrameError::too_short);
    DataFrame frame;
    frame.m_type = m_type;
    frame.dev_addr = DevAddr::from_le_bytes(body.subspan(0, 4));
    frame.f_ctrl = FCtrl::from_byte(body[4], frame.direction());
    frame.f_cnt = read_u16_le(body, 5);
    const std::size_t f_opts_len = body[4] & f_opts_len_mask;
    if (fhdr_min_size + f_opts_len + mic_size > body.size()) {
        return fail(FrameError::fopts_length_mismatch);
    }
    const auto f_opts = body.subspan(fhdr_min_size, f_opts_len);
    frame.f_opts.assign(f_opts.begin(), f_opts.end());
    const auto rest = body.subspan(fhdr_min_size + f_opts_len,
                                   body.size() - fhdr_min_size - f_opts_len - mic_size);
    if (!rest.empty()) {
        frame.f_port = rest[0];
        frame.frm_payload.assign(rest.begin() + 1, rest.end());
        if (*frame.f_port == 0 && f_opts_len > 0)
            return fail(FrameError::fopts_with_fport_zero);
    }
    frame.mic = mic_at_end(body);
    return PhyPayload{std::move(frame)};
}

auto mhdr_byte(MType m_type) -> std::uint8_t {
    return static_cast<std::uint8_t>(m_type) << 5;
}

void append_mic(Bytes& out, const Mic& mic) {
    out.insert(out.end(), mic.begin(), mic.end());
}

auto encode(const JoinRequest& request) -> Result<Bytes, FrameError> {
    Bytes out{mhdr_byte(MType::join_request)};
    append(out, request.join_eui.to_le_bytes());
    append(out, request.dev_eui.to_le_bytes());
    append_u16_le(out, request.dev_nonce.value);
    append_mic(out, request.mic);
    return out;
}

auto encode(const EncryptedJoinAccept& accept) -> Result<Bytes, FrameError> {
    const auto size = accept.encrypted.size();
    if (size != join_accept_size && size != join_accept_cf_list_size) {
        return fail(FrameError::bad_length);
    }
    Bytes out{mhdr_byte(MType::join_accept)};
    append(out, accept.encrypted);
    return out;
}

auto encode(const RejoinRequest& rejoin) -> Result<Bytes, FrameError> {
    if (rejoin.rejoin_type > 2)
        return fail(FrameError::unknown_rejoin_type);
    Bytes out{mhdr_byte(MType::rejoin_request), rejoin.rejoin_type};
    if (rejoin.rejoin_type == 1) {
        append(out, rejoin.join_eui.to_le_bytes());
    } else {
        append(out, rejoin.net_id.to_le_bytes());
    }
    append(out, rejoin.dev_eui.to_le_bytes());
    append_u16_le(out, rejoin.rj_count);
    append_mic(out, rejoin.mic);
    return out;
}

auto encode(const DataFrame& frame) -> Result<Bytes, FrameError> {
    if (frame.f_opts.size() > max_f_opts_size)
        return fail(FrameError::fopts_length_mismatch);
    if (frame.f_port == 0 && !frame.f_opts.empty())
        return fail(FrameError::fopts_with_fport_zero);
    if (!frame.f_port && !frame.frm_payload.empty())
        return fail(FrameError::bad_length);
    Bytes out{mhdr_byte(frame.m_type)};
    append(out, frame.dev_addr.to_le_bytes());
    out.push_back(frame.f_ctrl.to_byte(frame.direction(), frame.f_opts.size()));
    append_u16_le(out, frame.f_cnt);
    append(out, frame.f_opts);
    if (frame.f_port) {
        out.push_back(*frame.f_port);
        append(out, frame.frm_payload);
    }
    append_mic(out, frame.mic);
    if (out.size() > max_phy_payload_size)
        return fail(FrameError::too_long);
    return out;
}

auto encode(const ProprietaryFrame& frame) -> Result<Bytes, FrameError> {
    if (frame.payload.size() + mhdr_size > max_phy_payload_size)
        return fail(FrameError::too_long);
    Bytes out{mhdr_byte(MType::proprietary)};
    append(out, frame.payload);
    return out;
}
}  // namespace

auto FCtrl::from_byte(std::uint8_t byte, Direction direction) -> FCtrl {
    const bool up = direction == Direction::uplink;
    return FCtrl{
        .adr = (byte & 0x80) != 0,
        .adr_ack_req = up && (byte & 0x40) != 0,
        .ack = (byte & 0x20) != 0,
        .class_b = up && (byte & 0x10) != 0,
        .f_pending = !up && (byte & 0x10) != 0,
    };
}

auto FCtrl::to_byte(Direction direction, std::size_t f_opts_len) const -> std::uint8_t {
    const bool up = direction == Direction::uplink;
    std::uint8_t byte = static_cast<std::uint8_t>(f_opts_len & f_opts_len_mask);
    if (adr)
        byte |= 0x80;
    if (up && adr_ack_req)
        byte |= 0x40;
    if (ack)
        byte |= 0x20;
    if ((up && class_b) || (!up && f_pending))
        byte |= 0x10;
    return byte;
}

auto DataFrame::direction() const -> Direction {
    const bool up = m_type == MType::unconfirmed_data_up || m_type == MType::confirmed_data_up;
    return up ? Direction::uplink : Direction::downlink;
}

auto DataFrame::confirmed() const -> bool {
    return m_type == MType::confirmed_data_up || m_type == MType::confirmed_data_down;
}

auto decode_phy_payload(ByteView bytes) -> Result<PhyPayload, FrameError> {
    if (bytes.empty())
        return fail(FrameError::too_short);
    if (bytes.size() > max_phy_payload_size)
        return fail(FrameError::too_long);
    if ((bytes[0] & major_mask) != 0)
        return fail(FrameError::bad_major);
    const auto m_type = static_cast<MType>(bytes[0] >> 5);
    const auto body = bytes.subspan(mhdr_size);
    switch (m_type) {
        case MType::join_request:
            return decode_join_request(body);
        case MType::join_accept:
            return decode_join_accept(body);
        case MType::rejoin_request:
            return decode_rejoin_request(body);
        case MType::proprietary:
            return PhyPayload{ProprietaryFrame{Bytes(body.begin(), body.end())}};
        default:
            return decode_data_frame(m_type, body);
    }
}

auto encode_phy_payload(const PhyPayload& frame) -> Result<Bytes, FrameError> {
    return std::visit([](const auto& message) { return encode(message); }, frame);
}

auto m_type_of(const PhyPayload& frame) -> MType {
    struct Visitor {
        auto operator()(const JoinRequest&) const { return MType::join_request; }
        auto operator()(const EncryptedJoinAccept&) const { return MType::join_accept; }
        auto operator()(const RejoinRequest&) const { return MType::rejoin_request; }
        auto operator()(const DataFrame& data) const { return data.m_type; }
        auto operator()(const ProprietaryFrame&) const { return MType::proprietary; }
    };
    return std::visit(Visitor{}, frame);
}

}  // namespace hortillon::lorawan
