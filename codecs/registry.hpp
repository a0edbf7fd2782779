#pragma once
// The codec registry: codec id -> codec. Native codecs are registered in it and owned by it; codecs
// that live elsewhere and may change while it runs (JavaScript codecs imported into the store)
// come from a CodecSource asked on a miss. It is a plain object, built by a function such as
// make_builtin_registry() (builtin.hpp) and passed to whoever needs it.

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "codecs/codec.hpp"

namespace hortillon::codecs {

// Codecs found by id outside the registry, e.g. JavaScript codecs kept in the store.
class CodecSource {
  public:
    CodecSource() = default;
    CodecSource(const CodecSource&) = delete;
    auto operator=(const CodecSource&) -> CodecSource& = delete;
    virtual ~CodecSource();
    // nullptr for an unknown id. The pointer lives as long as the source.
    [[nodiscard]] virtual auto find(std::string_view id) const -> const Codec* = 0;
};

class CodecRegistry {
  public:
    CodecRegistry() = default;
    CodecRegistry(CodecRegistry&&) noexcept = default;
    auto operator=(CodecRegistry&&) noexcept -> CodecRegistry& = default;

    // Takes ownership. Returns false (and drops the codec) when the id is already taken or the
    // pointer is null.
    auto add(std::unique_ptr<Codec> codec) -> bool;

    // Asked by find() for ids that no added codec has. Replaces an earlier source.
    void set_source(std::unique_ptr<CodecSource> source) { source_ = std::move(source); }

    // The added codec with that id, else the source's, else nullptr. The pointer lives as long
    // as the registry.
    [[nodiscard]] auto find(std::string_view id) const -> const Codec*;

    // Every added codec's info, sorted by id (the source's codecs are not listed).
    [[nodiscard]] auto list() const -> std::vector<CodecInfo>;
    // The infos of one family, sorted by id.
    [[nodiscard]] auto list(Family family) const -> std::vector<CodecInfo>;

    [[nodiscard]] auto size() const -> std::size_t { return codecs_.size(); }

  private:
    std::map<std::string, std::unique_ptr<Codec>, std::less<>> codecs_;
    std::unique_ptr<CodecSource> source_;
};

}  // namespace hortillon::codecs
