// The network server's store on a real SQLite file: sessions come from memory between uplinks,
// but never once the store changed under them (another connection, a rollback, a new session).
#include <catch2/catch.hpp>

#include "network-server/sqlite_network_store.hpp"
#include "store_fixture.hpp"

using namespace hortillon;
using namespace hortillon::network_server;
using namespace hortillon::storage::test;

namespace {
constexpr lorawan::DevAddr dev_addr{0x26011001};

struct CachedStoreFixture : TenantFixture {
    CachedStoreFixture() : dev_eui(create_otaa_device(1).dev_eui), network(*store) {
        storage::DeviceSession session{.dev_eui = dev_eui, .dev_addr = dev_addr};
        session.counters.last_f_cnt_up = 4;
        REQUIRE(store->save_device_session(session));
    }

    auto last_f_cnt() -> std::optional<std::uint32_t> {
        auto found = network.sessions_by_dev_addr(dev_addr);
        REQUIRE(found);
        REQUIRE(found->size() == 1);
        return found->front().session.last_f_cnt_up;
    }

    lorawan::Eui64 dev_eui;
    StoreBackedNetworkStore network;
};
}  // namespace

TEST_CASE("a saved session is served from memory with what was saved") {
    CachedStoreFixture fixture;
    auto found = fixture.network.sessions_by_dev_addr(dev_addr);
    REQUIRE(found);
    DeviceSession session = found->front().session;
    session.last_f_cnt_up = 5;
    REQUIRE(fixture.network.save_session(session));
    CHECK(fixture.last_f_cnt() == 5u);
    // The cached copy is not a stale read: the file says the same.
    CHECK(fixture.store->get_device_session(fixture.dev_eui)->counters.last_f_cnt_up == 5u);
}

TEST_CASE("a rolled back uplink leaves nothing of its session in memory") {
    CachedStoreFixture fixture;
    DeviceSession session = fixture.network.sessions_by_dev_addr(dev_addr)->front().session;
    {
        auto transaction = fixture.network.begin_transaction();
        REQUIRE(transaction);
        session.last_f_cnt_up = 9;
        REQUIRE(fixture.network.save_session(session));
        CHECK(fixture.last_f_cnt() == 9u);
    }  // not committed
    CHECK(fixture.last_f_cnt() == 4u);
}

TEST_CASE("a session deleted or replaced by another connection is read again") {
    CachedStoreFixture fixture;
    CHECK(fixture.last_f_cnt() == 4u);
    auto cli = fixture.open_again();
    REQUIRE(cli->delete_device_session(fixture.dev_eui));
    CHECK(fixture.network.sessions_by_dev_addr(dev_addr)->empty());
    storage::DeviceSession again{.dev_eui = fixture.dev_eui, .dev_addr = dev_addr};
    again.counters.last_f_cnt_up = 40;
    REQUIRE(cli->save_device_session(again));
    CHECK(fixture.last_f_cnt() == 40u);
    // A ForceRejoinReq asked for elsewhere reaches the next uplink.
    REQUIRE(cli->request_force_rejoin(fixture.dev_eui, 0x0002));
    CHECK(fixture.network.sessions_by_dev_addr(dev_addr)->front().session.force_rejoin);
}

TEST_CASE("a saved session stores its MAC state with its counters") {
    CachedStoreFixture fixture;
    DeviceSession session = fixture.network.sessions_by_dev_addr(dev_addr)->front().session;
    const auto stored = [&] { return *fixture.store->get_device_session(fixture.dev_eui); };
    const std::string before = stored().mac_state;

    session.last_f_cnt_up = 5;
    session.mac.nb_trans = 3;
    REQUIRE(fixture.network.save_session(session));
    CHECK(stored().counters.last_f_cnt_up == 5u);
    CHECK(stored().mac_state != before);
    CHECK(stored().mac_state.find("\"nb_trans\":3") != std::string::npos);
}
