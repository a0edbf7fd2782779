#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "gateway-bridge/datagram_error.hpp"
#include "gateway-bridge/tx_ack.hpp"

using namespace hortillon::gateway_bridge;

TEST_CASE("one row per datagram error: message, stable unique counter, hint") {
    auto rows = datagram_errors();
    REQUIRE(rows.size() == static_cast<std::size_t>(DatagramError::crc_absent) + 1);
    std::set<std::string_view> counters;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& row = rows[i];
        INFO(row.name);
        CHECK(static_cast<std::size_t>(row.error) == i);
        CHECK_FALSE(row.message.empty());
        CHECK_FALSE(row.hint.empty());
        CHECK(counters.insert(row.counter).second);
        // gw_datagram_<name>, except the two CRC drops, which are per radio packet.
        auto prefix = row.error == DatagramError::crc_bad || row.error == DatagramError::crc_absent
                          ? std::string{"gw_rxpk_"}
                          : std::string{"gw_datagram_"};
        CHECK(row.counter == prefix + std::string{row.name});
        CHECK(describe(row.error) == row.message);
        CHECK(counter_name(row.error) == row.counter);
        CHECK(operator_hint(row.error) == row.hint);
    }
    CHECK(counter_name(DatagramError::bad_json) == "gw_datagram_bad_json");
}

TEST_CASE("one row per TX_ACK error: wire text, counter, message") {
    auto rows = tx_ack_errors();
    REQUIRE(rows.size() == static_cast<std::size_t>(TxAckError::unknown) + 1);
    std::set<std::string_view> counters;
    for (const auto& row : rows) {
        INFO(row.text);
        CHECK(counters.insert(row.counter).second);
        CHECK_FALSE(row.message.empty());
        CHECK(parse_tx_ack_error(row.text) == row.error);
        CHECK(to_string(row.error) == row.text);
        CHECK(describe(row.error) == row.message);
        CHECK(counter_name(row.error) == row.counter);
        CHECK(operator_hint(row.error) == row.hint);
    }
}
