#include <catch2/catch.hpp>

#include "network-server/adr/adr_history.hpp"

using namespace hortillon::network_server;

namespace {

auto uplinks(std::initializer_list<std::uint32_t> f_cnts) -> std::vector<AdrUplink> {
    std::vector<AdrUplink> history;
    for (auto f_cnt : f_cnts) {
        history.push_back({.f_cnt = f_cnt, .max_snr_db = 0, .tx_power_index = 0, .dr = 0});
    }
    return history;
}

}  // namespace

TEST_CASE("required SNR per spreading factor: SF7 -7.5 dB down to SF12 -20 dB") {
    struct Row {
        unsigned sf;
        double snr;
    };
    for (const auto& row :
         {Row{7, -7.5}, Row{8, -10}, Row{9, -12.5}, Row{10, -15}, Row{11, -17.5}, Row{12, -20}}) {
        CAPTURE(row.sf);
        CHECK(required_snr_db(row.sf) == row.snr);
    }
    CHECK(required_snr_db(6) == -5.0);
    CHECK(required_snr_db(5) == -2.5);
    CHECK_FALSE(required_snr_db(4));
    CHECK_FALSE(required_snr_db(13));
}

TEST_CASE("NbTrans follows ChirpStack's packet-loss table") {
    struct Row {
        double loss;
        std::uint8_t current;
        std::uint8_t expected;
    };
    const Row rows[] = {
        {0, 1, 1},  {0, 2, 1},    {0, 3, 2},   {4.99, 3, 2},  // < 5 %: 1 1 2
        {5, 1, 1},  {9.99, 2, 2}, {7, 3, 3},                  // < 10 %: 1 2 3
        {10, 1, 2}, {29.9, 2, 3}, {20, 3, 3},                 // < 30 %: 2 3 3
        {30, 1, 3}, {30, 3, 3},   {100, 2, 3},                // >= 30 %: 3 3 3
        {0, 0, 1},  {0, 15, 2},                               // clamped to 1..3 first
    };
    for (const auto& row : rows) {
        CAPTURE(row.loss, row.current);
        CHECK(nb_trans_for_packet_loss(row.current, row.loss) == row.expected);
    }
}

TEST_CASE("packet loss counts FCnt gaps against the frames sent") {
    CHECK(packet_loss_percent(uplinks({})) == 0);
    CHECK(packet_loss_percent(uplinks({7})) == 0);
    CHECK(packet_loss_percent(uplinks({1, 2, 3, 4})) == 0);
    CHECK(packet_loss_percent(uplinks({1, 3})) == Approx(100.0 / 3));  // frame 2 lost
    // ChirpStack's test history: 0..4, 6..10, 12..21 = 20 received, 2 lost of 22 sent.
    std::vector<AdrUplink> history;
    for (std::uint32_t i = 0; i < 20; ++i) {
        history.push_back({.f_cnt = i < 5 ? i : (i < 10 ? i + 1 : i + 2)});
    }
    CHECK(packet_loss_percent(history) == Approx(100.0 * 2 / 22));
}

TEST_CASE("the history keeps the last 20 uplinks and restarts when FCnt goes back") {
    std::vector<AdrUplink> history;
    for (std::uint32_t f_cnt = 1; f_cnt <= 25; ++f_cnt) {
        history = record_adr_uplink(std::move(history),
                                    {.f_cnt = f_cnt, .max_snr_db = static_cast<double>(f_cnt)});
    }
    REQUIRE(history.size() == adr_history_size);
    CHECK(history.front().f_cnt == 6);
    CHECK(history.back().f_cnt == 25);
    CHECK(max_snr_db(history) == 25);

    history = record_adr_uplink(std::move(history), {.f_cnt = 25, .max_snr_db = -3});
    REQUIRE(history.size() == 1);  // same FCnt again: a new session or a repeat, start over
    CHECK(history.front().max_snr_db == -3);
    CHECK_FALSE(max_snr_db(std::vector<AdrUplink>{}));
}
