// What OTAA needs: the DevNonce policy of each MAC version, an increasing JoinNonce, and a free
// DevAddr inside a prefix.
#include <catch2/catch.hpp>
#include <set>

#include "store_fixture.hpp"

using namespace hortillon;
using namespace hortillon::storage;
using namespace hortillon::storage::test;
using lorawan::DevNonce;
using lorawan::MacVersion;

TEST_CASE("LoRaWAN 1.0.3 and older: a DevNonce may not be used twice - in any order") {
    TenantFixture fixture;
    const auto eui = fixture.create_otaa_device(1).dev_eui;
    REQUIRE(fixture.store->accept_dev_nonce(eui, MacVersion::v1_0_3, DevNonce{500}));
    REQUIRE(fixture.store->accept_dev_nonce(eui, MacVersion::v1_0_3, DevNonce{20}));
    auto replay = fixture.store->accept_dev_nonce(eui, MacVersion::v1_0_3, DevNonce{500});
    REQUIRE_FALSE(replay);
    CHECK(replay.error().code == StoreError::dev_nonce_replayed);
    fixture.reopen();
    CHECK(fixture.store->accept_dev_nonce(eui, MacVersion::v1_0_2, DevNonce{20}).error().code ==
          StoreError::dev_nonce_replayed);
}

TEST_CASE("LoRaWAN 1.0.4 and 1.1: a DevNonce must be greater than the last one") {
    TenantFixture fixture;
    const auto eui = fixture.create_otaa_device(1).dev_eui;
    for (auto version : {MacVersion::v1_0_4, MacVersion::v1_1_0}) {
        CAPTURE(lorawan::to_string(version));
        REQUIRE(fixture.store->accept_dev_nonce(eui, version, DevNonce{10}));
        CHECK(fixture.store->accept_dev_nonce(eui, version, DevNonce{10}).error().code ==
              StoreError::dev_nonce_not_increasing);
        CHECK(fixture.store->accept_dev_nonce(eui, version, DevNonce{9}).error().code ==
              StoreError::dev_nonce_not_increasing);
        REQUIRE(fixture.store->accept_dev_nonce(eui, version, DevNonce{11}));
        REQUIRE(fixture.store->delete_device(eui));
        fixture.create_otaa_device(1);
    }
    CHECK(fixture.store->accept_dev_nonce(lorawan::Eui64{1}, MacVersion::v1_0_4, DevNonce{1})
              .error()
              .code == StoreError::not_found);
}

TEST_CASE("JoinNonce increases per device and survives a reopen") {
    TenantFixture fixture;
    const auto a = fixture.create_otaa_device(1).dev_eui;
    const auto b = fixture.create_otaa_device(2).dev_eui;
    CHECK(fixture.store->next_join_nonce(a)->value == 1);
    CHECK(fixture.store->next_join_nonce(a)->value == 2);
    CHECK(fixture.store->next_join_nonce(b)->value == 1);
    fixture.reopen();
    CHECK(fixture.store->next_join_nonce(a)->value == 3);
    CHECK(fixture.store->next_join_nonce(lorawan::Eui64{5}).error().code == StoreError::not_found);

    REQUIRE(fixture.store->database().execute(
        "UPDATE devices SET last_join_nonce = 16777215 WHERE dev_eui = '" + b.to_string() + "'"));
    CHECK(fixture.store->next_join_nonce(b).error().code == StoreError::join_nonce_exhausted);
}

TEST_CASE("DevAddr prefixes parse strictly") {
    const auto prefix = DevAddrPrefix::parse("26011000/20");
    REQUIRE(prefix);
    CHECK(prefix->size() == 4096);
    CHECK(prefix->last() == lorawan::DevAddr{0x26011fff});
    CHECK(prefix->contains(lorawan::DevAddr{0x26011abc}));
    CHECK_FALSE(prefix->contains(lorawan::DevAddr{0x26012000}));
    CHECK(prefix->to_string() == "26011000/20");
    CHECK(DevAddrPrefix::parse("00000000/0")->size() == (std::uint64_t{1} << 32));
    for (const char* bad :
         {"26011001/20", "26011000", "26011000/33", "2601100/20", "26011000/", "26011000/2x"})
        CHECK_FALSE(DevAddrPrefix::parse(bad));
}

TEST_CASE("DevAddr allocation stays in the prefix - avoids used addresses and says when full") {
    TenantFixture fixture;
    const auto prefix = *DevAddrPrefix::parse("26011000/29");  // 8 addresses
    std::set<std::uint32_t> taken;
    for (std::uint64_t n = 0; n < prefix.size(); ++n) {
        auto address = fixture.store->allocate_dev_addr(prefix);
        REQUIRE(address);
        CHECK(prefix.contains(*address));
        CHECK(taken.insert(address->value).second);
        const auto eui = fixture.create_otaa_device(n).dev_eui;
        REQUIRE(fixture.store->save_device_session(
            DeviceSession{.dev_eui = eui, .dev_addr = *address}));
    }
    auto full = fixture.store->allocate_dev_addr(prefix);
    REQUIRE_FALSE(full);
    CHECK(full.error().code == StoreError::dev_addr_exhausted);
    CHECK_THAT(full.error().message, Catch::Contains("26011000/29"));
}

TEST_CASE("DevAddr allocation in the last addresses of the 32-bit space does not wrap") {
    TenantFixture fixture;
    const auto prefix = *DevAddrPrefix::parse("fffffffe/31");
    const auto eui = fixture.create_otaa_device(1).dev_eui;
    REQUIRE(fixture.store->save_device_session(
        DeviceSession{.dev_eui = eui, .dev_addr = lorawan::DevAddr{0xffffffff}}));
    for (int i = 0; i < 20; ++i)
        CHECK(fixture.store->allocate_dev_addr(prefix)->value == 0xfffffffe);
}
