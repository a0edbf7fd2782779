#include <catch2/catch.hpp>

#include "gateway-bridge/tx_ack.hpp"
#include "samples.hpp"

using namespace hortillon::gateway_bridge;
using hortillon::lorawan::Bytes;

namespace {

auto decode(std::string_view body) -> hortillon::Result<TxAck, DatagramError> {
    static Bytes storage;
    storage = test::make_datagram(5, body);
    return decode_tx_ack(*decode_datagram(storage));
}

}  // namespace

TEST_CASE("TX_ACK success in all its spellings") {
    using namespace std::string_literals;
    for (const auto& body :
         {""s, "\0"s, "\0\0\0"s, R"({"txpk_ack":{}})"s, R"({"txpk_ack":{"error":""}})"s,
          R"({"txpk_ack":{"error":"NONE"}})"s, R"({"txpk_ack":{"error":"NONE"}})"s + '\0', "{}"s,
          R"({"txpk_ack":{"warn":""}})"s}) {
        INFO(body);
        auto ack = decode(body);
        REQUIRE(ack);
        CHECK(ack->sent());
        CHECK(*ack == TxAck{});
    }
}

TEST_CASE("TX_ACK errors: every documented text, and unknown ones") {
    for (const auto& row : tx_ack_errors()) {
        INFO(row.text);
        auto ack = decode(R"({"txpk_ack":{"error":")" + std::string{row.text} + "\"}}");
        REQUIRE(ack);
        CHECK(ack->error == row.error);
        CHECK(ack->sent() == (row.error == TxAckError::none));
    }
    CHECK(decode(R"({"txpk_ack":{"error":"SEND_FAIL"}})")->error == TxAckError::unknown);
}

TEST_CASE("TX_POWER: an error before doc v1.5, a warning with the used power since") {
    auto legacy = decode(R"({ "txpk_ack": { "error" : "TX_POWER"}})");
    REQUIRE(legacy);
    CHECK_FALSE(legacy->sent());
    CHECK(legacy->error == TxAckError::tx_power);

    auto warning = decode(R"({"txpk_ack":{"warn":"TX_POWER","value":20}})");
    REQUIRE(warning);
    CHECK(warning->sent());
    CHECK(warning->warning == TxAckError::tx_power);
    CHECK(warning->warning_value == "20");
    CHECK(decode(R"({"txpk_ack":{"warn":"TX_POWER","value":"20 dBm"}})")->warning_value ==
          "20 dBm");
}

TEST_CASE("TX_ACK decode errors") {
    CHECK(decode("{").error() == DatagramError::bad_json);
    CHECK(decode("NONE").error() == DatagramError::bad_json);
    CHECK(decode(R"({"txpk_ack":[]})").error() == DatagramError::bad_field);
    CHECK(decode(R"({"txpk_ack":{"error":5}})").error() == DatagramError::bad_field);
    CHECK(decode(R"({"txpk_ack":{"warn":true}})").error() == DatagramError::bad_field);
    CHECK(decode(R"({"txpk_ack":{"warn":"TX_POWER","value":[]}})").error() ==
          DatagramError::bad_field);
    auto pull_data = Bytes{2, 0, 0, 2, 1, 2, 3, 4, 5, 6, 7, 8};
    CHECK(decode_tx_ack(*decode_datagram(pull_data)).error() ==
          DatagramError::unexpected_identifier);
}
