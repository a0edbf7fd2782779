#pragma once
// The JavaScript codecs of a running process, looked up by id through a loader (the server's
// loader reads the store's codecs table). Every lookup asks the loader, so a codec imported
// after the process started is found at once and a re-imported one is used from its next call.
// A codec object is never destroyed before the catalog: a replaced version is kept (retired),
// so a pointer handed out earlier stays valid.

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "codecs/js/javascript_codec.hpp"
#include "codecs/registry.hpp"
#include "lorawan/result.hpp"

namespace hortillon::codecs::js {

// nullopt: no codec with that id; an error: the lookup failed (the last version found, if
// any, is used meanwhile).
using JavaScriptCodecLoader =
    std::function<Result<std::optional<JavaScriptCodecDefinition>, std::string>(
        std::string_view id)>;

class JavaScriptCodecCatalog final : public CodecSource {
  public:
    JavaScriptCodecCatalog(std::shared_ptr<CodecWorkerPool> pool, JavaScriptCodecLoader loader);

    [[nodiscard]] auto find(std::string_view id) const -> const Codec* override;

  private:
    std::shared_ptr<CodecWorkerPool> pool_;
    JavaScriptCodecLoader loader_;
    mutable std::mutex mutex_;
    mutable std::map<std::string, std::unique_ptr<JavaScriptCodec>, std::less<>> current_;
    mutable std::vector<std::unique_ptr<JavaScriptCodec>> retired_;
};

}  // namespace hortillon::codecs::js
