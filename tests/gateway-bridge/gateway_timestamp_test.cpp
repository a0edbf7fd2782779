#include <catch2/catch.hpp>

#include "gateway-bridge/gateway_timestamp.hpp"

using namespace hortillon::gateway_bridge;
using namespace std::chrono_literals;

TEST_CASE("to_gateway_timestamp adds modulo 2^32") {
    // 1 s is 1'000'000 us: the sample rxpk tmst 4202879084 is 92 s before the wrap, so its RX1
    // does not wrap (the protocol notes' "907911788" added 10^9 instead).
    CHECK(to_gateway_timestamp(GatewayTimestamp{4202879084}, 1s) == GatewayTimestamp{4203879084});
    CHECK(to_gateway_timestamp(GatewayTimestamp{4294000000}, 1s) == GatewayTimestamp{32704});
    CHECK(to_gateway_timestamp(GatewayTimestamp{4294000000}, 2s) == GatewayTimestamp{1032704});
    CHECK(to_gateway_timestamp(GatewayTimestamp{1000}, 1s) == GatewayTimestamp{1'001'000});
    CHECK(to_gateway_timestamp(GatewayTimestamp{0xffffffff}, 1us) == GatewayTimestamp{0});
    CHECK(to_gateway_timestamp(GatewayTimestamp{0}, -1us) == GatewayTimestamp{0xffffffff});
    CHECK(to_gateway_timestamp(GatewayTimestamp{5}, 4294967296us) == GatewayTimestamp{5});
    CHECK(to_gateway_timestamp(GatewayTimestamp{10}, 5s) == GatewayTimestamp{5'000'010});
    static_assert(to_gateway_timestamp(GatewayTimestamp{0xfffffff0}, 32us).value == 16);
}

TEST_CASE("signed_difference is later - earlier, across the wrap") {
    CHECK(signed_difference(GatewayTimestamp{32704}, GatewayTimestamp{4294000000}) == 1s);
    CHECK(signed_difference(GatewayTimestamp{4294000000}, GatewayTimestamp{32704}) == -1s);
    CHECK(signed_difference(GatewayTimestamp{0}, GatewayTimestamp{0xffffffff}) == 1us);
    CHECK(signed_difference(GatewayTimestamp{0xffffffff}, GatewayTimestamp{0}) == -1us);
    CHECK(signed_difference(GatewayTimestamp{7}, GatewayTimestamp{7}) == 0us);
    CHECK(signed_difference(GatewayTimestamp{0x7fffffff}, GatewayTimestamp{0}).count() ==
          0x7fffffff);
    CHECK(signed_difference(GatewayTimestamp{0x80000000}, GatewayTimestamp{0}).count() ==
          -0x80000000LL);
    // Round trip: the difference undoes the addition for any delay within +-2^31 us.
    for (auto delay : {1s, 5s, -2s, 2147s}) {
        for (std::uint32_t start : {0u, 1u, 0x7fffffffu, 0xfff00000u, 0xffffffffu}) {
            auto later = to_gateway_timestamp(GatewayTimestamp{start}, delay);
            CHECK(signed_difference(later, GatewayTimestamp{start}) == delay);
        }
    }
}

TEST_CASE("widen unwraps the counter next to a reference") {
    constexpr std::uint64_t period = std::uint64_t{1} << 32;
    CHECK(widen(GatewayTimestamp{100}, 50) == 100);
    CHECK(widen(GatewayTimestamp{100}, 3 * period + 50) == 3 * period + 100);
    CHECK(widen(GatewayTimestamp{10}, 3 * period - 10) == 3 * period + 10);         // wrapped
    CHECK(widen(GatewayTimestamp{0xfffffff0}, 3 * period + 5) == 3 * period - 16);  // before
    CHECK(widen(GatewayTimestamp{0xfffffff0}, 5) == 0xfffffff0);  // never below zero
}
