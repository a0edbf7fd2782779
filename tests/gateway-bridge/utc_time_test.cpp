#include <catch2/catch.hpp>

#include "gateway-bridge/utc_time.hpp"

using namespace hortillon::gateway_bridge;
using namespace std::chrono;

TEST_CASE("compact ISO 8601 times, microseconds kept") {
    auto time = parse_compact_time("2013-03-31T16:21:17.528002Z");
    REQUIRE(time);
    auto expected = sys_days{2013y / March / 31} + 16h + 21min + 17s + 528002us;
    CHECK(*time == expected);
    CHECK(format_compact_time(*time) == "2013-03-31T16:21:17.528002Z");
    CHECK(parse_compact_time("2013-03-31T16:21:17Z") ==
          sys_days{2013y / March / 31} + 16h + 21min + 17s);
    CHECK(parse_compact_time("2013-03-31T16:21:17.5+00:00") ==
          sys_days{2013y / March / 31} + 16h + 21min + 17s + 500ms);
    CHECK(parse_compact_time("2020-10-01T09:30:52.123456789Z") ==
          sys_days{2020y / October / 1} + 9h + 30min + 52s + 123456789ns);
}

TEST_CASE("compact times that are refused") {
    for (const char* text :
         {"", "2013-03-31", "2013-03-31T16:21:17", "2013-03-31T16:21:17.Z",
          "2013-03-31T16:21:17.1234567890Z", "2013-02-29T00:00:00Z", "2013-13-01T00:00:00Z",
          "2013-03-31T24:00:00Z", "2013-03-31T16:60:00Z", "2013-03-31T16:21:17Z ",
          "2013-03-31T16:21:17+01:00", "1969-12-31T23:59:59Z", "9999-01-01T00:00:00Z",
          "2013-03-31 16:21:17Z", "2O13-03-31T16:21:17Z"}) {
        INFO(text);
        CHECK_FALSE(parse_compact_time(text));
    }
}

TEST_CASE("expanded stat times") {
    auto expected = sys_days{2014y / January / 12} + 8h + 59min + 28s;
    CHECK(parse_expanded_time("2014-01-12 08:59:28 GMT") == expected);
    CHECK(parse_expanded_time("2014-01-12 08:59:28 UTC") == expected);
    CHECK(parse_expanded_time("2014-01-12T08:59:28Z") == expected);
    CHECK_FALSE(parse_expanded_time("2014-01-12 08:59:28"));
    CHECK_FALSE(parse_expanded_time("2014-01-12 08:59:28 CET"));
}
