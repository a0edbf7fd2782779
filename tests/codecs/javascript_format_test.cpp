#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>

#include <nlohmann/json.hpp>

#include "codecs/javascript_format.hpp"

namespace hortillon::codecs {
namespace {

TEST_CASE("javascript format: toFixed rounds the exact value half away from zero",
          "[codecs][javascript]") {
    CHECK(javascript_to_fixed(0.0078125, 6) == "0.007813");  // exact tie: JS picks the larger
    CHECK(javascript_to_fixed(1.005, 2) == "1.00");          // 1.00499999999999989...
    CHECK(javascript_to_fixed(2.5, 0) == "3");
    CHECK(javascript_to_fixed(-2.5, 0) == "-3");
    CHECK(javascript_to_fixed(-0.04, 1) == "-0.0");
    CHECK(javascript_to_fixed(-0.0, 1) == "0.0");
    CHECK(javascript_to_fixed(9.96, 1) == "10.0");
    CHECK(javascript_to_fixed(34 * 0.1, 1) == "3.4");
    CHECK(javascript_to_fixed(116.50742950356, 6) == "116.507430");
    CHECK(javascript_to_fixed(5e-324, 2) == "0.00");
    CHECK(javascript_to_fixed(1e21, 2) == "1e+21");
    CHECK(javascript_to_fixed(123.0, 0) == "123");
}

TEST_CASE("javascript format: parseFloat(toFixed())", "[codecs][javascript]") {
    CHECK(to_fixed_number(34 * 0.1, 1) == 3.4);
    CHECK(to_fixed_number(20.799999237060547, 1) == 20.8);
    CHECK(to_fixed_number(-33868820 / 1000000.0, 6) == -33.86882);
}

TEST_CASE("javascript format: String(number)", "[codecs][javascript]") {
    CHECK(javascript_number_to_string(0.0) == "0");
    CHECK(javascript_number_to_string(-0.0) == "0");
    CHECK(javascript_number_to_string(7) == "7");
    CHECK(javascript_number_to_string(-1.5) == "-1.5");
    CHECK(javascript_number_to_string(0.1 + 0.2) == "0.30000000000000004");
    CHECK(javascript_number_to_string(1e21) == "1e+21");
    CHECK(javascript_number_to_string(123456789012345680000.0) == "123456789012345680000");
    CHECK(javascript_number_to_string(0.000001) == "0.000001");
    CHECK(javascript_number_to_string(1e-7) == "1e-7");
    CHECK(javascript_number_to_string(0x1p129) == "6.80564733841877e+38");
    CHECK(javascript_number_to_string(std::numeric_limits<double>::infinity()) == "Infinity");
    CHECK(javascript_number_to_string(std::numeric_limits<double>::quiet_NaN()) == "NaN");
}

TEST_CASE("javascript format: JSON numbers", "[codecs][javascript]") {
    CHECK(json_number(50.0).is_number_integer());
    CHECK(json_number(-0.0) == 0);
    CHECK_FALSE(json_number(-0.0).get<std::int64_t>() < 0);
    CHECK(json_number(3.4).is_number_float());
    CHECK(json_number(std::numeric_limits<double>::quiet_NaN()).is_null());
    CHECK(json_number(1e300).is_number_float());
}

TEST_CASE("javascript format: dates", "[codecs][javascript]") {
    CHECK(format_date_time_utc(1700000000) == "2023-11-14 22:13:20");
    CHECK(format_date_time_utc(0) == "1970-01-01 00:00:00");
    CHECK(format_date_time_utc(-1) == "1969-12-31 23:59:59");
    CHECK(format_date_time_utc(INT32_MIN) == "1901-12-13 20:45:52");
    CHECK(format_date_time_utc(951782400) == "2000-02-29 00:00:00");
    CHECK(format_iso8601_utc_without_zone(1703791337) == "2023-12-28T19:22:17.000");
}

TEST_CASE("javascript format: text", "[codecs][javascript]") {
    const std::uint8_t bytes[] = {0x04, 0x0B, 0xFF};
    CHECK(hex_upper(bytes) == "040BFF");
    const std::uint8_t latin1[] = {'A', 0xE9};
    CHECK(latin1_to_utf8(latin1) == "A\xC3\xA9");
    CHECK_NOTHROW(nlohmann::json(latin1_to_utf8(bytes)).dump());
}

}  // namespace
}  // namespace hortillon::codecs
