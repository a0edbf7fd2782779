#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <string>

#include "mac_state_json_reference.hpp"
#include "network-server/mac/mac_state_json.hpp"

using namespace hortillon;
using namespace hortillon::network_server;
using namespace std::chrono_literals;
namespace region = lorawan::region;

namespace {

// A state with every member away from its default.
auto busy_state() -> DeviceMacState {
    DeviceMacState state = default_mac_state(region::eu868);
    state.dr = 5;
    state.tx_power_index = 3;
    state.nb_trans = 2;
    state.enabled_channels.set(3);
    state.enabled_channels.set(95);
    state.extra_channels = {{3, 867'100'000, 0, 5}, {4, 867'300'000, 1, 4}};
    state.downlink_frequencies_hz = {{0, 869'000'000}, {3, 868'500'000}};
    state.rx1_dr_offset = 2;
    state.rx2_dr = 3;
    state.rx2_frequency_hz = 869'100'000;
    state.rx1_delay = 5s;
    state.max_duty_cycle = 7;
    state.tx_params = TxParams{true, false, 9};
    state.adr_ack = AdrAckParams{7, 6};
    state.rejoin = RejoinParams{3, 4, false};
    state.pending = {
        {{lorawan::LinkAdrReq{
              .data_rate = 7, .tx_power = 4, .ch_mask = 0xff00, .ch_mask_cntl = 7, .nb_trans = 3},
          lorawan::LinkAdrReq{.data_rate = 3, .tx_power = 2, .ch_mask = 0x00ff, .nb_trans = 1}},
         2,
         3},
        {{lorawan::DevStatusReq{}}, 0, 1},
    };
    state.rejected = {lorawan::RxParamSetupReq{.rx1_dr_offset = 7, .frequency = 869'525'000},
                      lorawan::NewChannelReq{.ch_index = 9, .frequency = 868'900'000}};
    state.link_adr_limits.max_dr = 4;
    state.link_adr_limits.min_tx_power_index = 1;
    state.link_adr_limits.max_tx_power_index = 6;
    state.link_adr_limits.rejected_channel_mask = region::ChannelMask{0x18};
    state.dev_status_requested_at = SystemTime{1'700'000'000'123ms};
    state.last_device_status = DeviceStatus{0, -32, SystemTime{1'700'000'100'000ms}};
    state.adr_history = {{10, 7.25, 3, 5}, {12, -19.5, 3, 5}, {4'000'000'000, 0, 3, 5}};
    return state;
}

// Every member set: every optional, channels, downlink frequencies, requests, a full ADR
// history whose SNRs need nlohmann's number forms (17 digits, exponents, integral doubles).
auto rich_state() -> DeviceMacState {
    DeviceMacState state = busy_state();
    state.enabled_channels = region::ChannelMask{};
    for (std::size_t i : {0U, 1U, 2U, 7U, 8U, 15U, 16U, 63U, 64U, 71U, 80U, 95U}) {
        state.enabled_channels.set(i);
    }
    state.extra_channels = {{3, 867'100'000, 0, 5}, {4, 867'300'000, 0, 5},
                            {5, 867'500'000, 0, 5}, {6, 867'700'000, 0, 5},
                            {7, 867'900'000, 6, 7}, {15, 4'294'967'295, 255, 255}};
    state.downlink_frequencies_hz = {{0, 869'000'000}, {3, 868'500'000}, {15, 4'294'967'295}};
    state.tx_params = TxParams{false, true, 15};
    state.rejoin = RejoinParams{15, 15, true};
    state.pending.push_back(
        {{lorawan::NewChannelReq{.ch_index = 5, .frequency = 867'500'000, .max_dr = 5, .min_dr = 0},
          lorawan::NewChannelReq{
              .ch_index = 6, .frequency = 867'700'000, .max_dr = 5, .min_dr = 0}},
         65'535,
         65'535});
    state.dev_status_requested_at = SystemTime{-1'000ms};  // before 1970: a negative number
    state.last_device_status = DeviceStatus{254, 31, SystemTime{1'700'000'100'001ms}};
    const std::array<double, 8> snrs{0.1, -7.25, 1e-5, 12.0, 1.0 / 3.0, -0.0, 123456789.125, 2e16};
    state.adr_history.clear();
    for (std::uint32_t i = 0; i < adr_history_size; ++i) {
        state.adr_history.push_back({4'294'967'295U - i, snrs[i % snrs.size()] * (i + 1),
                                     static_cast<std::uint8_t>(i % 8),
                                     static_cast<std::uint8_t>(i % 16)});
    }
    return state;
}

auto fails_with(std::string_view json) -> std::optional<MacStateJsonError> {
    auto read = mac_state_from_json(json, default_mac_state(region::eu868));
    return read ? std::nullopt : std::optional{read.error()};
}

}  // namespace

TEST_CASE("MAC state JSON round trip keeps every member") {
    const DeviceMacState state = busy_state();
    const std::string json = mac_state_to_json(state);
    CHECK(json.size() < 1000);  // compact enough for a store column
    auto read = mac_state_from_json(json, default_mac_state(region::us915));
    REQUIRE(read);
    CHECK(*read == state);
    CHECK(read->pending[0].commands.size() == 2);
    CHECK(mac_state_to_json(*read) == json);

    const DeviceMacState plain = default_mac_state(region::eu868);
    auto plain_read = mac_state_from_json(mac_state_to_json(plain), busy_state());
    REQUIRE(plain_read);
    // Optional members absent from the document keep the defaults given (busy ones here).
    CHECK(plain_read->dr == plain.dr);
    CHECK(plain_read->enabled_channels == plain.enabled_channels);
    CHECK(plain_read->pending.empty());
    CHECK(plain_read->tx_params == busy_state().tx_params);
}

TEST_CASE("MAC state JSON: missing members take the defaults, unknown members are ignored") {
    const DeviceMacState defaults = busy_state();
    auto empty = mac_state_from_json("{}", defaults);
    REQUIRE(empty);
    CHECK(*empty == defaults);

    auto partial = mac_state_from_json(R"({"dr":1,"future_member":[1,2,3]})", defaults);
    REQUIRE(partial);
    CHECK(partial->dr == 1);
    CHECK(partial->tx_power_index == defaults.tx_power_index);
    CHECK(partial->adr_history == defaults.adr_history);

    auto written = mac_state_from_json(R"({"version":1,"rx1_delay":3})", defaults);
    REQUIRE(written);
    CHECK(written->rx1_delay == 3s);
}

TEST_CASE("MAC state JSON errors") {
    CHECK(fails_with("") == MacStateJsonError::malformed_json);
    CHECK(fails_with("{\"dr\":") == MacStateJsonError::malformed_json);
    CHECK(fails_with("[1,2]") == MacStateJsonError::not_an_object);
    CHECK(fails_with(R"({"version":2})") == MacStateJsonError::unsupported_version);
    CHECK(fails_with(R"({"version":"1"})") == MacStateJsonError::bad_field);
    CHECK(fails_with(R"({"dr":"5"})") == MacStateJsonError::bad_field);
    CHECK(fails_with(R"({"dr":256})") == MacStateJsonError::bad_field);
    CHECK(fails_with(R"({"dr":-1})") == MacStateJsonError::bad_field);
    CHECK(fails_with(R"({"enabled_channels":"ff"})") == MacStateJsonError::bad_field);
    CHECK(fails_with(R"({"extra_channels":[[3,867100000,0]]})") == MacStateJsonError::bad_field);
    CHECK(fails_with(R"({"pending":[["zz",0,1]]})") == MacStateJsonError::bad_field);
    CHECK(fails_with(R"({"pending":[["03",0,1]]})") == MacStateJsonError::bad_field);  // cut
    CHECK(fails_with(R"({"last_device_status":[254,40,0]})") == MacStateJsonError::bad_field);
    CHECK(fails_with(R"({"tx_params":[0,0,15]})") == MacStateJsonError::bad_field);
    CHECK(fails_with(R"({"link_adr_limits":{"max_dr":"x"}})") == MacStateJsonError::bad_field);
    std::string long_history = R"({"adr_history":[[0,0,0,0])";
    for (int i = 1; i <= 20; ++i) {  // 21 rows, one more than a history holds
        long_history.append(",[").append(std::to_string(i)).append(",0,0,0]");
    }
    long_history.append("]}");
    CHECK(fails_with(long_history) == MacStateJsonError::bad_field);
    CHECK(to_string(MacStateJsonError::bad_field) == "bad_field");
}

TEST_CASE("MAC state JSON text is the nlohmann tree's dump, byte for byte") {
    const DeviceMacState rich = rich_state();
    const std::string text = mac_state_to_json(rich);
    CHECK(text == test::reference_mac_state_json(rich));
    CHECK(text.starts_with(R"({"adr_ack":[7,6],"adr_history":[[4294967295,0.1,0,0],)"));
    CHECK(text.find(R"("dev_status_requested_at":-1000,)") != std::string::npos);
    CHECK(text.ends_with(R"("tx_params":[false,true,15],"tx_power_index":3,"version":1})"));

    CHECK(mac_state_to_json(busy_state()) == test::reference_mac_state_json(busy_state()));
    const DeviceMacState plain = default_mac_state(region::eu868);
    CHECK(mac_state_to_json(plain) == test::reference_mac_state_json(plain));
    CHECK(mac_state_to_json(DeviceMacState{}) == test::reference_mac_state_json(DeviceMacState{}));
    // An empty LinkAdrLimits object and empty arrays, as nlohmann writes them.
    CHECK(mac_state_to_json(DeviceMacState{}).find(R"("link_adr_limits":{},)") !=
          std::string::npos);

    // A non-finite SNR is written as nlohmann writes it (null); such a document does not load.
    DeviceMacState odd = plain;
    odd.adr_history = {{1, std::numeric_limits<double>::quiet_NaN(), 0, 0},
                       {2, std::numeric_limits<double>::infinity(), 0, 0}};
    CHECK(mac_state_to_json(odd) == test::reference_mac_state_json(odd));
}

TEST_CASE("MAC state JSON round trip of a state with every member set") {
    const DeviceMacState rich = rich_state();
    REQUIRE(rich.adr_history.size() == adr_history_size);
    const std::string text = mac_state_to_json(rich);
    auto read = mac_state_from_json(text, default_mac_state(region::us915));
    REQUIRE(read);
    CHECK(*read == rich);
    CHECK(std::signbit(read->adr_history[5].max_snr_db));  // -0.0 kept its sign
    CHECK(read->pending.size() == 3);
    CHECK(read->dev_status_requested_at == SystemTime{-1'000ms});
    CHECK(mac_state_to_json(*read) == text);
}
