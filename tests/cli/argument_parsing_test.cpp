// Value parsing, the CSV dialect and table output, without a store.
#include <catch2/catch.hpp>

#include <sstream>

#include "cli/argument_parsing.hpp"
#include "cli/csv_rows.hpp"
#include "cli/table.hpp"

using namespace hortillon::cli;
using Fields = std::vector<std::string>;

TEST_CASE("EUIs, DevAddrs and keys are hex in any case, lowercase out") {
    auto eui = parse_eui_argument("--dev-eui", "0004A30B001C0530");
    REQUIRE(eui);
    CHECK(eui->to_string() == "0004a30b001c0530");
    auto address = parse_dev_addr_argument("--dev-addr", "2601AbCd");
    REQUIRE(address);
    CHECK(address->value == 0x2601abcd);
    auto key = parse_key_argument("--app-key", "000102030405060708090a0B0C0D0E0F");
    REQUIRE(key);
    CHECK(key->to_hex_secret() == "000102030405060708090a0b0c0d0e0f");
}

TEST_CASE("locations are LAT,LON within range") {
    auto location = parse_location_argument("--location", "-33.9,18.42");
    REQUIRE(location);
    CHECK(location->latitude == Approx(-33.9));
    CHECK(location->longitude == Approx(18.42));
    for (const char* bad : {"", "1", "1,", ",1", "90.1,0", "0,180.5", "nan,0", "1,2,3", "a,b"})
        CHECK_FALSE(parse_location_argument("--location", bad));
}

TEST_CASE("regions are matched in any case and returned canonical") {
    auto region = parse_region_argument("--region", "as923-1");
    REQUIRE(region);
    CHECK(*region == "AS923-1");
    CHECK_FALSE(parse_region_argument("--region", "CN779"));
}

TEST_CASE("CSV lines split on commas, with optional quotes") {
    CHECK(split_csv_line("a,b,c") == Fields{"a", "b", "c"});
    CHECK(split_csv_line(" a , b ,c ") == Fields{"a", "b", "c"});
    CHECK(split_csv_line("a,,") == Fields{"a", "", ""});
    CHECK(split_csv_line(R"("a, b","say ""hi""",c)") == Fields{"a, b", R"(say "hi")", "c"});
    CHECK(split_csv_line(R"( "a" ,b)") == Fields{"a", "b"});
    CHECK_FALSE(split_csv_line(R"("a,b)"));
    CHECK_FALSE(split_csv_line(R"("a"x,b)"));
    CHECK(is_skipped_csv_line(""));
    CHECK(is_skipped_csv_line("   "));
    CHECK(is_skipped_csv_line("  # comment"));
    CHECK_FALSE(is_skipped_csv_line("a,#b"));
}

TEST_CASE("tables align columns by characters and leave no trailing spaces") {
    Table table({"ID", "NAME", "X"});
    table.add_row({"1", "Liège", ""});
    table.add_row({"22", "Namur", "y"});
    std::ostringstream out;
    table.print(out);
    CHECK(out.str() ==
          "ID  NAME   X\n"
          "1   Liège\n"
          "22  Namur  y\n");
}

TEST_CASE("timestamps print as UTC to the second") {
    CHECK(format_timestamp(hortillon::storage::Timestamp{std::chrono::seconds{1714564800}}) ==
          "2024-05-01T12:00:00Z");
}
