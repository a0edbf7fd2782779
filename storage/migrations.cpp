#include "storage/migrations.hpp"

#include <array>
#include <string>

namespace hortillon::storage {

namespace {
// Conventions: ids are UUID strings; EUIs are 16 lowercase hex digits (readable in the sqlite3
// shell, and fixed width so text order is numeric order); DevAddrs are integers, so allocation
// can search a prefix as a range; times are milliseconds since the Unix epoch (UTC); sealed
// columns hold nonce|ciphertext from crypto_secretbox.
constexpr std::string_view schema_v1 = R"sql(
CREATE TABLE store_meta (
    name TEXT PRIMARY KEY,
    value BLOB NOT NULL
) WITHOUT ROWID;

CREATE TABLE tenants (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    dev_addr_prefix INTEGER,
    dev_addr_prefix_bits INTEGER CHECK (dev_addr_prefix_bits BETWEEN 0 AND 32),
    created_at INTEGER NOT NULL,
    CHECK ((dev_addr_prefix IS NULL) = (dev_addr_prefix_bits IS NULL))
);

CREATE TABLE applications (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    UNIQUE (tenant_id, name)
);
CREATE INDEX applications_by_name ON applications(name);

CREATE TABLE device_profiles (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    name TEXT NOT NULL,
    region TEXT NOT NULL,
    mac_version TEXT NOT NULL,
    device_class TEXT NOT NULL CHECK (device_class IN ('A', 'C')),
    rx1_delay_s INTEGER NOT NULL CHECK (rx1_delay_s BETWEEN 1 AND 15),
    rx1_dr_offset INTEGER NOT NULL CHECK (rx1_dr_offset BETWEEN 0 AND 7),
    rx2_dr INTEGER CHECK (rx2_dr BETWEEN 0 AND 15),
    rx2_frequency_hz INTEGER NOT NULL CHECK (rx2_frequency_hz >= 0),
    codec_id TEXT,
    adr_enabled INTEGER NOT NULL,
    supports_otaa INTEGER NOT NULL,
    device_status_interval_s INTEGER NOT NULL CHECK (device_status_interval_s >= 0),
    created_at INTEGER NOT NULL,
    UNIQUE (tenant_id, name)
);
CREATE INDEX device_profiles_by_name ON device_profiles(name);

CREATE TABLE devices (
    dev_eui TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications(id),
    device_profile_id TEXT NOT NULL REFERENCES device_profiles(id),
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    join_eui TEXT,
    app_key BLOB,
    nwk_key BLOB,
    last_join_nonce INTEGER NOT NULL DEFAULT 0,
    last_dev_nonce INTEGER,
    tags TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(tags) AND json_type(tags) = 'object'),
    created_at INTEGER NOT NULL,
    CHECK ((join_eui IS NULL) = (app_key IS NULL))
);
CREATE INDEX devices_by_application ON devices(application_id);
CREATE INDEX devices_by_profile ON devices(device_profile_id);

CREATE TABLE device_sessions (
    dev_eui TEXT PRIMARY KEY REFERENCES devices(dev_eui) ON DELETE CASCADE,
    dev_addr INTEGER NOT NULL,
    mac_version TEXT NOT NULL,
    lorawan_1_1 INTEGER NOT NULL,
    session_keys BLOB NOT NULL,
    last_f_cnt_up INTEGER,
    n_f_cnt_down INTEGER NOT NULL,
    a_f_cnt_down INTEGER NOT NULL,
    pending_confirmed_f_cnt_down INTEGER,
    rx1_delay_s INTEGER NOT NULL,
    rx1_dr_offset INTEGER NOT NULL,
    rx2_dr INTEGER,
    rx2_frequency_hz INTEGER NOT NULL,
    activated_at INTEGER NOT NULL
);
CREATE INDEX device_sessions_by_dev_addr ON device_sessions(dev_addr);

CREATE TABLE used_dev_nonces (
    dev_eui TEXT NOT NULL REFERENCES devices(dev_eui) ON DELETE CASCADE,
    dev_nonce INTEGER NOT NULL,
    used_at INTEGER NOT NULL,
    PRIMARY KEY (dev_eui, dev_nonce)
) WITHOUT ROWID;

CREATE TABLE downlink_queue (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    dev_eui TEXT NOT NULL REFERENCES devices(dev_eui) ON DELETE CASCADE,
    f_port INTEGER NOT NULL CHECK (f_port BETWEEN 1 AND 223),
    data BLOB NOT NULL,
    confirmed INTEGER NOT NULL,
    state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'pending_ack')),
    f_cnt_down INTEGER,
    created_at INTEGER NOT NULL,
    sent_at INTEGER
);
CREATE INDEX downlink_queue_by_device ON downlink_queue(dev_eui, seq);

CREATE TABLE gateways (
    gateway_id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    latitude REAL,
    longitude REAL,
    altitude REAL,
    last_seen_at INTEGER,
    created_at INTEGER NOT NULL,
    CHECK ((latitude IS NULL) = (longitude IS NULL))
);
CREATE INDEX gateways_by_tenant ON gateways(tenant_id);
)sql";

// The application server's durable event outbox: events wait here, in id order, until the MQTT
// broker has acknowledged them (PUBACK). Written in the transaction that stores the frame
// counter where possible, so an accepted uplink and its event are kept or lost together.
constexpr std::string_view schema_v2 = R"sql(
CREATE TABLE event_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    topic TEXT NOT NULL,
    payload BLOB NOT NULL,
    created_at INTEGER NOT NULL
);
)sql";

// JavaScript device codecs imported by operators (`hortillon codec import`); the server looks a
// codec up here when a device profile names an id that no built-in codec has.
constexpr std::string_view schema_v3 = R"sql(
CREATE TABLE codecs (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    vendor TEXT,
    device TEXT,
    family TEXT,
    encodes_downlink INTEGER NOT NULL DEFAULT 0,
    decodes_downlink INTEGER NOT NULL DEFAULT 0,
    imported_at INTEGER NOT NULL
) WITHOUT ROWID;
)sql";

// The network server's MAC state of each session (JSON it writes and reads; empty: the
// region's defaults), so channel plans, ADR and pending MAC requests survive a restart.
constexpr std::string_view schema_v4 = R"sql(
ALTER TABLE device_sessions ADD COLUMN mac_state TEXT NOT NULL DEFAULT '';
)sql";

// ADR settings of device profiles: installation margin, the data-rate range ADR may use and the
// most repetitions (NbTrans) it may ask for.
constexpr std::string_view schema_v5 = R"sql(
ALTER TABLE device_profiles ADD COLUMN adr_margin_db REAL NOT NULL DEFAULT 10;
ALTER TABLE device_profiles ADD COLUMN adr_min_dr INTEGER NOT NULL DEFAULT 0;
ALTER TABLE device_profiles ADD COLUMN adr_max_dr INTEGER NOT NULL DEFAULT 15;
ALTER TABLE device_profiles ADD COLUMN adr_max_nb_trans INTEGER NOT NULL DEFAULT 3;
)sql";

// Rejoin-requests (LoRaWAN 1.1): the last RJcount0 of each session and RJcount1 of each device
// (replays are refused), a ForceRejoinReq an operator asked for (its 16-bit payload, how often
// and when it was last sent), and the
// session a rejoin created, kept beside the current one until the device's first uplink with
// it: a device that missed the join-accept keeps its old session.
constexpr std::string_view schema_v6 = R"sql(
ALTER TABLE device_sessions ADD COLUMN last_rj_count0 INTEGER;
ALTER TABLE device_sessions ADD COLUMN force_rejoin INTEGER;
ALTER TABLE device_sessions ADD COLUMN force_rejoin_sends INTEGER NOT NULL DEFAULT 0;
ALTER TABLE device_sessions ADD COLUMN force_rejoin_sent_at INTEGER;
ALTER TABLE devices ADD COLUMN last_rj_count1 INTEGER;
CREATE TABLE pending_device_sessions (
    dev_eui TEXT PRIMARY KEY REFERENCES devices(dev_eui) ON DELETE CASCADE,
    dev_addr INTEGER NOT NULL,
    mac_version TEXT NOT NULL,
    lorawan_1_1 INTEGER NOT NULL,
    session_keys BLOB NOT NULL,
    last_f_cnt_up INTEGER,
    n_f_cnt_down INTEGER NOT NULL,
    a_f_cnt_down INTEGER NOT NULL,
    pending_confirmed_f_cnt_down INTEGER,
    rx1_delay_s INTEGER NOT NULL,
    rx1_dr_offset INTEGER NOT NULL,
    rx2_dr INTEGER,
    rx2_frequency_hz INTEGER NOT NULL,
    activated_at INTEGER NOT NULL,
    mac_state TEXT NOT NULL DEFAULT '',
    force_rejoin INTEGER,
    force_rejoin_sends INTEGER NOT NULL DEFAULT 0,
    force_rejoin_sent_at INTEGER
);
CREATE INDEX pending_device_sessions_by_dev_addr ON pending_device_sessions(dev_addr);
)sql";

// A change stamp for the server's in-memory caches: raised by every write to what they keep
// (provisioning rows, sessions' keys and addresses), whoever writes it, and by nothing the
// server writes per uplink (counters, MAC state, nonces, last-seen times), so that a cache is
// dropped only when it may be wrong. PRAGMA data_version cannot tell these apart from the event
// outbox's writes, which another connection makes many times a second.
constexpr std::string_view schema_v7 = R"sql(
CREATE TABLE change_stamp (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
INSERT INTO change_stamp (id, value) VALUES (1, 0);
CREATE TRIGGER tenants_insert_stamp AFTER INSERT ON tenants
    BEGIN UPDATE change_stamp SET value = value + 1; END;
CREATE TRIGGER tenants_update_stamp AFTER UPDATE ON tenants
    BEGIN UPDATE change_stamp SET value = value + 1; END;
CREATE TRIGGER tenants_delete_stamp AFTER DELETE ON tenants
    BEGIN UPDATE change_stamp SET value = value + 1; END;
CREATE TRIGGER applications_insert_stamp AFTER INSERT ON applications
    BEGIN UPDATE change_stamp SET value = value + 1; END;
CREATE TRIGGER applications_update_stamp AFTER UPDATE ON applications
    BEGIN UPDATE change_stamp SET value = value + 1; END;
CREATE TRIGGER applications_delete_stamp AFTER DELETE ON applications
    BEGIN UPDATE change_stamp SET value = value + 1; END;
CREATE TRIGGER device_profiles_insert_stamp AFTER INSERT ON device_profiles
    BEGIN UPDATE change_stamp SET value = value + 1; END;
CREATE TRIGGER device_profiles_update_stamp AFTER UPDATE ON device_profiles
    BEGIN UPDATE change_stamp SET value = value + 1; END;
CREATE TRIGGER device_profiles_delete_stamp AFTER DELETE ON device_profiles
    BEGIN UPDATE change_stamp SET value = value + 1; END;
CREATE TRIGGER devices_insert_stamp AFTER INSERT ON devices
    BEGIN UPDATE change_stamp SET value = value + 1; END;
CREATE TRIGGER devices_delete_stamp AFTER DELETE ON devices
    BEGIN UPDATE change_stamp SET value = value + 1; END;
CREATE TRIGGER devices_update_stamp AFTER UPDATE OF application_id, device_profile_id, name, description, join_eui,
    app_key, nwk_key, tags ON devices
    BEGIN UPDATE change_stamp SET value = value + 1; END;
CREATE TRIGGER device_sessions_insert_stamp AFTER INSERT ON device_sessions
    BEGIN UPDATE change_stamp SET value = value + 1; END;
CREATE TRIGGER device_sessions_delete_stamp AFTER DELETE ON device_sessions
    BEGIN UPDATE change_stamp SET value = value + 1; END;
CREATE TRIGGER device_sessions_update_stamp AFTER UPDATE OF dev_addr, mac_version, lorawan_1_1, session_keys, rx1_delay_s,
    rx1_dr_offset, rx2_dr, rx2_frequency_hz, force_rejoin ON device_sessions
    BEGIN UPDATE change_stamp SET value = value + 1; END;
CREATE TRIGGER pending_device_sessions_insert_stamp AFTER INSERT ON pending_device_sessions
    BEGIN UPDATE change_stamp SET value = value + 1; END;
CREATE TRIGGER pending_device_sessions_delete_stamp AFTER DELETE ON pending_device_sessions
    BEGIN UPDATE change_stamp SET value = value + 1; END;
CREATE TRIGGER gateways_insert_stamp AFTER INSERT ON gateways
    BEGIN UPDATE change_stamp SET value = value + 1; END;
CREATE TRIGGER gateways_delete_stamp AFTER DELETE ON gateways
    BEGIN UPDATE change_stamp SET value = value + 1; END;
CREATE TRIGGER gateways_update_stamp AFTER UPDATE OF tenant_id, name, description, latitude, longitude,
    altitude ON gateways
    BEGIN UPDATE change_stamp SET value = value + 1; END;
)sql";

constexpr std::array all_migrations{
    Migration{1, "tenants, applications, profiles, devices, sessions, queue, gateways", schema_v1},
    Migration{2, "application server event outbox", schema_v2},
    Migration{3, "JavaScript device codecs", schema_v3},
    Migration{4, "MAC state of device sessions", schema_v4},
    Migration{5, "ADR settings of device profiles", schema_v5},
    Migration{6, "rejoin counters and sessions awaiting their first uplink", schema_v6},
    Migration{7, "change stamp for the server's caches", schema_v7},
};

auto read_pragma_int(Database& database, std::string_view pragma) -> StoreResult<int> {
    auto statement = database.prepare(pragma);
    if (!statement)
        return Unexpected{statement.error()};
    auto row = statement->step();
    if (!row)
        return Unexpected{row.error()};
    return *row ? static_cast<int>(statement->column_int64(0)) : 0;
}

// A file with tables but without our application_id belongs to another program: migrating it
// would scribble our tables into someone else's data.
auto check_owner(Database& database, int version) -> StoreResult<void> {
    auto application_id = read_pragma_int(database, "PRAGMA application_id");
    if (!application_id)
        return Unexpected{application_id.error()};
    if (*application_id == hortillon_application_id)
        return {};
    auto tables = read_pragma_int(database, "SELECT count(*) FROM sqlite_schema");
    if (!tables)
        return Unexpected{tables.error()};
    if (*application_id == 0 && version == 0 && *tables == 0)
        return {};
    return fail(StoreError::not_a_hortillon_database,
                database.path().string() +
                    " is an SQLite database of another program; give Hortillon its own file");
}

auto apply(Database& database, const Migration& step) -> StoreResult<void> {
    if (auto done = database.execute(step.sql); !done)
        return fail(done.error().code, "schema migration " + std::to_string(step.version) + " (" +
                                           std::string(step.description) +
                                           ") failed: " + done.error().message);
    // PRAGMA takes no bound parameters; the values are our own integers.
    return database.execute(
        "PRAGMA user_version = " + std::to_string(step.version) +
        "; PRAGMA application_id = " + std::to_string(hortillon_application_id));
}
}  // namespace

auto migrations() -> std::span<const Migration> {
    return all_migrations;
}

auto latest_schema_version() -> int {
    return all_migrations.back().version;
}

auto schema_version(Database& database) -> StoreResult<int> {
    return read_pragma_int(database, "PRAGMA user_version");
}

auto migrate(Database& database) -> StoreResult<int> {
    // Inside one write transaction: a CLI and a server starting together do not both migrate,
    // and a failed step leaves the file at the previous version.
    auto transaction = Transaction::begin(database);
    if (!transaction)
        return Unexpected{transaction.error()};
    auto version = schema_version(database);
    if (!version)
        return Unexpected{version.error()};
    if (auto owner = check_owner(database, *version); !owner)
        return Unexpected{owner.error()};
    if (*version > latest_schema_version())
        return fail(StoreError::schema_too_new,
                    database.path().string() + " has schema version " + std::to_string(*version) +
                        ", but this Hortillon knows versions up to " +
                        std::to_string(latest_schema_version()) +
                        "; run the newer Hortillon that last used it, or restore a backup");
    for (const Migration& step : all_migrations) {
        if (step.version <= *version)
            continue;
        if (auto applied = apply(database, step); !applied)
            return Unexpected{applied.error()};
    }
    if (auto committed = transaction->commit(); !committed)
        return Unexpected{committed.error()};
    return latest_schema_version();
}

}  // namespace hortillon::storage
