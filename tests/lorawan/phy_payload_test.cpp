// PHYPayload round trips for every MType, a truncation loop, and each named error.
#include <catch2/catch.hpp>

#include "lorawan/f_cnt.hpp"
#include "lorawan/phy_payload.hpp"

using namespace hortillon::lorawan;

namespace {
auto bytes(std::string_view text) -> Bytes {
    return from_hex(text).value();
}

struct RoundTrip {
    const char* name;
    const char* hex;
    PhyPayload value;
};

auto round_trips() -> std::vector<RoundTrip> {
    const Mic mic{0x11, 0x22, 0x33, 0x44};
    const DevAddr addr{0x01020304};
    return {
        {"join-request", "00080706050403020110000000000000002d1011223344",
         JoinRequest{Eui64{0x0102030405060708}, Eui64{0x10}, DevNonce{0x102d}, mic}},
        {"join-accept", "20000102030405060708090a0b0c0d0e0f",
         EncryptedJoinAccept{bytes("000102030405060708090a0b0c0d0e0f")}},
        {"join-accept with CFList",
         "20000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
         EncryptedJoinAccept{
             bytes("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")}},
        {"rejoin-request type 0", "c000030201080706050403020103 0011223344",
         RejoinRequest{0, NetId{0x010203}, {}, Eui64{0x0102030405060708}, 3, mic}},
        {"rejoin-request type 1", "c0010807060504030201100f0e0d0c0b0a09db0011223344",
         RejoinRequest{1, {}, Eui64{0x0102030405060708}, Eui64{0x090a0b0c0d0e0f10}, 219, mic}},
        {"rejoin-request type 2", "c00203020108070605040302010100 11223344",
         RejoinRequest{2, NetId{0x010203}, {}, Eui64{0x0102030405060708}, 1, mic}},
        {"unconfirmed data up, all uplink FCtrl bits, FOpts and payload",
         "4004030201f3020002030501aabb11223344",
         DataFrame{MType::unconfirmed_data_up, addr, FCtrl{true, true, true, true, false}, 2,
                   bytes("020305"), 1, bytes("aabb"), mic}},
        {"confirmed data up, FHDR only", "800403020100ffff11223344",
         DataFrame{MType::confirmed_data_up, addr, {}, 0xffff, {}, std::nullopt, {}, mic}},
        {"unconfirmed data down, FPending and ACK", "600403020133010002070111223344",
         DataFrame{MType::unconfirmed_data_down,
                   addr,
                   FCtrl{false, false, true, false, true},
                   1,
                   bytes("020701"),
                   std::nullopt,
                   {},
                   mic}},
        {"confirmed data down, FPort 0 with MAC payload", "a004030201800a000006 11223344",
         DataFrame{MType::confirmed_data_down,
                   addr,
                   FCtrl{true, false, false, false, false},
                   10,
                   {},
                   0,
                   bytes("06"),
                   mic}},
        {"data up, FPort without FRMPayload", "40040302010003000111223344",
         DataFrame{MType::unconfirmed_data_up, addr, {}, 3, {}, 1, {}, mic}},
        {"proprietary", "e0deadbeef", ProprietaryFrame{bytes("deadbeef")}},
    };
}

auto strip_spaces(std::string text) -> std::string {
    std::erase(text, ' ');
    return text;
}
}  // namespace

TEST_CASE("every MType decodes to its value and encodes back to the same bytes") {
    for (const auto& row : round_trips()) {
        INFO(row.name);
        const Bytes wire = bytes(strip_spaces(row.hex));
        auto decoded = decode_phy_payload(wire);
        REQUIRE(decoded);
        CHECK(*decoded == row.value);
        CHECK(m_type_of(*decoded) == m_type_of(row.value));
        auto encoded = encode_phy_payload(row.value);
        REQUIRE(encoded);
        CHECK(to_hex(*encoded) == to_hex(wire));
    }
}

TEST_CASE("every prefix of every valid frame is refused or decodes to a valid shorter frame") {
    for (const auto& row : round_trips()) {
        INFO(row.name);
        const Bytes wire = bytes(strip_spaces(row.hex));
        for (std::size_t n = 0; n < wire.size(); ++n) {
            auto decoded = decode_phy_payload(ByteView(wire).first(n));
            if (decoded) {  // a shorter data or proprietary frame is still a frame
                auto again = encode_phy_payload(*decoded);
                REQUIRE(again);
                CHECK(*again == Bytes(wire.begin(), wire.begin() + static_cast<std::ptrdiff_t>(n)));
            }
        }
        CHECK_FALSE(decode_phy_payload({}));
    }
}

TEST_CASE("named decoding errors") {
    auto error_of = [](std::string_view hex) { return decode_phy_payload(bytes(hex)).error(); };
    CHECK(error_of("") == FrameError::too_short);
    CHECK(error_of("41040302010000000011223344") == FrameError::bad_major);
    CHECK(error_of("4004030201000011223344") == FrameError::too_short);  // FHDR cut
    CHECK(error_of("400403020103000002031122") == FrameError::fopts_length_mismatch);
    CHECK(error_of("4004030201010000020011223344") == FrameError::fopts_with_fport_zero);
    CHECK(error_of("00080706050403020110000000000000002d10112233") == FrameError::too_short);
    CHECK(error_of("00080706050403020110000000000000002d101122334455") == FrameError::too_long);
    CHECK(error_of("2000010203") == FrameError::too_short);
    CHECK(error_of("20000102030405060708090a0b0c0d0e0f10") == FrameError::bad_length);
    CHECK(error_of("c00303020108070605040302010300112233") == FrameError::unknown_rejoin_type);
    CHECK(error_of("c0") == FrameError::too_short);
    CHECK(error_of("c000030201") == FrameError::too_short);
    CHECK(decode_phy_payload(Bytes(256, 0x40)).error() == FrameError::too_long);
    CHECK_FALSE(describe(FrameError::mic_mismatch).empty());
}

TEST_CASE("named encoding errors") {
    DataFrame frame{MType::unconfirmed_data_up, DevAddr{1}, {}, 0, Bytes(16, 0x02), 1, {}, {}};
    CHECK(encode_phy_payload(frame).error() == FrameError::fopts_length_mismatch);
    frame.f_opts = bytes("02");
    frame.f_port = 0;
    CHECK(encode_phy_payload(frame).error() == FrameError::fopts_with_fport_zero);
    frame.f_opts.clear();
    frame.f_port.reset();
    frame.frm_payload = bytes("01");
    CHECK(encode_phy_payload(frame).error() == FrameError::bad_length);
    frame.f_port = 1;
    frame.frm_payload = Bytes(250, 0);
    CHECK(encode_phy_payload(frame).error() == FrameError::too_long);
    CHECK(encode_phy_payload(EncryptedJoinAccept{Bytes(17)}).error() == FrameError::bad_length);
    RejoinRequest rejoin;
    rejoin.rejoin_type = 3;
    CHECK(encode_phy_payload(rejoin).error() == FrameError::unknown_rejoin_type);
}

TEST_CASE("FCtrl bits 6 and 4 change meaning with the direction") {
    CHECK(FCtrl::from_byte(0x50, Direction::uplink) == FCtrl{false, true, false, true, false});
    CHECK(FCtrl::from_byte(0x50, Direction::downlink) == FCtrl{false, false, false, false, true});
    CHECK(FCtrl{false, true, false, false, true}.to_byte(Direction::downlink, 3) == 0x13);
    CHECK(FCtrl{false, true, false, false, true}.to_byte(Direction::uplink, 0) == 0x40);
}

TEST_CASE("uplink counters are classified against the last accepted one") {
    using V = FCntVerdict;
    CHECK(classify_f_cnt_up(std::nullopt, 0, std::nullopt) == V::fresh);
    CHECK(classify_f_cnt_up(std::nullopt, 20000, max_f_cnt_gap_1_0) == V::gap_too_large);
    CHECK(classify_f_cnt_up(7, 7, std::nullopt) == V::retransmission);
    CHECK(classify_f_cnt_up(7, 6, std::nullopt) == V::replay);
    CHECK(classify_f_cnt_up(7, 8, std::nullopt) == V::fresh);
    CHECK(classify_f_cnt_up(7, 7 + 16384, max_f_cnt_gap_1_0) == V::fresh);
    CHECK(classify_f_cnt_up(7, 7 + 16385, max_f_cnt_gap_1_0) == V::gap_too_large);
    CHECK(classify_f_cnt_up(7, 7 + 16385, std::nullopt) == V::fresh);  // 1.0.4 and 1.1
    // Past 65,535 the on-air counter wraps but the session keeps counting.
    CHECK(reconstruct_f_cnt(65536, 0) == 65536);
    CHECK(classify_f_cnt_up(65535, reconstruct_f_cnt(65536, 0), std::nullopt) == V::fresh);
    CHECK(reconstruct_f_cnt(70000, static_cast<std::uint16_t>(69999)) == 69999);
    CHECK(classify_f_cnt_up(69999, reconstruct_f_cnt(70000, static_cast<std::uint16_t>(69999)),
                            std::nullopt) == V::retransmission);
}
