#pragma once
// Steps the gateway-to-session tests share: reading a downlink's timing, decrypting what the
// application got as the device would, and waiting for a counter the server's thread sets.

#include <catch2/catch.hpp>

#include <cstdint>
#include <string_view>

#include "gateway_simulator.hpp"
#include "lorawan/crypto/aes128.hpp"
#include "lorawan/crypto/data_frame_crypto.hpp"
#include "server_fixture.hpp"
#include "simulated_device.hpp"
#include "uplink_steps.hpp"

namespace hortillon::test_support {

// The gateway timestamp a PULL_RESP is to be sent at.
inline auto tmst_of(const PullResp& resp) -> std::uint32_t {
    return std::get<gateway_bridge::GatewayTimestamp>(resp.frame.timing).value;
}

// The plain FRMPayload of an uplink the application got, decrypted with the device's AppSKey.
inline auto decrypt_uplink(const SimulatedDevice& device, const UplinkSeen& seen)
    -> lorawan::Bytes {
    return lorawan::encrypt_frm_payload(lorawan::Aes128(device.keys().app_s_key),
                                        lorawan::Direction::uplink, device.dev_addr(), seen.f_cnt,
                                        seen.frm_payload);
}

// Waits until the server has counted `name` `expected` times, and no more.
inline void wait_for_counter(ServerFixture& server, std::string_view name, std::uint64_t expected) {
    REQUIRE(eventually([&] { return server.counter(name) >= expected; }));
    CHECK(server.counter(name) == expected);
}

}  // namespace hortillon::test_support
