// The ES2015 syntax lowering on its own: each form, and the text it must leave alone.
#include <catch2/catch.hpp>

#include <string>

#include "codecs/js/syntax_lowering.hpp"

using hortillon::codecs::js::lower_es2015_syntax;

TEST_CASE("arrow functions become function expressions") {
    CHECK(lower_es2015_syntax("a.map(x => x * 2);") == "a.map(function (x ) { return  x * 2; });");
    CHECK(lower_es2015_syntax("f((a, b) => { return a; })") == "f(function (a, b)  { return a; })");
    CHECK(lower_es2015_syntax("var g = () => ({ k: 1 }), h = 2;") ==
          "var g = function ()  { return  ({ k: 1 }); }, h = 2;");
    // A line break ends an expression body when the next line starts a new statement.
    CHECK(lower_es2015_syntax("var f = v => v + 1\nvar g = 2") ==
          "var f = function (v ) { return  v + 1; }\nvar g = 2");
}

TEST_CASE("let and const become var, but not as property names") {
    CHECK(lower_es2015_syntax("for (let i = 0; i < 2; i++) { const x = i; }") ==
          "for (var i = 0; i < 2; i++) { var x = i; }");
    CHECK(lower_es2015_syntax("o.let = 1; o.const(2);") == "o.let = 1; o.const(2);");
}

TEST_CASE("template literals become concatenations, keeping line breaks") {
    CHECK(lower_es2015_syntax("`a${b}c`") == "(\"\" + \"a\" + (b) + \"c\")");
    CHECK(lower_es2015_syntax("`x\ny \"q\" \\``") == "(\"\" + \"x\\n\" +\n\"y \\\"q\\\" `\")");
    CHECK(lower_es2015_syntax("`${`${n}`}`") ==
          "(\"\" + \"\" + ((\"\" + \"\" + (n) + \"\")) + \"\")");
}

TEST_CASE("strings, comments and regular expressions are copied as they are") {
    const std::string untouched =
        "var s = 'x => `y`'; // let z => 1\n/* const `w` */ var r = /=>`[/]/g; var d = a / b / c;";
    CHECK(lower_es2015_syntax(untouched) == untouched);
}
