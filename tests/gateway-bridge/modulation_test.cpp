#include <catch2/catch.hpp>

#include "gateway-bridge/modulation.hpp"

using namespace hortillon::gateway_bridge;

TEST_CASE("code rates: canonical texts round trip, aliases map to their ratio") {
    for (auto rate :
         {CodeRate::cr_4_5, CodeRate::cr_4_6, CodeRate::cr_4_7, CodeRate::cr_4_8, CodeRate::cr_3_8,
          CodeRate::cr_2_6, CodeRate::cr_1_4, CodeRate::cr_1_6, CodeRate::cr_5_6,
          CodeRate::cr_li_4_5, CodeRate::cr_li_4_6, CodeRate::cr_li_4_8, CodeRate::off}) {
        CHECK(parse_code_rate(to_string(rate)) == rate);
    }
    CHECK(to_string(CodeRate::cr_4_5) == "4/5");
    CHECK(to_string(CodeRate::off) == "OFF");
    CHECK(parse_code_rate("2/3") == CodeRate::cr_4_6);
    CHECK(parse_code_rate("1/2") == CodeRate::cr_4_8);
    CHECK(parse_code_rate("1/3") == CodeRate::cr_2_6);
    CHECK_FALSE(parse_code_rate("4/9"));
    CHECK_FALSE(parse_code_rate(""));
    CHECK_FALSE(parse_code_rate("4/5 "));
}

TEST_CASE("modu and datr texts") {
    Modulation lora = LoraModulation{12, 500'000, CodeRate::cr_4_5};
    Modulation fsk = FskModulation{50'000, 25'000};
    Modulation lr_fhss = LrFhssModulation{137'000, CodeRate::cr_4_6, 52};
    CHECK(modu_text(lora) == "LORA");
    CHECK(modu_text(fsk) == "FSK");
    CHECK(modu_text(lr_fhss) == "LR-FHSS");
    CHECK(data_rate_text(lora) == "SF12BW500");
    CHECK(data_rate_text(fsk) == "50000");
    CHECK(data_rate_text(lr_fhss) == "M0CW137");
}
