// Kind (a): one row per wire form, {direction, typed value, bytes}. Each row must encode to its
// bytes and decode back to its value. Together the rows cover every command in the table.

#include <catch2/catch.hpp>

#include <set>
#include <string_view>
#include <vector>

#include "mac_test_support.hpp"

using namespace hortillon::lorawan;
using hortillon::lorawan::mac_test::bytes_of;
using hortillon::lorawan::mac_test::direction_name;

namespace {

struct Row {
    Direction direction;
    MacCommand value;
    std::string_view hex;  // CID and payload
};

constexpr auto up = Direction::uplink;
constexpr auto down = Direction::downlink;

// Frequencies: 869.525 MHz = 8695250 x 100 Hz = 0x84add2, LE24 d2 ad 84; 867.1 MHz = 184f84;
// 868.1 MHz = 287684. DeviceTime: 1139322288 s = 0x43e8adb0, LE32 b0 ad e8 43.
auto uplink_rows() -> std::vector<Row> {
    return {
        {up, ResetInd{.minor = 1}, "0101"},
        {up, ResetInd{.minor = 1, .rfu = 0xf0}, "01f1"},
        {up, LinkCheckReq{}, "02"},
        {up, LinkAdrAns{.power_ack = true, .channel_mask_ack = true}, "0305"},
        {up, LinkAdrAns{.power_ack = true, .data_rate_ack = true, .channel_mask_ack = true},
         "0307"},
        {up, LinkAdrAns{.data_rate_ack = true, .rfu = 0xf8}, "03fa"},
        {up, DutyCycleAns{}, "04"},
        {up, RxParamSetupAns{.rx1_dr_offset_ack = true, .rx2_data_rate_ack = true}, "0506"},
        {up, RxParamSetupAns{.channel_ack = true}, "0501"},
        {up, DevStatusAns{.battery = 115, .margin = 7}, "067307"},
        {up, DevStatusAns{.battery = 255, .margin = -1}, "06ff3f"},
        {up, DevStatusAns{.battery = 0, .margin = -32}, "060020"},
        {up, DevStatusAns{.battery = 1, .margin = 31, .rfu = 0xc0}, "0601df"},
        {up, NewChannelAns{.data_rate_range_ok = true, .channel_frequency_ok = true}, "0703"},
        {up, NewChannelAns{.channel_frequency_ok = true}, "0701"},
        {up, RxTimingSetupAns{}, "08"},
        {up, TxParamSetupAns{}, "09"},
        {up, DlChannelAns{.uplink_frequency_exists = true}, "0a02"},
        {up, RekeyInd{.minor = 1}, "0b01"},
        {up, AdrParamSetupAns{}, "0c"},
        {up, DeviceTimeReq{}, "0d"},
        {up, RejoinParamSetupAns{.time_ok = true}, "0f01"},
        {up, PingSlotInfoReq{.periodicity = 7}, "1007"},
        {up, PingSlotInfoReq{.periodicity = 0, .rfu = 0x08}, "1008"},
        {up, PingSlotChannelAns{.data_rate_ok = true}, "1102"},
        {up, BeaconTimingReq{}, "12"},
        {up, BeaconFreqAns{.beacon_frequency_ok = true}, "1301"},
        {up, DeviceModeInd{.device_class = DeviceModeClass::class_c}, "2002"},
    };
}

auto downlink_rows() -> std::vector<Row> {
    return {
        {down, ResetConf{.minor = 1}, "0101"},
        {down, LinkCheckAns{.margin = 7, .gw_cnt = 1}, "020701"},
        {down, LinkAdrReq{.ch_mask = 0x0001, .ch_mask_cntl = 5, .nb_trans = 1}, "0300010051"},
        {down, LinkAdrReq{.ch_mask = 0x00ff, .nb_trans = 1}, "0300ff0001"},
        {down, LinkAdrReq{.data_rate = 5, .tx_power = 2, .ch_mask = 0x0007, .nb_trans = 1},
         "0352070001"},
        {down,
         LinkAdrReq{.data_rate = 15,
                    .tx_power = 15,
                    .ch_mask = 0xff00,
                    .ch_mask_cntl = 6,
                    .nb_trans = 15,
                    .rfu = 0x80},
         "03ff00ffef"},
        {down, DutyCycleReq{.max_d_cycle = 7}, "0407"},
        {down, RxParamSetupReq{.rx1_dr_offset = 1, .rx2_data_rate = 3, .frequency = 869'525'000},
         "0513d2ad84"},
        {down, DevStatusReq{}, "06"},
        {down, NewChannelReq{.ch_index = 3, .frequency = 867'100'000, .max_dr = 5, .min_dr = 0},
         "0703184f8450"},
        {down, NewChannelReq{.ch_index = 7, .frequency = 0}, "070700000000"},
        {down, RxTimingSetupReq{.del = 1}, "0801"},
        {down, RxTimingSetupReq{.del = 15, .rfu = 0x30}, "083f"},
        {down,
         TxParamSetupReq{.downlink_dwell_time = true, .uplink_dwell_time = true, .max_eirp = 5},
         "0935"},
        {down, TxParamSetupReq{.uplink_dwell_time = true, .max_eirp = 15}, "091f"},
        {down, DlChannelReq{.ch_index = 0, .frequency = 868'100'000}, "0a00287684"},
        {down, RekeyConf{.minor = 1}, "0b01"},
        {down, AdrParamSetupReq{.limit_exp = 6, .delay_exp = 5}, "0c65"},
        {down, DeviceTimeAns{.seconds = 1'139'322'288, .fractional_second = 128}, "0db0ade84380"},
        {down, ForceRejoinReq{.period = 3, .max_retries = 2, .rejoin_type = 2, .data_rate = 5},
         "0e251a"},
        {down,
         ForceRejoinReq{
             .period = 7, .max_retries = 7, .rejoin_type = 7, .data_rate = 15, .rfu = 0xc080},
         "0effff"},
        {down, RejoinParamSetupReq{.max_time_n = 14, .max_count_n = 10}, "0fea"},
        {down, PingSlotInfoAns{}, "10"},
        {down, PingSlotChannelReq{.frequency = 869'525'000, .data_rate = 3}, "11d2ad8403"},
        {down, BeaconTimingAns{.delay = 1000, .channel = 0}, "12e80300"},
        {down, BeaconFreqReq{.frequency = 869'525'000}, "13d2ad84"},
        {down, DeviceModeConf{.device_class = DeviceModeClass::class_c}, "2002"},
        {down, DeviceModeConf{.device_class = DeviceModeClass::class_a}, "2000"},
    };
}

auto all_rows() -> std::vector<Row> {
    auto rows = uplink_rows();
    const auto more = downlink_rows();
    rows.insert(rows.end(), more.begin(), more.end());
    return rows;
}

}  // namespace

TEST_CASE("every MAC command row encodes to its bytes and decodes back") {
    for (const auto& row : all_rows()) {
        DYNAMIC_SECTION(direction_name(row.direction) << " " << row.hex) {
            const auto bytes = bytes_of(row.hex);
            CHECK(to_hex(encode_mac_commands(std::span<const MacCommand>(&row.value, 1))) ==
                  row.hex);
            CHECK(encoded_size(row.value) == bytes.size());

            const auto decoded = decode_mac_commands(bytes, row.direction);
            CHECK_FALSE(decoded.stopped_by);
            CHECK(decoded.unparsed.empty());
            REQUIRE(decoded.commands.size() == 1);
            CHECK(decoded.commands[0] == row.value);
        }
    }
}

TEST_CASE("the round-trip rows cover every command of the CID table") {
    std::set<std::size_t> covered;
    for (const auto& row : all_rows()) {
        const auto index = row.value.index();
        REQUIRE(index < mac_command_table.size());
        CHECK(mac_command_table[index].direction == row.direction);
        covered.insert(index);
    }
    for (std::size_t index = 0; index < mac_command_table.size(); ++index) {
        INFO(mac_command_table[index].name);
        CHECK(covered.count(index) == 1);
    }
}

TEST_CASE("all rows of one direction decode as one run, in order") {
    for (const auto direction : {up, down}) {
        const auto rows = direction == up ? uplink_rows() : downlink_rows();
        std::vector<MacCommand> commands;
        for (const auto& row : rows) {
            commands.push_back(row.value);
        }
        const auto bytes = encode_mac_commands(commands);
        const auto decoded = decode_mac_commands(bytes, direction);
        CHECK_FALSE(decoded.stopped_by);
        CHECK(decoded.commands == commands);
    }
}
