// Device sessions: saved at activation, found by DevAddr, counters updated on every frame.
#include <sodium.h>

#include <array>

#include "storage/sqlite_rows.hpp"
#include "storage/sqlite_store.hpp"

namespace hortillon::storage {

namespace {
constexpr std::string_view session_columns =
    "dev_eui, dev_addr, mac_version, lorawan_1_1, session_keys, last_f_cnt_up, n_f_cnt_down, "
    "a_f_cnt_down, pending_confirmed_f_cnt_down, rx1_delay_s, rx1_dr_offset, rx2_dr, "
    "rx2_frequency_hz, activated_at, mac_state, force_rejoin, force_rejoin_sends, "
    "force_rejoin_sent_at";

// The four session keys are sealed together as one 64-byte value, in SessionKeys order.
constexpr std::size_t sealed_keys_size = 64;

auto seal_session_keys(const KeyEncryptionKey& key, const lorawan::SessionKeys& keys)
    -> lorawan::Bytes {
    std::array<std::uint8_t, sealed_keys_size> plain{};
    const std::array parts{&keys.f_nwk_s_int_key, &keys.s_nwk_s_int_key, &keys.nwk_s_enc_key,
                           &keys.app_s_key};
    for (std::size_t i = 0; i < parts.size(); ++i)
        std::copy(parts[i]->bytes.begin(), parts[i]->bytes.end(), plain.begin() + 16 * i);
    lorawan::Bytes sealed = key.seal(plain);
    sodium_memzero(plain.data(), plain.size());
    return sealed;
}

auto open_session_keys(const KeyEncryptionKey& key, lorawan::ByteView sealed)
    -> std::optional<lorawan::SessionKeys> {
    auto plain = key.open(sealed);
    if (!plain || plain->size() != sealed_keys_size)
        return std::nullopt;
    const lorawan::ByteView view(*plain);
    lorawan::SessionKeys keys{lorawan::AesKey::from_bytes(view.subspan(0, 16)),
                              lorawan::AesKey::from_bytes(view.subspan(16, 16)),
                              lorawan::AesKey::from_bytes(view.subspan(32, 16)),
                              lorawan::AesKey::from_bytes(view.subspan(48, 16))};
    sodium_memzero(plain->data(), plain->size());
    return keys;
}
}  // namespace

auto SqliteStore::change_stamp() -> StoreResult<std::int64_t> {
    const bool in_transaction = database_->in_transaction();
    if (in_transaction && change_stamp_read_ &&
        change_stamp_read_->view_generation == database_->view_generation())
        return change_stamp_read_->value;
    auto query = database_->prepare("SELECT value FROM change_stamp WHERE id = 1");
    if (!query)
        return Unexpected{query.error()};
    auto row = query->step();
    if (!row)
        return Unexpected{row.error()};
    if (!*row)
        return fail(StoreError::corrupt, "the change_stamp row is missing");
    const std::int64_t value = query->column_int64(0);
    change_stamp_read_.reset();
    if (in_transaction)
        change_stamp_read_ = ChangeStampReading{value, database_->view_generation()};
    return value;
}

auto SqliteStore::read_device_session(const Statement& row) const -> StoreResult<DeviceSession> {
    DeviceSession session;
    session.dev_eui = rows::read_eui(row, 0);
    session.dev_addr = lorawan::DevAddr{static_cast<std::uint32_t>(row.column_int64(1))};
    session.mac_version = rows::read_mac_version(row, 2);
    session.lorawan_1_1 = row.column_int64(3) != 0;
    auto keys = open_session_keys(key_, row.column_blob(4));
    if (!keys)
        return fail(StoreError::corrupt, "the session keys of device " +
                                             session.dev_eui.to_string() + " do not decrypt");
    session.keys = *keys;
    session.counters.last_f_cnt_up = row.column_optional_int<std::uint32_t>(5);
    session.counters.n_f_cnt_down = static_cast<std::uint32_t>(row.column_int64(6));
    session.counters.a_f_cnt_down = static_cast<std::uint32_t>(row.column_int64(7));
    session.counters.pending_confirmed_f_cnt_down = row.column_optional_int<std::uint32_t>(8);
    session.rx1_delay = std::chrono::seconds{row.column_int64(9)};
    session.rx1_dr_offset = static_cast<std::uint8_t>(row.column_int64(10));
    session.rx2_dr = row.column_optional_int<std::uint8_t>(11);
    session.rx2_frequency_hz = static_cast<std::uint32_t>(row.column_int64(12));
    session.activated_at = rows::from_millis(row.column_int64(13));
    session.mac_state = std::string(row.column_text(14));
    if (auto request = row.column_optional_int<std::uint16_t>(15)) {
        auto sent_at = row.column_optional_int<std::int64_t>(17);
        session.force_rejoin = ForceRejoinRequest{
            .request = *request,
            .sends = static_cast<std::uint8_t>(row.column_int64(16)),
            .last_sent_at =
                sent_at ? std::optional<Timestamp>{rows::from_millis(*sent_at)} : std::nullopt};
    }
    return session;
}

namespace {
// Writes `session` into `table` (device_sessions or pending_device_sessions), replacing the
// device's row there.
auto insert_session_row(Database& database, const KeyEncryptionKey& key, std::string_view table,
                        const DeviceSession& session) -> StoreResult<void> {
    const std::string eui = session.dev_eui.to_string();
    const FrameCounters& counters = session.counters;
    auto insert = rows::prepare_bound(
        database,
        "INSERT OR REPLACE INTO " + std::string(table) + " (" + std::string(session_columns) +
            ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        eui, session.dev_addr.value, lorawan::to_string(session.mac_version), session.lorawan_1_1,
        seal_session_keys(key, session.keys), counters.last_f_cnt_up, counters.n_f_cnt_down,
        counters.a_f_cnt_down, counters.pending_confirmed_f_cnt_down, session.rx1_delay.count(),
        session.rx1_dr_offset, session.rx2_dr, session.rx2_frequency_hz, rows::now_millis(),
        session.mac_state,
        session.force_rejoin ? std::optional<std::uint16_t>{session.force_rejoin->request}
                             : std::nullopt,
        session.force_rejoin ? session.force_rejoin->sends : 0,
        session.force_rejoin && session.force_rejoin->last_sent_at
            ? std::optional<std::int64_t>{rows::to_millis(*session.force_rejoin->last_sent_at)}
            : std::nullopt);
    if (!insert)
        return Unexpected{insert.error()};
    if (auto done = insert->run(); !done)
        return rows::explain(done.error(), StoreError::invalid_reference,
                             "device " + eui + " not found");
    return {};
}

auto delete_pending_session(Database& database, const std::string& eui) -> StoreResult<void> {
    auto statement =
        rows::prepare_bound(database, "DELETE FROM pending_device_sessions WHERE dev_eui = ?", eui);
    if (!statement)
        return Unexpected{statement.error()};
    return statement->run();
}
}  // namespace

auto SqliteStore::save_device_session(const DeviceSession& session) -> StoreResult<void> {
    // A new join supersedes whatever a rejoin left pending.
    auto transaction = Transaction::begin(*database_);
    if (!transaction)
        return Unexpected{transaction.error()};
    if (auto saved = insert_session_row(*database_, key_, "device_sessions", session); !saved)
        return saved;
    if (auto dropped = delete_pending_session(*database_, session.dev_eui.to_string()); !dropped)
        return dropped;
    return transaction->commit();
}

auto SqliteStore::save_pending_device_session(const DeviceSession& session) -> StoreResult<void> {
    return insert_session_row(*database_, key_, "pending_device_sessions", session);
}

auto SqliteStore::get_pending_device_session(lorawan::Eui64 dev_eui) -> StoreResult<DeviceSession> {
    auto session = session_row("pending_device_sessions", dev_eui);
    if (!session)
        return Unexpected{session.error()};
    if (!*session)
        return fail(StoreError::not_found,
                    "device " + dev_eui.to_string() + " has no session awaiting its first uplink");
    (*session)->pending = true;
    return std::move(**session);
}

auto SqliteStore::session_row(std::string_view table, lorawan::Eui64 dev_eui)
    -> StoreResult<std::optional<DeviceSession>> {
    auto query = rows::prepare_bound(*database_,
                                     "SELECT " + std::string(session_columns) + " FROM " +
                                         std::string(table) + " WHERE dev_eui = ?",
                                     dev_eui.to_string());
    if (!query)
        return Unexpected{query.error()};
    auto row = query->step();
    if (!row)
        return Unexpected{row.error()};
    if (!*row)
        return std::optional<DeviceSession>{};
    auto session = read_device_session(*query);
    if (!session)
        return Unexpected{session.error()};
    return std::optional<DeviceSession>{std::move(*session)};
}

auto SqliteStore::activate_pending_device_session(lorawan::Eui64 dev_eui) -> StoreResult<void> {
    const std::string eui = dev_eui.to_string();
    auto transaction = Transaction::begin(*database_);
    if (!transaction)
        return Unexpected{transaction.error()};
    // INSERT OR REPLACE drops the old row, so its RJcount0 history goes with it: the device
    // counts rejoins from 0 again in the new session.
    auto move = rows::prepare_bound(
        *database_,
        "INSERT OR REPLACE INTO device_sessions (" + std::string(session_columns) + ") SELECT " +
            std::string(session_columns) + " FROM pending_device_sessions WHERE dev_eui = ?",
        eui);
    if (!move)
        return Unexpected{move.error()};
    if (auto moved =
            rows::run_expecting_change(*database_, *move, "pending session of device " + eui);
        !moved) {
        return moved;
    }
    if (auto dropped = delete_pending_session(*database_, eui); !dropped)
        return dropped;
    // Activated now, not when the rejoin was answered.
    auto stamp = rows::prepare_bound(
        *database_, "UPDATE device_sessions SET activated_at = ? WHERE dev_eui = ?",
        rows::now_millis(), eui);
    if (!stamp)
        return Unexpected{stamp.error()};
    if (auto done = stamp->run(); !done)
        return done;
    return transaction->commit();
}

auto SqliteStore::accept_rejoin_count(lorawan::Eui64 dev_eui, RejoinCounter counter,
                                      std::uint16_t value) -> StoreResult<bool> {
    const std::string eui = dev_eui.to_string();
    const bool per_session = counter == RejoinCounter::rj_count0;
    const std::string table = per_session ? "device_sessions" : "devices";
    const std::string column = per_session ? "last_rj_count0" : "last_rj_count1";
    auto update =
        rows::prepare_bound(*database_,
                            "UPDATE " + table + " SET " + column + " = ? WHERE dev_eui = ? AND (" +
                                column + " IS NULL OR " + column + " < ?)",
                            value, eui, value);
    if (!update)
        return Unexpected{update.error()};
    if (auto done = update->run(); !done)
        return Unexpected{done.error()};
    if (database_->changes() > 0)
        return true;
    auto exists =
        rows::prepare_bound(*database_, "SELECT 1 FROM " + table + " WHERE dev_eui = ?", eui);
    if (!exists)
        return Unexpected{exists.error()};
    auto row = exists->step();
    if (!row)
        return Unexpected{row.error()};
    if (!*row)
        return fail(StoreError::not_found, per_session ? "device " + eui + " has no session"
                                                       : "device " + eui + " not found");
    return false;
}

auto SqliteStore::get_device_session(lorawan::Eui64 dev_eui) -> StoreResult<DeviceSession> {
    auto session = session_row("device_sessions", dev_eui);
    if (!session)
        return Unexpected{session.error()};
    if (!*session)
        return fail(StoreError::not_found,
                    "device " + dev_eui.to_string() + " has no session (not joined)");
    return std::move(**session);
}

auto SqliteStore::device_sessions_by_dev_addr(lorawan::DevAddr dev_addr)
    -> StoreResult<std::vector<DeviceSession>> {
    auto query = rows::prepare_bound(
        *database_,
        "SELECT " + std::string(session_columns) +
            ", 0 FROM device_sessions WHERE dev_addr = ?1 UNION ALL SELECT " +
            std::string(session_columns) + ", 1 FROM pending_device_sessions WHERE dev_addr = ?1",
        dev_addr.value);
    if (!query)
        return Unexpected{query.error()};
    std::vector<DeviceSession> sessions;
    while (true) {
        auto more = query->step();
        if (!more)
            return Unexpected{more.error()};
        if (!*more)
            return sessions;
        auto session = read_device_session(*query);
        if (!session)
            return Unexpected{session.error()};
        session->pending = query->column_int64(18) != 0;
        sessions.push_back(std::move(*session));
    }
}

auto SqliteStore::update_session_state(lorawan::Eui64 dev_eui, const FrameCounters& counters,
                                       std::string_view mac_state) -> StoreResult<void> {
    // Written for every uplink: the key is bound from a stack buffer, the error text is made
    // only on failure.
    const auto eui = dev_eui.to_text();
    const auto eui_text = eui.view();
    auto update = rows::prepare_bound(
        *database_,
        "UPDATE device_sessions SET last_f_cnt_up = ?, n_f_cnt_down = ?, a_f_cnt_down = ?, "
        "pending_confirmed_f_cnt_down = ?, mac_state = ? WHERE dev_eui = ?",
        counters.last_f_cnt_up, counters.n_f_cnt_down, counters.a_f_cnt_down,
        counters.pending_confirmed_f_cnt_down, mac_state, eui_text);
    if (!update)
        return Unexpected{update.error()};
    return rows::run_expecting_change(*database_, *update, "session of device", eui_text);
}

auto SqliteStore::update_frame_counters(lorawan::Eui64 dev_eui, const FrameCounters& counters)
    -> StoreResult<void> {
    const auto eui = dev_eui.to_text();
    const auto eui_text = eui.view();
    auto update = rows::prepare_bound(
        *database_,
        "UPDATE device_sessions SET last_f_cnt_up = ?, n_f_cnt_down = ?, a_f_cnt_down = ?, "
        "pending_confirmed_f_cnt_down = ? WHERE dev_eui = ?",
        counters.last_f_cnt_up, counters.n_f_cnt_down, counters.a_f_cnt_down,
        counters.pending_confirmed_f_cnt_down, eui_text);
    if (!update)
        return Unexpected{update.error()};
    return rows::run_expecting_change(*database_, *update, "session of device", eui_text);
}

auto SqliteStore::request_force_rejoin(lorawan::Eui64 dev_eui, std::uint16_t request)
    -> StoreResult<void> {
    auto update = rows::prepare_bound(*database_,
                                      "UPDATE device_sessions SET force_rejoin = ?, "
                                      "force_rejoin_sends = 0, force_rejoin_sent_at = NULL "
                                      "WHERE dev_eui = ?",
                                      request, dev_eui.to_string());
    if (!update)
        return Unexpected{update.error()};
    return rows::run_expecting_change(*database_, *update,
                                      "session of device " + dev_eui.to_string());
}

auto SqliteStore::note_force_rejoin_sent(lorawan::Eui64 dev_eui, std::uint16_t request,
                                         Timestamp at) -> StoreResult<void> {
    auto update = rows::prepare_bound(
        *database_,
        "UPDATE device_sessions SET force_rejoin_sends = force_rejoin_sends + 1, "
        "force_rejoin_sent_at = ? WHERE dev_eui = ? AND force_rejoin = ?",
        rows::to_millis(at), dev_eui.to_string(), request);
    if (!update)
        return Unexpected{update.error()};
    return update->run();
}

auto SqliteStore::clear_force_rejoin(lorawan::Eui64 dev_eui) -> StoreResult<void> {
    auto update = rows::prepare_bound(*database_,
                                      "UPDATE device_sessions SET force_rejoin = NULL, "
                                      "force_rejoin_sends = 0, force_rejoin_sent_at = NULL "
                                      "WHERE dev_eui = ?",
                                      dev_eui.to_string());
    if (!update)
        return Unexpected{update.error()};
    return update->run();
}

auto SqliteStore::delete_device_session(lorawan::Eui64 dev_eui) -> StoreResult<void> {
    const std::string eui = dev_eui.to_string();
    auto transaction = Transaction::begin(*database_);
    if (!transaction)
        return Unexpected{transaction.error()};
    std::int64_t deleted = 0;
    for (const std::string_view table : {"device_sessions", "pending_device_sessions"}) {
        auto statement = rows::prepare_bound(
            *database_, "DELETE FROM " + std::string(table) + " WHERE dev_eui = ?", eui);
        if (!statement)
            return Unexpected{statement.error()};
        if (auto done = statement->run(); !done)
            return done;
        deleted += database_->changes();
    }
    if (deleted == 0)
        return fail(StoreError::not_found, "session of device " + eui + " not found");
    return transaction->commit();
}

}  // namespace hortillon::storage
