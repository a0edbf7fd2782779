#include <catch2/catch.hpp>

#include "network-server/mac/uplink_mac_commands.hpp"
#include "network-server/radio.hpp"
#include "network-server/receive_windows.hpp"

using namespace hortillon;
using namespace hortillon::network_server;
using namespace std::chrono_literals;
namespace region = lorawan::region;

TEST_CASE("EU868 class A: RX1 one second after the uplink on its frequency, RX2 at 869.525 DR0") {
    const UplinkRadio uplink{.frequency_hz = 868'300'000, .dr = 5, .tmst = {1'000'000}};
    RxSettings settings = default_rx_settings(region::eu868);
    settings.rx1_dr_offset = 2;
    auto rx1 = plan_rx1(region::eu868, settings, uplink);
    REQUIRE(rx1);
    CHECK(std::get<gateway_bridge::GatewayTimestamp>(rx1->frame.timing).value == 2'000'000);
    CHECK(rx1->frame.frequency_hz == 868'300'000);
    CHECK(rx1->dr == 3);
    CHECK(std::get<gateway_bridge::LoraModulation>(rx1->frame.modulation).spreading_factor == 9);
    CHECK(rx1->frame.power_dbm == 16);
    CHECK(rx1->frame.invert_polarity);

    auto rx2 = plan_rx2(region::eu868, settings, uplink);
    REQUIRE(rx2);
    CHECK(std::get<gateway_bridge::GatewayTimestamp>(rx2->frame.timing).value == 3'000'000);
    CHECK(rx2->frame.frequency_hz == 869'525'000);
    CHECK(rx2->dr == 0);
    CHECK(rx2->frame.power_dbm == 29);  // the 869.4-869.65 MHz sub-band allows 27 dBm ERP
}

TEST_CASE("receive windows wrap with the 32-bit gateway counter") {
    const UplinkRadio uplink{.frequency_hz = 868'100'000, .dr = 0, .tmst = {0xffff'0000}};
    auto join = plan_rx1(region::eu868, join_accept_rx_settings(region::eu868), uplink);
    REQUIRE(join);
    CHECK(std::get<gateway_bridge::GatewayTimestamp>(join->frame.timing).value ==
          5'000'000 - 0x1'0000);
    CHECK(join->delay_after_uplink == 5s);
    auto rx2 = plan_rx2(region::eu868, join_accept_rx_settings(region::eu868), uplink);
    CHECK(std::get<gateway_bridge::GatewayTimestamp>(rx2->frame.timing).value ==
          6'000'000 - 0x1'0000);
}

TEST_CASE("US915 RX1 goes to downlink channel (uplink channel mod 8) at the mapped DR") {
    const UplinkRadio uplink{.frequency_hz = 903'900'000, .dr = 0, .tmst = {0}};  // channel 8
    auto rx1 = plan_rx1(region::us915, default_rx_settings(region::us915), uplink);
    REQUIRE(rx1);
    CHECK(rx1->frame.frequency_hz == 923'300'000);
    CHECK(rx1->dr == 10);
    auto now = plan_immediate(region::us915, default_rx_settings(region::us915));
    REQUIRE(now);
    CHECK(std::holds_alternative<gateway_bridge::SendImmediately>(now->frame.timing));
    CHECK(now->frame.frequency_hz == 923'300'000);
    CHECK(now->dr == 8);
}

TEST_CASE("an uplink frequency outside the region is refused") {
    const UplinkRadio uplink{.frequency_hz = 915'000'000, .dr = 5, .tmst = {0}};
    CHECK_FALSE(plan_rx1(region::eu868, default_rx_settings(region::eu868), uplink));
}

TEST_CASE("uplink modulations map to the region's DRs") {
    CHECK(uplink_data_rate(region::eu868, gateway_bridge::LoraModulation{7, 125'000, {}}) == 5);
    CHECK(uplink_data_rate(region::eu868, gateway_bridge::LoraModulation{12, 125'000, {}}) == 0);
    CHECK_FALSE(uplink_data_rate(region::eu868, gateway_bridge::LoraModulation{7, 500'000, {}}));
    CHECK(uplink_data_rate(region::us915, gateway_bridge::LoraModulation{8, 500'000, {}}) == 4);
}

TEST_CASE("the gateway with the best link margin carries the downlink; LinkCheckAns reports it") {
    std::vector<gateway_bridge::UplinkRxInfo> rx(3);
    rx[0].lsnr = 2.5;
    rx[0].rssi = -100;
    rx[1].lsnr = 9.0;
    rx[1].rssi = -110;
    rx[2].lsnr = 9.0;
    rx[2].rssi = -90;
    rx[2].gateway_eui = lorawan::Eui64{3};
    CHECK(best_gateway(rx, [](const auto&) { return true; }) == 2);
    CHECK(best_gateway(rx, [](const auto& r) { return r.gateway_eui != lorawan::Eui64{3}; }) == 1);
    CHECK_FALSE(best_gateway(rx, [](const auto&) { return false; }));

    const UplinkMacContext context{.rx_infos = rx, .spreading_factor = 7, .received_at = {}};
    const auto answer = answer_link_check(context);
    CHECK(answer.gw_cnt == 3);
    CHECK(answer.margin == 16);  // 9 dB SNR - (-7.5 dB) required at SF7
}

TEST_CASE("DeviceTimeAns counts GPS seconds, from the gateway's GPS time when it has one") {
    // 2016-02-12 14:24:31 UTC = 1139322288 s since the GPS epoch (LoRaWAN 1.1 §5.9, 17 leap s);
    // with 18 leap seconds since 2017 the same UTC instant today would count one more.
    const auto utc = std::chrono::system_clock::time_point{std::chrono::seconds{1455287071}};
    const UplinkMacContext server_time{
        .rx_infos = {}, .spreading_factor = 7, .received_at = utc + 500ms};
    const auto answer = answer_device_time(server_time);
    CHECK(answer.seconds == 1139322288 + 1);
    CHECK(answer.fractional_second == 128);

    std::vector<gateway_bridge::UplinkRxInfo> rx(1);
    rx[0].gps_time = gateway_bridge::GpsTime{std::chrono::milliseconds{1'000'250}};
    const auto from_gateway =
        answer_device_time({.rx_infos = rx, .spreading_factor = 7, .received_at = utc});
    CHECK(from_gateway.seconds == 1000);
    CHECK(from_gateway.fractional_second == 64);
}
