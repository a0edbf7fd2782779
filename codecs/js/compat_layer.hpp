#pragma once
// The ES5 compatibility layer run in every codec heap before the codec itself: the ES2015+
// library functions that device-repository codecs use most and duktape 2.7 lacks (padStart,
// Array.prototype.find/includes/fill, Array.from, Object.entries/values, typed-array methods,
// a small Map and Set, ...). Each is defined only when missing, and never enumerable, so a
// codec iterating over an array or object with for-in sees what it would in node.

#include <string_view>

namespace hortillon::codecs::js {

auto compat_layer_source() -> std::string_view;

}  // namespace hortillon::codecs::js
