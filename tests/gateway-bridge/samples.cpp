#include "samples.hpp"

#include <fstream>
#include <stdexcept>

#include "lorawan/identifiers.hpp"

namespace hortillon::gateway_bridge::test {

namespace {

auto identifier_of(const std::string& type) -> std::uint8_t {
    static const std::vector<std::string> names{"PUSH_DATA", "PUSH_ACK", "PULL_DATA",
                                                "PULL_RESP", "PULL_ACK", "TX_ACK"};
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == type)
            return static_cast<std::uint8_t>(i);
    }
    throw std::runtime_error("unknown sample type " + type);
}

// Header + body for samples that give only JSON: the body is json_raw when present (the exact
// bytes a gateway sent), else the parsed JSON re-serialised.
auto synthetic_datagram(const nlohmann::json& entry, const Sample& sample) -> lorawan::Bytes {
    std::string body =
        entry.contains("json_raw") ? entry["json_raw"].get<std::string>() : sample.json.dump();
    if (sample.inner_txpk)
        body = R"({"txpk":)" + body + "}";
    return make_datagram(identifier_of(sample.type), body);
}

}  // namespace

auto make_datagram(std::uint8_t identifier, std::string_view body) -> lorawan::Bytes {
    lorawan::Bytes out{2, synthetic_token[0], synthetic_token[1], identifier};
    if (identifier == 0 || identifier == 2 || identifier == 5) {
        lorawan::append(out, lorawan::Eui64{synthetic_eui}.to_be_bytes());
    }
    out.insert(out.end(), body.begin(), body.end());
    return out;
}

auto sample_file() -> nlohmann::json {
    std::ifstream in{HORTILLON_TEST_DATA "/semtech-udp-samples.json"};
    if (!in)
        throw std::runtime_error("cannot open semtech-udp-samples.json");
    return nlohmann::json::parse(in);
}

auto load_samples() -> std::vector<Sample> {
    std::vector<Sample> out;
    const auto file = sample_file();
    for (const auto& entry : file["samples"]) {
        Sample sample;
        sample.name = entry["name"].get<std::string>();
        sample.type = entry["type"].get<std::string>();
        sample.json = entry.value("json", nlohmann::json{});
        sample.header = entry.value("header", nlohmann::json{});
        sample.inner_txpk = sample.type == "PULL_RESP" && sample.json.is_object() &&
                            !sample.json.empty() && !sample.json.contains("txpk");
        if (entry.contains("datagram_hex")) {
            sample.datagram = *lorawan::from_hex(entry["datagram_hex"].get<std::string>());
            sample.has_datagram_hex = true;
        } else {
            sample.datagram = synthetic_datagram(entry, sample);
        }
        out.push_back(std::move(sample));
    }
    return out;
}

}  // namespace hortillon::gateway_bridge::test
