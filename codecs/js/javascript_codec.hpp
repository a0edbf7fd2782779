#pragma once
// A device codec written in JavaScript to the TTN Device Repository API, run in a codec worker
// process (worker_pool.hpp):
//   decodeUplink({bytes, fPort, recvTime, variables}) -> {data, warnings, errors}
//   encodeDownlink({data, ...})                        -> {bytes, fPort, warnings, errors}
//   decodeDownlink({bytes, fPort, recvTime, variables}) -> {data, warnings, errors}
// `bytes` is a plain array of numbers, `recvTime` a Date. Whatever goes wrong (a syntax error,
// an exception, a timeout, a crashed worker, a result of the wrong shape) comes back as a
// result with `errors` filled; nothing throws.

#include <memory>
#include <string>
#include <string_view>

#include "codecs/codec.hpp"
#include "codecs/js/worker_pool.hpp"
#include "lorawan/result.hpp"

namespace hortillon::codecs::js {

// A codec as imported: its info (kind javascript) and source.
struct JavaScriptCodecDefinition {
    CodecInfo info;
    std::string source;
};

// Which of the three entry points a codec's program defines.
struct CodecFunctions {
    bool decode_uplink = false;
    bool encode_downlink = false;
    bool decode_downlink = false;
};

class JavaScriptCodec final : public Codec {
  public:
    JavaScriptCodec(JavaScriptCodecDefinition definition, std::shared_ptr<CodecWorkerPool> pool);

    [[nodiscard]] auto info() const -> const CodecInfo& override { return info_; }
    [[nodiscard]] auto source() const -> const std::string& { return source_; }
    [[nodiscard]] auto decode_uplink(const UplinkInput& input) const -> CodecResult override;
    [[nodiscard]] auto encode_downlink(const nlohmann::json& input) const -> EncodeResult override;
    [[nodiscard]] auto decode_downlink(const DownlinkInput& input) const -> CodecResult override;

  private:
    [[nodiscard]] auto run(const char* function, nlohmann::json input) const
        -> Result<nlohmann::json, std::string>;

    CodecInfo info_;
    std::string source_;
    std::string key_;
    std::shared_ptr<CodecWorkerPool> pool_;
};

// Compiles `source` in a worker and reports which functions it defines; the error is the
// compiler's or the program's ("SyntaxError: parse error (line 3)").
auto check_javascript_codec(CodecWorkerPool& pool, std::string_view id, const std::string& source)
    -> Result<CodecFunctions, std::string>;

// The worker cache key of one version of a codec: id and SHA-256 of the source.
auto codec_version_key(std::string_view id, std::string_view source) -> std::string;

}  // namespace hortillon::codecs::js
