#pragma once
// The device codec interface: turns an application payload (FRMPayload after decryption) into
// the JSON object a device's vendor describes, and a downlink request into bytes.
//
// The shape follows the TTN Device Repository contract, so that native C++ codecs and the
// vendors' JavaScript codecs (run later in a duktape worker) sit behind the same interface:
//   decodeUplink({bytes, fPort, recvTime, variables}) -> {data, warnings, errors}
//   encodeDownlink({data, ...})                        -> {bytes, fPort, warnings, errors}
//   decodeDownlink({bytes, fPort})                     -> {data, warnings, errors}
//
// Failure is a value: `errors` is non-empty when the payload could not be decoded in full
// (unknown fPort, truncated frame, bad checksum). `data` may still carry what the vendor's
// codec would have produced for the same bytes; a consumer treats the result as failed.
// No codec throws on device input.

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace hortillon::codecs {

// The application families the registry groups devices by.
enum class Family { bin, water_meter, water_level };

// Where a codec's implementation lives: compiled in, or a vendor JavaScript file.
enum class CodecKind { native, javascript };

// "bin", "water-meter", "water-level".
auto to_string(Family family) -> std::string_view;
// "native", "javascript".
auto to_string(CodecKind kind) -> std::string_view;

struct CodecInfo {
    std::string id;      // e.g. "milesight-iot-em310-udl"; unique in a registry
    std::string vendor;  // e.g. "Milesight"
    std::string device;  // e.g. "EM310-UDL ultrasonic distance sensor"
    Family family = Family::bin;
    CodecKind kind = CodecKind::native;
    bool encodes_downlink = false;
    bool decodes_downlink = false;
};

struct UplinkInput {
    std::span<const std::uint8_t> bytes;
    std::uint8_t f_port = 0;
    std::optional<std::chrono::system_clock::time_point> recv_time = std::nullopt;
    nlohmann::json variables = nlohmann::json::object();  // device-repository "variables"
};

struct DownlinkInput {
    std::span<const std::uint8_t> bytes;
    std::uint8_t f_port = 0;
};

struct CodecResult {
    nlohmann::json data;  // null when nothing was decoded
    std::vector<std::string> warnings;
    std::vector<std::string> errors;

    [[nodiscard]] auto ok() const -> bool { return errors.empty(); }
};

struct EncodeResult {
    std::vector<std::uint8_t> bytes;
    std::uint8_t f_port = 0;
    std::vector<std::string> warnings;
    std::vector<std::string> errors;

    [[nodiscard]] auto ok() const -> bool { return errors.empty(); }
};

// A result that carries only one error message.
auto decode_error(std::string message) -> CodecResult;
auto encode_error(std::string message) -> EncodeResult;

// The TTN JSON forms: {"data", "warnings", "errors"} and {"bytes" (array of numbers), "fPort",
// "warnings", "errors"}. "data" is left out when null.
auto to_json(const CodecResult& result) -> nlohmann::json;
auto to_json(const EncodeResult& result) -> nlohmann::json;

class Codec {
  public:
    Codec() = default;
    Codec(const Codec&) = delete;
    auto operator=(const Codec&) -> Codec& = delete;
    virtual ~Codec();

    [[nodiscard]] virtual auto info() const -> const CodecInfo& = 0;
    [[nodiscard]] virtual auto decode_uplink(const UplinkInput& input) const -> CodecResult = 0;
    // `input` is the whole encodeDownlink input object, normally {"data": {...}}. Some vendors
    // read sibling keys (Ellenex: {"command": 1, "data": {...}}), so the object is passed as is.
    // The default reports that the device takes no downlinks.
    [[nodiscard]] virtual auto encode_downlink(const nlohmann::json& input) const -> EncodeResult;
    // The default reports that the codec cannot decode downlinks.
    [[nodiscard]] virtual auto decode_downlink(const DownlinkInput& input) const -> CodecResult;
};

// Base for compiled codecs: holds the CodecInfo.
class NativeCodec : public Codec {
  public:
    explicit NativeCodec(CodecInfo info);
    [[nodiscard]] auto info() const -> const CodecInfo& final { return info_; }

  private:
    CodecInfo info_;
};

}  // namespace hortillon::codecs
