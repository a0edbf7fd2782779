#pragma once
// Decentlab protocol v2, shared by every Decentlab sensor (DL-PR26, DL-MBX, ...).
//
// Uplink, all integers u16 BE:
//
//   offset  size  field
//   0       1     protocol version, must be 2
//   1       2     device id                                 -> device_id
//   3       2     flags: bit i set <=> sensor group i present
//   5       ...   for each present group i = 0, 1, ...: `length` words of u16 BE
//
// Each group turns its words into one or more values, emitted as
// {"displayName": ..., "value": ..., "unit": ...} under the value's name.
//
// Downlink (both directions, fPort 1, exactly 6 bytes):
//
//   offset  size  field
//   0       2     command, u16 BE (decentlab_downlink.cpp has the table)
//   2       2     parameter, u16 BE (0 for commands without one)
//   4       2     CRC-16/MODBUS of bytes 0-3, transmitted high byte first

#include <cstddef>
#include <span>
#include <string_view>
#include <utility>

#include "codecs/codec.hpp"
#include "codecs/payload_reader.hpp"

namespace hortillon::codecs {

struct DecentlabValue {
    std::string_view name;          // JSON key, e.g. "pressure"
    std::string_view display_name;  // e.g. "Pressure"
    std::string_view unit;          // empty: no "unit" key
    // The vendor's formula, in double arithmetic in the vendor's order.
    double (*convert)(std::span<const double> words);
};

struct DecentlabSensorGroup {
    std::size_t length;  // words
    std::span<const DecentlabValue> values;
};

auto decode_decentlab_uplink(ByteView payload, std::span<const DecentlabSensorGroup> groups)
    -> CodecResult;

auto decentlab_encode_downlink(const nlohmann::json& input) -> EncodeResult;
auto decentlab_decode_downlink(const DownlinkInput& input) -> CodecResult;

// A Decentlab device: the shared protocol with the device's own sensor groups. Every Decentlab
// device takes the same configuration downlinks.
class DecentlabCodec final : public NativeCodec {
  public:
    DecentlabCodec(CodecInfo info, std::span<const DecentlabSensorGroup> groups)
        : NativeCodec(std::move(info)), groups_(groups) {}

    [[nodiscard]] auto decode_uplink(const UplinkInput& input) const -> CodecResult override {
        return decode_decentlab_uplink(input.bytes, groups_);
    }
    [[nodiscard]] auto encode_downlink(const nlohmann::json& input) const -> EncodeResult override {
        return decentlab_encode_downlink(input);
    }
    [[nodiscard]] auto decode_downlink(const DownlinkInput& input) const -> CodecResult override {
        return decentlab_decode_downlink(input);
    }

  private:
    std::span<const DecentlabSensorGroup> groups_;  // static tables of the device's file
};

}  // namespace hortillon::codecs
