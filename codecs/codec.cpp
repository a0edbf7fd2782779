#include "codecs/codec.hpp"

#include <utility>

namespace hortillon::codecs {

auto to_string(Family family) -> std::string_view {
    switch (family) {
        case Family::bin:
            return "bin";
        case Family::water_meter:
            return "water-meter";
        case Family::water_level:
            return "water-level";
    }
    return "unknown";
}

auto to_string(CodecKind kind) -> std::string_view {
    switch (kind) {
        case CodecKind::native:
            return "native";
        case CodecKind::javascript:
            return "javascript";
    }
    return "unknown";
}

auto decode_error(std::string message) -> CodecResult {
    CodecResult result;
    result.errors.push_back(std::move(message));
    return result;
}

auto encode_error(std::string message) -> EncodeResult {
    EncodeResult result;
    result.errors.push_back(std::move(message));
    return result;
}

auto to_json(const CodecResult& result) -> nlohmann::json {
    nlohmann::json out = nlohmann::json::object();
    if (!result.data.is_null())
        out["data"] = result.data;
    out["warnings"] = result.warnings;
    out["errors"] = result.errors;
    return out;
}

auto to_json(const EncodeResult& result) -> nlohmann::json {
    nlohmann::json out = nlohmann::json::object();
    if (result.errors.empty()) {
        out["bytes"] = result.bytes;
        out["fPort"] = result.f_port;
    }
    out["warnings"] = result.warnings;
    out["errors"] = result.errors;
    return out;
}

Codec::~Codec() = default;

auto Codec::encode_downlink(const nlohmann::json& /*input*/) const -> EncodeResult {
    return encode_error(info().id + ": this device takes no downlink commands");
}

auto Codec::decode_downlink(const DownlinkInput& /*input*/) const -> CodecResult {
    return decode_error(info().id + ": this codec does not decode downlinks");
}

NativeCodec::NativeCodec(CodecInfo info) : info_(std::move(info)) {}

}  // namespace hortillon::codecs
