#include "network-server/sqlite_network_store.hpp"

#include "network-server/mac/mac_state_json.hpp"

namespace hortillon::network_server {

using namespace lorawan;

namespace {
auto failure(const storage::StoreFailure& failure) -> Unexpected<StoreFailure> {
    return Unexpected{StoreFailure{failure.message}};
}

// A transaction that, rolled back, drops the session cache: it may hold what was undone.
class WrappedTransaction final : public NetworkStoreTransaction {
  public:
    WrappedTransaction(storage::StoreTransaction transaction, SessionCache& sessions)
        : transaction_(std::move(transaction)), sessions_(sessions) {}
    WrappedTransaction(const WrappedTransaction&) = delete;
    auto operator=(const WrappedTransaction&) -> WrappedTransaction& = delete;
    ~WrappedTransaction() override {
        if (!committed_)
            sessions_.clear();
    }
    auto commit() -> StoreResult<void> override {
        if (auto done = transaction_.commit(); !done)
            return failure(done.error());
        committed_ = true;
        return {};
    }

  private:
    storage::StoreTransaction transaction_;
    SessionCache& sessions_;
    bool committed_ = false;
};

auto to_profile(const storage::DeviceProfile& profile) -> DeviceProfile {
    return DeviceProfile{.region_id = profile.region,
                         .mac_version = profile.mac_version,
                         .device_class = profile.device_class == storage::DeviceClass::c
                                             ? DeviceClass::c
                                             : DeviceClass::a,
                         .rx1_delay = profile.rx1_delay,
                         .rx1_dr_offset = profile.rx1_dr_offset,
                         .rx2_dr = profile.rx2_dr,
                         .rx2_frequency_hz = profile.rx2_frequency_hz,
                         .adr = profile.adr_enabled,
                         .adr_margin_db = profile.adr_margin_db,
                         .adr_min_dr = profile.adr_min_dr,
                         .adr_max_dr = profile.adr_max_dr,
                         .adr_max_nb_trans = profile.adr_max_nb_trans,
                         .dev_status_interval = profile.device_status_interval};
}

// The MAC state stored with the session; a session without one (ABP, or stored before the MAC
// layer kept state) starts from the region's defaults with the session's receive windows. A
// document that does not read is replaced the same way: a MAC state can always be rebuilt
// from the device's answers, a session cannot.
auto stored_mac_state(const storage::DeviceSession& stored, const RxSettings& rx,
                      const region::Region* region) -> DeviceMacState {
    DeviceMacState defaults = region != nullptr ? default_mac_state(*region) : DeviceMacState{};
    defaults.rx1_delay = rx.rx1_delay;
    defaults.rx1_dr_offset = rx.rx1_dr_offset;
    defaults.rx2_dr = rx.rx2_dr;
    defaults.rx2_frequency_hz = rx.rx2_frequency_hz;
    if (stored.mac_state.empty())
        return defaults;
    auto read = mac_state_from_json(stored.mac_state, defaults);
    return read ? *read : defaults;
}

auto to_session(const storage::DeviceSession& stored, const DeviceProfile& profile)
    -> DeviceSession {
    const auto* region = region::find_region(profile.region_id);
    DeviceSession session;
    session.dev_eui = stored.dev_eui;
    session.dev_addr = stored.dev_addr;
    session.mac_version = stored.mac_version;
    session.lorawan_1_1 = stored.lorawan_1_1;
    session.keys = stored.keys;
    session.last_f_cnt_up = stored.counters.last_f_cnt_up;
    session.n_f_cnt_down = stored.counters.n_f_cnt_down;
    session.a_f_cnt_down = stored.counters.a_f_cnt_down;
    session.pending_confirmed_f_cnt_down = stored.counters.pending_confirmed_f_cnt_down;
    session.rx = RxSettings{.rx1_delay = stored.rx1_delay,
                            .rx1_dr_offset = stored.rx1_dr_offset,
                            .rx2_dr = stored.rx2_dr.value_or(
                                region != nullptr ? region->rx2_default.dr : std::uint8_t{0}),
                            .rx2_frequency_hz = stored.rx2_frequency_hz != 0 || region == nullptr
                                                    ? stored.rx2_frequency_hz
                                                    : region->rx2_default.frequency_hz};
    session.mac = stored_mac_state(stored, session.rx, region);
    if (const auto& force = stored.force_rejoin) {
        session.force_rejoin =
            ForceRejoinState{.request = ForceRejoinReq::from_word(force->request),
                             .sends = force->sends,
                             .last_sent_at = force->last_sent_at};
    }
    return session;
}

auto counters_of(const DeviceSession& session) -> storage::FrameCounters {
    return storage::FrameCounters{
        .last_f_cnt_up = session.last_f_cnt_up,
        .n_f_cnt_down = session.n_f_cnt_down,
        .a_f_cnt_down = session.a_f_cnt_down,
        .pending_confirmed_f_cnt_down = session.pending_confirmed_f_cnt_down};
}

auto to_stored(const DeviceSession& session) -> storage::DeviceSession {
    storage::DeviceSession stored;
    stored.dev_eui = session.dev_eui;
    stored.dev_addr = session.dev_addr;
    stored.mac_version = session.mac_version;
    stored.lorawan_1_1 = session.lorawan_1_1;
    stored.keys = session.keys;
    stored.counters = counters_of(session);
    stored.rx1_delay = session.rx.rx1_delay;
    stored.rx1_dr_offset = session.rx.rx1_dr_offset;
    stored.rx2_dr = session.rx.rx2_dr;
    stored.rx2_frequency_hz = session.rx.rx2_frequency_hz;
    stored.mac_state = mac_state_to_json(session.mac);
    if (const auto& force = session.force_rejoin) {
        stored.force_rejoin = storage::ForceRejoinRequest{.request = force->request.to_word(),
                                                          .sends = force->sends,
                                                          .last_sent_at = force->last_sent_at};
    }
    return stored;
}
}  // namespace

auto StoreBackedNetworkStore::begin_transaction()
    -> StoreResult<std::unique_ptr<NetworkStoreTransaction>> {
    auto transaction = store_.begin_transaction();
    if (!transaction)
        return failure(transaction.error());
    return std::unique_ptr<NetworkStoreTransaction>(
        std::make_unique<WrappedTransaction>(std::move(*transaction), sessions_));
}

auto network_dev_addr_prefix(NetId net_id) -> storage::DevAddrPrefix {
    return storage::DevAddrPrefix{DevAddr{(net_id.value & 0x3f) << 25}, 7};
}

auto StoreBackedNetworkStore::find_join_candidate(Eui64 dev_eui)
    -> StoreResult<std::optional<JoinCandidate>> {
    auto device = lookups_.device(dev_eui);
    if (!device) {
        if (device.error().code == storage::StoreError::not_found)
            return std::optional<JoinCandidate>{};
        return failure(device.error());
    }
    if (!(*device)->otaa)
        return std::optional<JoinCandidate>{};
    auto profile = lookups_.device_profile((*device)->device_profile_id);
    if (!profile)
        return failure(profile.error());
    return std::optional<JoinCandidate>{
        JoinCandidate{.device = OtaaDevice{.dev_eui = dev_eui,
                                           .join_eui = (*device)->otaa->join_eui,
                                           .app_key = (*device)->otaa->app_key,
                                           .nwk_key = (*device)->otaa->nwk_key,
                                           .mac_version = (*profile)->mac_version},
                      .profile = to_profile(**profile)}};
}

auto StoreBackedNetworkStore::accept_dev_nonce(Eui64 dev_eui, MacVersion version,
                                               DevNonce dev_nonce)
    -> StoreResult<std::optional<UplinkRejection>> {
    auto accepted = store_.accept_dev_nonce(dev_eui, version, dev_nonce);
    if (accepted)
        return std::optional<UplinkRejection>{};
    switch (accepted.error().code) {
        case storage::StoreError::dev_nonce_replayed:
            return std::optional<UplinkRejection>{UplinkRejection::dev_nonce_replayed};
        case storage::StoreError::dev_nonce_not_increasing:
            return std::optional<UplinkRejection>{UplinkRejection::dev_nonce_not_increasing};
        default:
            return failure(accepted.error());
    }
}

auto StoreBackedNetworkStore::reserve_join(Eui64 dev_eui, NetId net_id)
    -> StoreResult<JoinReservation> {
    auto device = lookups_.device(dev_eui);
    if (!device)
        return failure(device.error());
    auto application = lookups_.application((*device)->application_id);
    if (!application)
        return failure(application.error());
    auto tenant = lookups_.tenant((*application)->tenant_id);
    if (!tenant)
        return failure(tenant.error());
    auto join_nonce = store_.next_join_nonce(dev_eui);
    if (!join_nonce)
        return failure(join_nonce.error());
    auto dev_addr = store_.allocate_dev_addr(
        (*tenant)->dev_addr_prefix.value_or(network_dev_addr_prefix(net_id)));
    if (!dev_addr)
        return failure(dev_addr.error());
    return JoinReservation{*join_nonce, *dev_addr};
}

auto StoreBackedNetworkStore::complete_join(const DeviceSession& session) -> StoreResult<void> {
    if (auto saved = store_.save_device_session(to_stored(session)); !saved)
        return failure(saved.error());
    sessions_.clear();  // replaced: read again
    return {};
}

auto StoreBackedNetworkStore::store_pending_session(const DeviceSession& session)
    -> StoreResult<void> {
    if (auto saved = store_.save_pending_device_session(to_stored(session)); !saved)
        return failure(saved.error());
    sessions_.clear();  // replaced: read again
    return {};
}

auto StoreBackedNetworkStore::activate_pending_session(Eui64 dev_eui) -> StoreResult<void> {
    if (auto activated = store_.activate_pending_device_session(dev_eui); !activated)
        return failure(activated.error());
    sessions_.clear();  // replaced: read again
    return {};
}

auto StoreBackedNetworkStore::accept_rj_count0(Eui64 dev_eui, std::uint16_t rj_count)
    -> StoreResult<bool> {
    auto accepted =
        store_.accept_rejoin_count(dev_eui, storage::RejoinCounter::rj_count0, rj_count);
    if (!accepted)
        return failure(accepted.error());
    return *accepted;
}

auto StoreBackedNetworkStore::accept_rj_count1(Eui64 dev_eui, std::uint16_t rj_count)
    -> StoreResult<bool> {
    auto accepted =
        store_.accept_rejoin_count(dev_eui, storage::RejoinCounter::rj_count1, rj_count);
    if (!accepted)
        return failure(accepted.error());
    return *accepted;
}

auto StoreBackedNetworkStore::find_pending_device(Eui64 dev_eui)
    -> StoreResult<std::optional<ActiveDevice>> {
    return optional_device(store_.get_pending_device_session(dev_eui));
}

auto StoreBackedNetworkStore::optional_device(storage::StoreResult<storage::DeviceSession> session)
    -> StoreResult<std::optional<ActiveDevice>> {
    if (!session) {
        if (session.error().code == storage::StoreError::not_found)
            return std::optional<ActiveDevice>{};
        return failure(session.error());
    }
    auto device = active_device(*session);
    if (!device)
        return Unexpected{device.error()};
    return std::optional<ActiveDevice>{std::move(*device)};
}

auto StoreBackedNetworkStore::active_device(const storage::DeviceSession& session)
    -> StoreResult<ActiveDevice> {
    auto device = lookups_.device(session.dev_eui);
    if (!device)
        return failure(device.error());
    auto profile = lookups_.device_profile((*device)->device_profile_id);
    if (!profile)
        return failure(profile.error());
    const DeviceProfile converted = to_profile(**profile);
    return ActiveDevice{.session = to_session(session, converted),
                        .profile = converted,
                        .awaiting_first_uplink = session.pending};
}

auto StoreBackedNetworkStore::sessions_by_dev_addr(DevAddr dev_addr)
    -> StoreResult<std::vector<ActiveDevice>> {
    auto stamp = store_.change_stamp();
    sessions_.check_stamp(stamp ? std::optional<std::int64_t>{*stamp} : std::nullopt);
    if (const auto* cached = sessions_.find(dev_addr))
        return *cached;
    auto sessions = store_.device_sessions_by_dev_addr(dev_addr);
    if (!sessions)
        return failure(sessions.error());
    std::vector<ActiveDevice> active;
    for (const auto& session : *sessions) {
        auto device = active_device(session);
        if (!device)
            return Unexpected{device.error()};
        active.push_back(std::move(*device));
    }
    sessions_.keep(dev_addr, active);
    return active;
}

auto StoreBackedNetworkStore::find_active_device(Eui64 dev_eui)
    -> StoreResult<std::optional<ActiveDevice>> {
    return optional_device(store_.get_device_session(dev_eui));
}

auto StoreBackedNetworkStore::note_force_rejoin_sent(Eui64 dev_eui, const ForceRejoinReq& request,
                                                     SystemTime at) -> StoreResult<void> {
    if (auto noted = store_.note_force_rejoin_sent(dev_eui, request.to_word(), at); !noted) {
        return failure(noted.error());
    }
    sessions_.clear();  // replaced: read again
    return {};
}

auto StoreBackedNetworkStore::clear_force_rejoin(Eui64 dev_eui) -> StoreResult<void> {
    if (auto cleared = store_.clear_force_rejoin(dev_eui); !cleared)
        return failure(cleared.error());
    sessions_.clear();  // replaced: read again
    return {};
}

// The MAC state is written with every uplink's counters: its ADR history records each uplink.
auto StoreBackedNetworkStore::save_session(const DeviceSession& session) -> StoreResult<void> {
    auto saved = store_.update_session_state(session.dev_eui, counters_of(session),
                                             mac_state_to_json(session.mac));
    if (!saved)
        return failure(saved.error());
    sessions_.update(session);
    return {};
}

auto StoreBackedNetworkStore::next_downlink(Eui64 dev_eui)
    -> StoreResult<std::optional<QueuedDownlink>> {
    auto next = store_.next_downlink(dev_eui);
    if (!next)
        return failure(next.error());
    if (!*next)
        return std::optional<QueuedDownlink>{};
    const auto& item = **next;
    return std::optional<QueuedDownlink>{
        QueuedDownlink{item.id, item.f_port, item.data, item.confirmed}};
}

auto StoreBackedNetworkStore::queued_downlink_count(Eui64 dev_eui) -> StoreResult<std::size_t> {
    auto items = store_.list_downlinks(dev_eui);
    if (!items)
        return failure(items.error());
    std::size_t queued = 0;
    for (const auto& item : *items)
        queued += item.state == storage::DownlinkState::queued ? 1 : 0;
    return queued;
}

auto StoreBackedNetworkStore::mark_downlink_sent(const std::string& id, std::uint32_t f_cnt_down)
    -> StoreResult<void> {
    if (auto marked = store_.mark_downlink_sent(id, f_cnt_down); !marked)
        return failure(marked.error());
    return {};
}

auto StoreBackedNetworkStore::settle_confirmed_downlink(Eui64 dev_eui, std::uint32_t f_cnt_down)
    -> StoreResult<std::optional<std::string>> {
    auto settled = store_.acknowledge_downlink(dev_eui, f_cnt_down);
    if (settled)
        return std::optional<std::string>{settled->id};
    if (settled.error().code == storage::StoreError::not_found)
        return std::optional<std::string>{};
    return failure(settled.error());
}

auto StoreBackedNetworkStore::remove_downlink(const std::string& id) -> StoreResult<void> {
    if (auto removed = store_.delete_downlink(id); !removed)
        return failure(removed.error());
    return {};
}

}  // namespace hortillon::network_server
