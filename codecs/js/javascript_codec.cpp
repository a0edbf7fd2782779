#include "codecs/js/javascript_codec.hpp"

#include <openssl/evp.h>

#include <array>
#include <chrono>

namespace hortillon::codecs::js {

namespace {
using nlohmann::json;

// Warnings and errors as the codec gave them: an array of anything (non-strings as JSON) or
// a single string.
auto messages(const json& result, const char* key) -> std::vector<std::string> {
    std::vector<std::string> out;
    const auto found = result.find(key);
    if (found == result.end() || found->is_null())
        return out;
    const auto text = [](const json& item) {
        return item.is_string() ? item.get<std::string>() : item.dump();
    };
    if (found->is_array()) {
        for (const json& item : *found)
            out.push_back(text(item));
    } else {
        out.push_back(text(*found));
    }
    return out;
}

auto to_codec_result(const json& result, std::string_view function) -> CodecResult {
    if (!result.is_object())
        return decode_error(std::string(function) + " returned " + result.type_name() +
                            " instead of an object {data, warnings, errors}");
    CodecResult out;
    if (auto data = result.find("data"); data != result.end())
        out.data = *data;
    out.warnings = messages(result, "warnings");
    out.errors = messages(result, "errors");
    return out;
}

auto to_encode_result(const json& result) -> EncodeResult {
    if (!result.is_object())
        return encode_error(std::string("encodeDownlink returned ") + result.type_name() +
                            " instead of an object {bytes, fPort, warnings, errors}");
    EncodeResult out;
    out.warnings = messages(result, "warnings");
    out.errors = messages(result, "errors");
    if (!out.errors.empty())
        return out;
    const auto bytes = result.find("bytes");
    if (bytes == result.end() || !bytes->is_array())
        return encode_error("encodeDownlink returned no bytes array");
    for (const json& byte : *bytes) {
        if (!byte.is_number_integer() || byte.get<std::int64_t>() < 0 ||
            byte.get<std::int64_t>() > 255)
            return encode_error("encodeDownlink returned a byte that is not an integer 0..255: " +
                                byte.dump());
        out.bytes.push_back(static_cast<std::uint8_t>(byte.get<int>()));
    }
    if (auto f_port = result.find("fPort"); f_port != result.end() && !f_port->is_null()) {
        if (!f_port->is_number_integer() || f_port->get<std::int64_t>() < 1 ||
            f_port->get<std::int64_t>() > 255)
            return encode_error("encodeDownlink returned an fPort outside 1..255: " +
                                f_port->dump());
        out.f_port = static_cast<std::uint8_t>(f_port->get<int>());
    }
    return out;
}

auto bytes_input(std::span<const std::uint8_t> bytes, std::uint8_t f_port) -> json {
    json input = {{"bytes", json::array()}, {"fPort", f_port}};
    for (const std::uint8_t byte : bytes)
        input["bytes"].push_back(byte);
    return input;
}
}  // namespace

auto codec_version_key(std::string_view id, std::string_view source) -> std::string {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    EVP_Digest(source.data(), source.size(), digest.data(), &length, EVP_sha256(), nullptr);
    constexpr std::string_view hex = "0123456789abcdef";
    std::string key(id);
    key += '@';
    for (unsigned int i = 0; i < length; ++i) {
        key += hex[digest[i] >> 4];
        key += hex[digest[i] & 0x0f];
    }
    return key;
}

JavaScriptCodec::JavaScriptCodec(JavaScriptCodecDefinition definition,
                                 std::shared_ptr<CodecWorkerPool> pool)
    : info_(std::move(definition.info)),
      source_(std::move(definition.source)),
      key_(codec_version_key(info_.id, source_)),
      pool_(std::move(pool)) {
    info_.kind = CodecKind::javascript;
}

auto JavaScriptCodec::run(const char* function, json input) const -> Result<json, std::string> {
    WorkerCall call;
    call.key = key_;
    call.name = info_.id;
    call.source = &source_;
    call.function = function;
    call.input = std::move(input);
    return pool_->call(call);
}

auto JavaScriptCodec::decode_uplink(const UplinkInput& input) const -> CodecResult {
    json request = bytes_input(input.bytes, input.f_port);
    request["variables"] = input.variables.is_object() ? input.variables : json::object();
    if (input.recv_time)
        request["recvTime"] = std::chrono::duration_cast<std::chrono::milliseconds>(
                                  input.recv_time->time_since_epoch())
                                  .count();
    auto result = run("decodeUplink", std::move(request));
    if (!result)
        return decode_error(result.error());
    return to_codec_result(*result, "decodeUplink");
}

auto JavaScriptCodec::encode_downlink(const json& input) const -> EncodeResult {
    if (!info_.encodes_downlink)
        return Codec::encode_downlink(input);
    auto result = run("encodeDownlink", input);
    if (!result)
        return encode_error(result.error());
    return to_encode_result(*result);
}

auto JavaScriptCodec::decode_downlink(const DownlinkInput& input) const -> CodecResult {
    if (!info_.decodes_downlink)
        return Codec::decode_downlink(input);
    json request = bytes_input(input.bytes, input.f_port);
    request["variables"] = json::object();
    auto result = run("decodeDownlink", std::move(request));
    if (!result)
        return decode_error(result.error());
    return to_codec_result(*result, "decodeDownlink");
}

auto check_javascript_codec(CodecWorkerPool& pool, std::string_view id, const std::string& source)
    -> Result<CodecFunctions, std::string> {
    WorkerCall call;
    call.op = "check";
    call.key = codec_version_key(id, source);
    call.name = std::string(id);
    call.source = &source;
    auto result = pool.call(call);
    if (!result)
        return Unexpected{result.error()};
    return CodecFunctions{.decode_uplink = result->value("decodeUplink", false),
                          .encode_downlink = result->value("encodeDownlink", false),
                          .decode_downlink = result->value("decodeDownlink", false)};
}

}  // namespace hortillon::codecs::js
