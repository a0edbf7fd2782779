#pragma once
// Rewrites the ES2015 syntax that device-repository codecs use most, and that duktape 2.7
// (ES5.1) does not parse, into ES5 with the same meaning for such codecs:
//   - arrow functions:  (a, b) => a + b   ->  function (a, b) { return a + b; }
//                       x => { ... }      ->  function (x) { ... }
//   - let and const:    let i = 0         ->  var i = 0
//   - template literals: `t=${v} C`       ->  ("" + "t=" + (v) + " C")
// Known differences, rare in codecs: arrow functions get their own `this` and `arguments`;
// `let` loop variables are shared by closures created in the loop; tagged templates, default
// parameters, destructuring, spread, classes and for-of stay unsupported. Strings, comments and
// regular expression literals are copied as they are, and line breaks are kept so that error
// line numbers still match the file.
//
// The worker compiles a codec as written first and uses this only when duktape refuses it.

#include <string>
#include <string_view>

namespace hortillon::codecs::js {

auto lower_es2015_syntax(std::string_view source) -> std::string;

}  // namespace hortillon::codecs::js
