// The JSON document of the Semtech UDP decoders, filled from nlohmann's SAX parser. It replaced
// nlohmann::json's DOM there, so it must accept and reject the same texts and keep the same
// values and number kinds; every text parsed here is also checked against nlohmann::json::accept.

#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "gateway-bridge/field_reader.hpp"
#include "gateway-bridge/json_document.hpp"

using namespace hortillon::gateway_bridge;
using hortillon::lorawan::ByteView;

namespace {

auto view(std::string_view text) -> ByteView {
    return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

// Parses `text`, after checking that nlohmann agrees on whether it is JSON.
auto parse(std::string_view text) -> std::optional<JsonDocument> {
    INFO("text: " << text);
    auto document = parse_json(view(text));
    CHECK(document.has_value() == nlohmann::json::accept(text.begin(), text.end()));
    return document;
}

auto accepted(std::string_view text) -> bool {
    return parse(text).has_value();
}

auto elements(JsonValue array) -> std::vector<JsonValue> {
    std::vector<JsonValue> out;
    for (auto element : array)
        out.push_back(element);
    return out;
}

auto member(const JsonDocument& document, std::string_view key) -> JsonValue {
    auto value = document.root().find(key);
    REQUIRE(value);
    return *value;
}

}  // namespace

TEST_CASE("json: scalars keep nlohmann's number kinds") {
    auto document = parse(R"({"u":42,"i":-58,"z":-0,"f":-58.0,"e":1E2,"big":18446744073709551615,)"
                          R"("over":18446744073709551616,"under":-9223372036854775809,)"
                          R"("tiny":1e-400,"t":true,"n":null,"s":"SF7BW125"})");
    REQUIRE(document);
    CHECK(member(*document, "u").type() == JsonType::unsigned_integer);
    CHECK(member(*document, "u").as_unsigned() == 42);
    CHECK(member(*document, "i").type() == JsonType::integer);
    CHECK(member(*document, "i").as_integer() == -58);
    CHECK(member(*document, "z").type() == JsonType::integer);
    CHECK(member(*document, "z").as_integer() == 0);
    CHECK(member(*document, "f").type() == JsonType::floating);
    CHECK(member(*document, "f").as_double() == -58.0);
    CHECK(member(*document, "e").as_double() == 100.0);
    CHECK(member(*document, "big").as_unsigned() == 18446744073709551615ULL);
    CHECK(member(*document, "over").type() == JsonType::floating);
    CHECK(member(*document, "over").as_double() == 18446744073709551616.0);
    CHECK(member(*document, "under").type() == JsonType::floating);
    CHECK(member(*document, "tiny").as_double() == 0.0);
    CHECK(member(*document, "t").as_bool());
    CHECK(member(*document, "n").is_null());
    CHECK(member(*document, "s").as_string() == "SF7BW125");
    CHECK_FALSE(document->root().find("absent"));
}

TEST_CASE("json: escapes, surrogate pairs and UTF-8 decode as nlohmann does") {
    auto document = parse(R"({"a":"\"\\\/\b\f\n\r\t","u":"\u00e9\u20AC\ud83d\ude00",)"
                          "\"raw\":\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\",\"nul\":\"a\\u0000b\","
                          R"("d\u0061ta":"AQID"})");
    REQUIRE(document);
    CHECK(member(*document, "a").as_string() == "\"\\/\b\f\n\r\t");
    CHECK(member(*document, "u").as_string() == "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
    CHECK(member(*document, "raw").as_string() == member(*document, "u").as_string());
    CHECK(member(*document, "nul").as_string() == std::string_view{"a\0b", 3});
    CHECK(member(*document, "data").as_string() == "AQID");  // an escaped key still matches
}

TEST_CASE("json: the document owns its strings, escaped or not, keys included") {
    std::string text = R"({"data":"AQID","modu":"LORA","k\u00e9y":"a\nb","rxpk":["x","yz"]})";
    auto document = parse_json(view(text));
    REQUIRE(document);
    text.assign(text.size(), '#');  // the input buffer may be reused once parsed
    auto moved = std::move(*document);
    CHECK(member(moved, "data").as_string() == "AQID");
    CHECK(member(moved, "modu").as_string() == "LORA");
    CHECK(member(moved, "k\xc3\xa9y").as_string() == "a\nb");
    auto strings = elements(member(moved, "rxpk"));
    REQUIRE(strings.size() == 2);
    CHECK(strings[0].as_string() == "x");
    CHECK(strings[1].as_string() == "yz");
}

TEST_CASE("json: a repeated key reads as its last value, like nlohmann") {
    auto document = parse(R"({"tmst":1,"rxpk":[{"tmst":9}],"tmst":2})");
    REQUIRE(document);
    CHECK(member(*document, "tmst").as_unsigned() == 2);
    CHECK(document->root().size() == 3);
    auto nulled = parse(R"({"ackr":5,"ackr":null})");
    REQUIRE(nulled);
    CHECK_FALSE(FieldReader{nulled->root()}.has("ackr"));
}

TEST_CASE("json: arrays iterate in order, stepping over nested values") {
    auto document = parse(R"([{"a":[1,[2,{"b":3}]]},[],"x",{"c":{"d":[]}},4])");
    REQUIRE(document);
    auto root = document->root();
    REQUIRE(root.size() == 5);
    std::vector<JsonType> types;
    for (auto element : root)
        types.push_back(element.type());
    CHECK(types == std::vector<JsonType>{JsonType::object, JsonType::array, JsonType::string,
                                         JsonType::object, JsonType::unsigned_integer});
    auto values = elements(root);
    CHECK(values[4].as_unsigned() == 4);
    CHECK(values[1].empty());
    CHECK(values[3].find("c")->find("d")->is_array());
    CHECK(elements(*values[0].find("a"))[1].size() == 2);
}

TEST_CASE("json: surroundings nlohmann tolerates") {
    CHECK(accepted(" \t\r\n{\"a\" : [ 1 , 2 ] }\n"));
    CHECK(accepted("\xef\xbb\xbf{}"));  // a UTF-8 byte-order mark
    CHECK(accepted(std::string{"{}\0", 3}));
    CHECK(accepted(std::string{"{} \0garbage", 11}));  // NUL ends the input for nlohmann
    CHECK(accepted("\"just a string\""));
}

TEST_CASE("json: malformed texts are rejected") {
    const std::string_view rows[] = {
        "",
        " ",
        "{",
        "}",
        "[",
        "{\"a\"",
        "{\"a\":",
        "{\"a\":1",
        "[1",
        "\"open",
        // trailing commas, missing separators, trailing text, comments
        "[1,]",
        "{\"a\":1,}",
        "{,}",
        "[,]",
        "{\"a\" 1}",
        "{\"a\":1 \"b\":2}",
        "[1 2]",
        "{}{}",
        "{} x",
        "/**/{}",
        "{}//",
        "{'a':1}",
        "{a:1}",
        // literals
        "tru",
        "truex",
        "nul",
        "True",
        "[nan]",
        "[Infinity]",
        // numbers
        "01",
        "-",
        "-a",
        "+1",
        "1.",
        ".5",
        "1e",
        "1e+",
        "1.e5",
        "0x10",
        "1e400",
        "-1e400",
        "[1.7976931348623159e308]",
        "- 1",
        // strings: escapes, control characters, UTF-8
        "\"\\x\"",
        "\"\\u12\"",
        "\"\\u12g4\"",
        "\"\\ud800\"",
        "\"\\udc00\"",
        "\"\\ud800\\u0041\"",
        "\"\\ud800x\"",
        "\"\\\"",
        "\"a\tb\"",
        "\"a\nb\"",
        "\"\xc0\x80\"",
        "\"\xc2\"",
        "\"\xe2\x82\"",
        "\"\xed\xa0\x80\"",
        "\"\xf4\x90\x80\x80\"",
        "\"\xff\"",
        "\"\x80\"",
        // byte-order marks: partial, or after whitespace
        "\xef\xbb{}",
        " \xef\xbb\xbf{}",
        "\xef\xbb\xbf",
        // whitespace nlohmann does not know
        "\x0b{}",
        "\xa0{}",
    };
    for (auto text : rows) {
        INFO("text: " << text);
        CHECK_FALSE(accepted(text));
    }
}

TEST_CASE("json: NUL bytes inside a value are errors") {
    using namespace std::string_literals;
    CHECK_FALSE(accepted("{\"a\":\"x\0y\"}"s));
    CHECK_FALSE(accepted("{\"a\":1\0}"s));
    CHECK_FALSE(accepted("[1,\0 2]"s));
    CHECK_FALSE(accepted("\0{}"s));
    CHECK_FALSE(accepted("tr\0ue"s));
}

TEST_CASE("json: numbers at the edges of double and of 64-bit integers") {
    auto document = parse(
        "[1.7976931348623157e308,4.9e-324,2.4703282292062327e-324,-1e-400,"
        "9223372036854775807,-9223372036854775808,0.1e1,1e0000000000000000001]");
    REQUIRE(document);
    auto values = elements(document->root());
    REQUIRE(values.size() == 8);
    CHECK(values[0].as_double() == 1.7976931348623157e308);
    CHECK(values[1].as_double() == 4.9e-324);
    CHECK(values[2].as_double() == 0.0);  // below half the smallest subnormal
    CHECK(std::signbit(values[3].as_double()));
    CHECK(values[4].as_unsigned() == 9223372036854775807ULL);
    CHECK(values[5].as_integer() == std::numeric_limits<std::int64_t>::min());
    CHECK(values[6].as_double() == 1.0);
    CHECK(values[7].as_double() == 10.0);
}

TEST_CASE("json: deep nesting is accepted, as nlohmann accepts it, and built without recursion") {
    constexpr std::size_t depth = 60'000;  // about a full-size UDP datagram
    auto arrays = std::string(depth, '[') + std::string(depth, ']');
    auto document = parse(arrays);
    REQUIRE(document);
    CHECK(document->root().size() == 1);
    CHECK_FALSE(accepted(std::string(depth, '[') + std::string(depth - 1, ']')));
    std::string objects;
    for (std::size_t i = 0; i < depth / 8; ++i)
        objects += "{\"a\":";
    objects += "1" + std::string(depth / 8, '}');
    CHECK(accepted(R"({"rxpk":[],"x":)" + objects + "}"));
}

TEST_CASE("json: every strict prefix of a PUSH_DATA body is rejected") {
    const std::string body =
        R"({"rxpk":[{"tmst":3512348611,"time":"2026-11-29T14:58:10.123456Z","chan":2,)"
        R"("freq":868.500000,"stat":1,"modu":"LORA","datr":"SF7BW125","codr":"4/5",)"
        R"("lsnr":-9.5,"rssi":-58,"size":3,"data":"AQID","k\u00e9":"\ud83d\ude00"}],)"
        R"("stat":{"ackr":100.0,"lati":49.89452,"alti":-3e1}})";
    REQUIRE(accepted(body));
    for (std::size_t length = 0; length < body.size(); ++length) {
        INFO("prefix of " << length << " bytes");
        CHECK_FALSE(parse_json(view(std::string_view{body}.substr(0, length))));
    }
}

TEST_CASE("parse_json_object: trailing NULs are removed, and only an object is a body") {
    using namespace std::string_literals;
    CHECK(parse_json_object(view("{\"rxpk\":[]}\0\0"s)));
    CHECK(parse_json_object(view("[]"s)).error() == DatagramError::bad_json);
    CHECK(parse_json_object(view("\"rxpk\""s)).error() == DatagramError::bad_json);
    CHECK(parse_json_object(view("{\"rxpk\":[]"s)).error() == DatagramError::bad_json);
    CHECK(parse_json_object(view("\0"s)).error() == DatagramError::bad_json);
}
