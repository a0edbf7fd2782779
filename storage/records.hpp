#pragma once
// Rows of the tenancy tables: tenants, applications, device profiles and gateways.
//
// To create one, fill a value and pass it to the store's create_*; `id` and `created_at` are
// assigned by the store and whatever they hold is ignored. Ids are random UUID v4 strings.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "lorawan/identifiers.hpp"
#include "lorawan/mac_version.hpp"
#include "storage/dev_addr_prefix.hpp"

namespace hortillon::storage {

using Timestamp = std::chrono::system_clock::time_point;

// A commune: it owns applications, device profiles and gateways, and sees only those.
struct Tenant {
    std::string id{};
    std::string name{};  // unique among tenants
    // Where its devices' DevAddrs are allocated; nullopt: the network's whole range.
    std::optional<DevAddrPrefix> dev_addr_prefix{};
    Timestamp created_at{};
};

// A group of devices of one tenant that one integration consumes (MQTT topic application/{id}).
struct Application {
    std::string id{};
    std::string tenant_id{};
    std::string name{};  // unique within the tenant
    std::string description{};
    Timestamp created_at{};
};

// Class B is not offered: the network server does not schedule ping slots.
enum class DeviceClass : std::uint8_t { a, c };

// "A" or "C" (either case); nullopt otherwise.
auto parse_device_class(std::string_view text) -> std::optional<DeviceClass>;
auto to_string(DeviceClass device_class) -> std::string_view;

// What a kind of device can do and how the network talks to it.
struct DeviceProfile {
    std::string id{};
    std::string tenant_id{};
    std::string name{};  // unique within the tenant
    std::string region = "EU868";
    lorawan::MacVersion mac_version = lorawan::MacVersion::v1_0_3;
    DeviceClass device_class = DeviceClass::a;
    std::chrono::seconds rx1_delay{1};  // 1..15 s
    std::uint8_t rx1_dr_offset = 0;
    // nullopt: the region's RX2 data rate. (DR0 is a real choice, so 0 cannot mean "default".)
    std::optional<std::uint8_t> rx2_dr{};
    std::uint32_t rx2_frequency_hz = 0;  // 0: the region's RX2 frequency
    std::optional<std::string> codec_id{};
    bool adr_enabled = true;
    bool supports_otaa = true;
    std::chrono::seconds device_status_interval{0};  // 0: never send DevStatusReq
    // ADR: installation margin, the DR range it may set, the most repetitions it may ask for.
    double adr_margin_db = 10;
    std::uint8_t adr_min_dr = 0;
    std::uint8_t adr_max_dr = 15;  // capped to the region's highest uplink DR
    std::uint8_t adr_max_nb_trans = 3;
    Timestamp created_at{};
};

struct GatewayLocation {
    double latitude = 0;               // degrees, WGS 84
    double longitude = 0;              // degrees, WGS 84
    std::optional<double> altitude{};  // metres

    auto operator==(const GatewayLocation&) const -> bool = default;
};

struct Gateway {
    lorawan::Eui64 gateway_id{};
    std::string tenant_id{};
    std::string name{};
    std::string description{};
    std::optional<GatewayLocation> location{};
    std::optional<Timestamp> last_seen_at{};  // the last PUSH_DATA or PULL_DATA
    Timestamp created_at{};
};

}  // namespace hortillon::storage
