// The JSON written and read on the event loop for every uplink, per second on one core: the `up`
// event and the device's MAC state, each as the nlohmann tree it was built as before (the
// reference writers of tests/) and as the text writers of today; reading the MAC state back, and
// decoding a PUSH_DATA with one rxpk, both still nlohmann trees.
//   event_json_bench [--iterations N]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "app-server/event_json.hpp"
#include "event_json_reference.hpp"
#include "gateway-bridge/datagram.hpp"
#include "gateway-bridge/push_data.hpp"
#include "lorawan/region/region.hpp"
#include "mac_state_json_reference.hpp"
#include "network-server/mac/mac_state_json.hpp"

using namespace hortillon;
using namespace std::chrono_literals;

namespace {

auto parse_iterations(int argc, char** argv) -> std::size_t {
    std::size_t iterations = 200'000;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::string_view{argv[i]} != "--iterations") {
            std::fprintf(stderr, "unknown option %s\n", argv[i]);
            std::exit(2);
        }
        iterations = static_cast<std::size_t>(std::strtoull(argv[i + 1], nullptr, 10));
    }
    return iterations;
}

// A typical uplink: a fill-level sensor heard by two gateways, one with a location, a decoded
// object of four fields and one tag.
auto typical_uplink() -> app_server::UplinkEvent {
    using namespace app_server;
    const UtcTime time = UtcTime{1'714'564'800s} + 123'456'789ns;
    UplinkEvent event;
    event.deduplication_id = "3ac7e3c4-4401-4b8d-9386-a5c902f9202d";
    event.time = time;
    event.device_info = DeviceInfo{.tenant_id = "52f14cd4-c6f1-4fbd-8f87-4025e1d49242",
                                   .tenant_name = "amiens",
                                   .application_id = "17c82e96-be03-4f38-aef3-f83d48582d97",
                                   .application_name = "bins",
                                   .device_profile_id = "14855bf7-d10d-4aee-b618-ebfcb64dc7ad",
                                   .device_profile_name = "em310",
                                   .device_name = "bin-12",
                                   .dev_eui = lorawan::Eui64{0x0102030405060708},
                                   .device_class = storage::DeviceClass::a,
                                   .tags = R"({"street":"rue Saint-Leu"})"};
    event.dev_addr = lorawan::DevAddr{0x00189440};
    event.adr = true;
    event.dr = 5;
    event.f_cnt = 10'345;
    event.f_port = 85;
    event.data = {0x01, 0x75, 0x5c, 0x03, 0x67, 0x10, 0x01, 0x04, 0x82, 0x00, 0x01};
    event.object = nlohmann::json{
        {"battery", 92}, {"distance", 1234}, {"position", "normal"}, {"temperature", 21.5}};
    RxInfo first{.gateway_id = lorawan::Eui64{0x0016c001f153a14c},
                 .uplink_id = 4'217'106'255,
                 .ns_time = time,
                 .gw_time = std::nullopt,
                 .rssi = -96,
                 .snr = 7.5,
                 .channel = 2,
                 .rf_chain = 1,
                 .location = Location{49.894, 2.2957, 33.0},
                 .tmst = 0x13739639};
    RxInfo second = first;
    second.gateway_id = lorawan::Eui64{0x0016c001f153a14d};
    second.rssi = -112;
    second.snr = -3.25;
    second.location.reset();
    event.rx_info = {first, second};
    event.tx_info = app_server::TxInfo{
        867'100'000, gateway_bridge::LoraModulation{7, 125'000, gateway_bridge::CodeRate::cr_4_5}};
    return event;
}

// A joined EU868 device with CFList channels, ADR settled and a full ADR history.
auto typical_mac_state() -> network_server::DeviceMacState {
    auto state = network_server::default_mac_state(lorawan::region::eu868);
    state.dr = 5;
    state.tx_power_index = 2;
    state.extra_channels = {{3, 867'100'000, 0, 5},
                            {4, 867'300'000, 0, 5},
                            {5, 867'500'000, 0, 5},
                            {6, 867'700'000, 0, 5},
                            {7, 867'900'000, 0, 5}};
    for (std::size_t i = 3; i < 8; ++i) {
        state.enabled_channels.set(i);
    }
    state.rx2_dr = 3;
    state.last_device_status = network_server::DeviceStatus{254, 10, {}};
    for (std::uint32_t f_cnt = 10'326; f_cnt < 10'346; ++f_cnt) {
        state.adr_history.push_back({f_cnt, 7.5 - 0.25 * (f_cnt % 7), 2, 5});
    }
    return state;
}

// A Semtech UDP PUSH_DATA (protocol 2) with one rxpk, as a packet forwarder sends it.
auto typical_push_data() -> lorawan::Bytes {
    lorawan::Bytes datagram{0x02, 0x12, 0x34, 0x00, 0xaa, 0x55, 0x5a, 0x00, 0x00, 0x00, 0x00, 0x01};
    const std::string_view body =
        R"({"rxpk":[{"tmst":3512348611,"chan":2,"rfch":0,"freq":866.349812,"stat":1,)"
        R"("modu":"LORA","datr":"SF7BW125","codr":"4/6","rssi":-35,"lsnr":5.1,"size":37,)"
        R"("data":"QAQDAgGAAQABppRkJhXWw7WC5ewgHXvTDXaj/Vi5W1MO5xhSKg=="}]})";
    datagram.insert(datagram.end(), body.begin(), body.end());
    return datagram;
}

// Runs `work` `iterations` times; prints operations per second and returns the bytes produced.
template <class Work>
auto measure(const char* name, std::size_t iterations, Work work) -> std::size_t {
    std::size_t bytes = 0;
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < iterations; ++i) {
        bytes += work();
    }
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    std::printf("  %-34s %10.0f /s  %7.0f ns each\n", name,
                static_cast<double>(iterations) / elapsed.count(),
                elapsed.count() * 1e9 / static_cast<double>(iterations));
    return bytes;
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t iterations = parse_iterations(argc, argv);
    const auto uplink = typical_uplink();
    const auto state = typical_mac_state();
    const std::string event_text = app_server::to_json_text(uplink);
    const std::string state_text = network_server::mac_state_to_json(state);
    if (event_text != app_server::test::reference_json(uplink).dump() ||
        state_text != network_server::test::reference_mac_state_json(state)) {
        std::fprintf(stderr, "event_json_bench: a text writer differs from its reference\n");
        return 1;
    }
    std::printf("event_json_bench: %zu iterations, up event %zu bytes, MAC state %zu bytes\n",
                iterations, event_text.size(), state_text.size());

    std::size_t checksum = 0;
    checksum += measure("up event, nlohmann tree + dump", iterations,
                        [&] { return app_server::test::reference_json(uplink).dump().size(); });
    checksum += measure("up event, text writer", iterations,
                        [&] { return app_server::to_json_text(uplink).size(); });
    checksum += measure("MAC state, nlohmann tree + dump", iterations, [&] {
        return network_server::test::reference_mac_state_json(state).size();
    });
    checksum += measure("MAC state, text writer", iterations,
                        [&] { return network_server::mac_state_to_json(state).size(); });
    const auto defaults = network_server::default_mac_state(lorawan::region::eu868);
    checksum += measure("MAC state, read (nlohmann parse)", iterations, [&] {
        return network_server::mac_state_from_json(state_text, defaults)->adr_history.size();
    });
    const auto push_data = typical_push_data();
    const auto decoded =
        gateway_bridge::decode_push_data(*gateway_bridge::decode_datagram(push_data));
    if (!decoded || decoded->frames.size() != 1) {
        std::fprintf(stderr, "event_json_bench: the PUSH_DATA does not decode to one frame\n");
        return 1;
    }
    checksum += measure("PUSH_DATA, decode (nlohmann parse)", iterations, [&] {
        return gateway_bridge::decode_push_data(*gateway_bridge::decode_datagram(push_data))
            ->frames.front()
            .phy_payload.size();
    });
    std::printf("event_json_bench: checksum %zu\n", checksum);
    return 0;
}
