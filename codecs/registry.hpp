#pragma once
// The codec registry: codec id -> codec. Native codecs and (later) JavaScript codecs are
// registered side by side; the registry owns them. It is a plain object, built by a function
// such as make_builtin_registry() (builtin.hpp) and passed to whoever needs it.

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "codecs/codec.hpp"

namespace hortillon::codecs {

class CodecRegistry {
  public:
    CodecRegistry() = default;
    CodecRegistry(CodecRegistry&&) noexcept = default;
    auto operator=(CodecRegistry&&) noexcept -> CodecRegistry& = default;

    // Takes ownership. Returns false (and drops the codec) when the id is already taken or the
    // pointer is null.
    auto add(std::unique_ptr<Codec> codec) -> bool;

    // nullptr for an unknown id. The pointer lives as long as the registry.
    [[nodiscard]] auto find(std::string_view id) const -> const Codec*;

    // Every registered codec's info, sorted by id.
    [[nodiscard]] auto list() const -> std::vector<CodecInfo>;
    // The infos of one family, sorted by id.
    [[nodiscard]] auto list(Family family) const -> std::vector<CodecInfo>;

    [[nodiscard]] auto size() const -> std::size_t { return codecs_.size(); }

  private:
    std::map<std::string, std::unique_ptr<Codec>, std::less<>> codecs_;
};

}  // namespace hortillon::codecs
