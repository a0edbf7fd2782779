#include "codecs/payload_reader.hpp"

namespace hortillon::codecs {

auto truncation_error(std::string_view what, std::size_t needed, std::size_t got) -> std::string {
    return "truncated frame: " + std::string(what) + " needs " + std::to_string(needed) +
           " bytes, got " + std::to_string(got);
}

}  // namespace hortillon::codecs
