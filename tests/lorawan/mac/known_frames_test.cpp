// Published byte strings decoded field by field, and the field rules the round-trip rows do not
// spell out: sign extension, 100 Hz frequency steps, bit-width cuts, the per-struct codecs.

#include <catch2/catch.hpp>

#include <variant>

#include "mac_test_support.hpp"

using namespace hortillon::lorawan;
using hortillon::lorawan::mac_test::bytes_of;
using hortillon::lorawan::mac_test::hex_of;

TEST_CASE("uplink FOpts 020305: LinkCheckReq then LinkADRAns with power and channel mask ACK") {
    const auto decoded = decode_mac_commands(bytes_of("020305"), Direction::uplink);
    CHECK_FALSE(decoded.stopped_by);
    REQUIRE(decoded.commands.size() == 2);
    CHECK(std::holds_alternative<LinkCheckReq>(decoded.commands[0]));
    const auto& answer = std::get<LinkAdrAns>(decoded.commands[1]);
    CHECK(answer.power_ack);
    CHECK_FALSE(answer.data_rate_ack);
    CHECK(answer.channel_mask_ack);
    CHECK(answer.rfu == 0);
}

TEST_CASE("uplink 067307: DevStatusAns battery 115, margin 7") {
    const auto decoded = decode_mac_commands(bytes_of("067307"), Direction::uplink);
    REQUIRE(decoded.commands.size() == 1);
    const auto& status = std::get<DevStatusAns>(decoded.commands[0]);
    CHECK(status.battery == 115);
    CHECK(status.margin == 7);
}

TEST_CASE("downlink 020701: LinkCheckAns margin 7 from 1 gateway") {
    const auto decoded = decode_mac_commands(bytes_of("020701"), Direction::downlink);
    REQUIRE(decoded.commands.size() == 1);
    const auto& answer = std::get<LinkCheckAns>(decoded.commands[0]);
    CHECK(answer.margin == 7);
    CHECK(answer.gw_cnt == 1);
}

TEST_CASE("US915 LinkADRReq 0300010051 and 0300ff0001 read as sub-band and channel masks") {
    const auto decoded = decode_mac_commands(bytes_of("03000100510300ff0001"), Direction::downlink);
    CHECK_FALSE(decoded.stopped_by);
    REQUIRE(decoded.commands.size() == 2);

    // ChMaskCntl 5 (RP 1.0.3+): ChMask bit 0 enables sub-band 1 (channels 0-7 and 64).
    const auto& sub_band = std::get<LinkAdrReq>(decoded.commands[0]);
    CHECK(sub_band.data_rate == 0);
    CHECK(sub_band.tx_power == 0);
    CHECK(sub_band.ch_mask == 0x0001);
    CHECK(sub_band.ch_mask_cntl == 5);
    CHECK(sub_band.nb_trans == 1);

    // ChMaskCntl 0: ChMask bits 0-7 enable 125 kHz channels 0-7.
    const auto& channels = std::get<LinkAdrReq>(decoded.commands[1]);
    CHECK(channels.data_rate == 0);
    CHECK(channels.tx_power == 0);
    CHECK(channels.ch_mask == 0x00ff);
    CHECK(channels.ch_mask_cntl == 0);
    CHECK(channels.nb_trans == 1);
}

TEST_CASE("the per-struct codecs read and write only the payload") {
    const auto payload = bytes_of("00010051");
    const auto request = LinkAdrReq::decode(PayloadView<LinkAdrReq::size>(payload.data(), 4));
    CHECK(request.ch_mask_cntl == 5);

    Bytes out;
    request.encode(out);
    CHECK(out == payload);

    Bytes nothing;
    DevStatusReq{}.encode(nothing);
    CHECK(nothing.empty());
    STATIC_REQUIRE(DevStatusReq::size == 0);
    STATIC_REQUIRE(DeviceTimeAns::size == 5);
    STATIC_REQUIRE(NewChannelReq::size == 5);
}

TEST_CASE("DevStatusAns margin is a signed 6-bit value") {
    CHECK(hex_of(DevStatusAns{.battery = 0, .margin = -32}) == "060020");
    CHECK(hex_of(DevStatusAns{.battery = 0, .margin = 31}) == "06001f");
    CHECK(hex_of(DevStatusAns{.battery = 0, .margin = -1}) == "06003f");
    // Out of range wraps into six bits and never touches the RFU bits: 32 is -32 on air.
    CHECK(hex_of(DevStatusAns{.battery = 0, .margin = 32}) == "060020");

    const auto decoded = decode_mac_commands(bytes_of("06fe25"), Direction::uplink);
    REQUIRE(decoded.commands.size() == 1);
    const auto& status = std::get<DevStatusAns>(decoded.commands[0]);
    CHECK(status.battery == 254);
    CHECK(status.margin == -27);
}

TEST_CASE("frequencies are whole 100 Hz steps in Hz") {
    // 923.3 MHz = 9233000 x 100 Hz = 0x8ce268.
    const auto decoded = decode_mac_commands(bytes_of("1368e28c"), Direction::downlink);
    REQUIRE(decoded.commands.size() == 1);
    CHECK(std::get<BeaconFreqReq>(decoded.commands[0]).frequency == 923'300'000);

    // A sub-100 Hz remainder is dropped when encoding.
    CHECK(hex_of(BeaconFreqReq{.frequency = 923'300'099}) == "1368e28c");
    // The largest value that fits: 0xffffff x 100 Hz.
    CHECK(hex_of(DlChannelReq{.ch_index = 1, .frequency = 1'677'721'500}) == "0a01ffffff");
}

TEST_CASE("fields wider than their bits are cut and never spill into a neighbour") {
    CHECK(hex_of(LinkAdrReq{
              .data_rate = 0x12, .tx_power = 0x13, .ch_mask_cntl = 0x0f, .nb_trans = 0x11}) ==
          "0323000071");
    CHECK(hex_of(LinkAdrAns{.rfu = 0x07}) == "0300");
    CHECK(hex_of(ForceRejoinReq{
              .period = 8, .max_retries = 9, .rejoin_type = 8, .data_rate = 16, .rfu = 0x3f7f}) ==
          "0e0001");
    CHECK(hex_of(PingSlotInfoReq{.periodicity = 9}) == "1001");
}

TEST_CASE("ProprietaryMacCommand encodes as CID then payload, with bit 7 of the CID set") {
    const MacCommand vendor = ProprietaryMacCommand{.cid = 0x80, .payload = {0xaa, 0xbb}};
    CHECK(hex_of(vendor) == "80aabb");
    CHECK(encoded_size(vendor) == 3);
    CHECK(mac_command_name(vendor) == "Proprietary");

    const MacCommand wrong = ProprietaryMacCommand{.cid = 0x05, .payload = {}};
    CHECK(hex_of(wrong) == "85");
}

TEST_CASE("names come from the CID table in spec spelling") {
    CHECK(mac_command_name(LinkAdrReq{}) == "LinkADRReq");
    CHECK(mac_command_name(RxParamSetupAns{}) == "RXParamSetupAns");
    CHECK(mac_command_name(AdrParamSetupReq{}) == "ADRParamSetupReq");
    CHECK(mac_command_name(DeviceModeInd{}) == "DeviceModeInd");
}

TEST_CASE("ForceRejoinReq's payload word is the LE16 it encodes as, and reads back") {
    const ForceRejoinReq request{
        .period = 5, .max_retries = 2, .rejoin_type = 2, .data_rate = 3, .rfu = 0};
    // 13:11 period 5, 10:8 retries 2, 6:4 type 2, 3:0 DR 3: 0b00'101'010'0'010'0011.
    CHECK(request.to_word() == 0x2a23);
    CHECK(hex_of(request) == "0e232a");
    CHECK(ForceRejoinReq::from_word(0x2a23) == request);
}
