#pragma once
// DeviceModeInd / DeviceModeConf (CID 0x20, LoRaWAN 1.1): the device announces a switch between
// class A and class C; the network confirms the class it will use. LoRaWAN 1.1, chapter 5.

#include <cstddef>
#include <cstdint>

#include "lorawan/bytes.hpp"
#include "lorawan/mac/cid_table.hpp"

namespace hortillon::lorawan {

// The Class byte of DeviceModeInd/Conf. Values other than these two are RFU; they decode as
// their number so that a handler can refuse them and logs can show them.
enum class DeviceModeClass : std::uint8_t {
    class_a = 0x00,
    class_c = 0x02,
};

// Uplink, 1 byte:
//   byte  field  meaning
//   0     Class  0x00 class A, 0x02 class C, others RFU
struct DeviceModeInd {
    static constexpr Cid cid = Cid::device_mode;
    static constexpr Direction direction = Direction::uplink;
    static constexpr std::size_t size = mac_payload_size(cid, direction);

    // The spec's field is "Class", a C++ keyword.
    DeviceModeClass device_class = DeviceModeClass::class_a;

    // Appends the payload (no CID) to `out`. Cannot fail.
    void encode(Bytes& out) const;
    // Reads the payload; RFU class values are kept as numbers. Cannot fail.
    static auto decode(PayloadView<size> payload) -> DeviceModeInd;

    auto operator==(const DeviceModeInd&) const -> bool = default;
};

// Downlink, 1 byte: same layout as DeviceModeInd.
struct DeviceModeConf {
    static constexpr Cid cid = Cid::device_mode;
    static constexpr Direction direction = Direction::downlink;
    static constexpr std::size_t size = mac_payload_size(cid, direction);

    DeviceModeClass device_class = DeviceModeClass::class_a;

    // Appends the payload (no CID) to `out`. Cannot fail.
    void encode(Bytes& out) const;
    // Reads the payload; RFU class values are kept as numbers. Cannot fail.
    static auto decode(PayloadView<size> payload) -> DeviceModeConf;

    auto operator==(const DeviceModeConf&) const -> bool = default;
};

}  // namespace hortillon::lorawan
