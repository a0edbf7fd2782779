// Downlink commands: what the message alone decides (parse), then what the device decides
// (prepare). Bad cases first; every CommandError the two steps produce has a case.
#include <catch2/catch.hpp>

#include "app-server/downlink_command.hpp"

using namespace hortillon;
using namespace hortillon::app_server;
using nlohmann::json;

namespace {
const std::string topic = "application/app-1/device/0102030405060708/command/down";

auto error_of(std::string_view body, std::string_view on = topic) -> std::optional<CommandError> {
    auto parsed = parse_downlink_command(on, body);
    if (parsed)
        return std::nullopt;
    return parsed.error();
}

// Encodes {"level": n} as one byte n; refuses anything else.
class LevelCodec final : public codecs::NativeCodec {
  public:
    LevelCodec()
        : NativeCodec(codecs::CodecInfo{.id = "level",
                                        .vendor = "test",
                                        .device = "test",
                                        .family = codecs::Family::bin,
                                        .kind = codecs::CodecKind::native,
                                        .encodes_downlink = true,
                                        .decodes_downlink = false}) {}
    auto decode_uplink(const codecs::UplinkInput&) const -> codecs::CodecResult override {
        return codecs::decode_error("not used");
    }
    auto encode_downlink(const json& input) const -> codecs::EncodeResult override {
        const auto& data = input.at("data");
        if (!data.contains("level"))
            return codecs::encode_error("level missing");
        // .get<int>() throws on a string: prepare_downlink must survive codecs that do this.
        // {"level": n, "port": p}: bytes for fPort p (absent: the codec names no fPort).
        return codecs::EncodeResult{{static_cast<std::uint8_t>(data["level"].get<int>())},
                                    static_cast<std::uint8_t>(data.value("port", 0)),
                                    {},
                                    {}};
    }
};

auto target(const codecs::Codec* codec = nullptr) -> DownlinkTarget {
    return DownlinkTarget{"app-1", lorawan::region::find_region("EU868"), codec};
}
}  // namespace

TEST_CASE("malformed topics and messages are refused before anything else") {
    CHECK(error_of(R"({"fPort":1,"data":"AQ=="})", "application/app-1/device/0102/command/down") ==
          CommandError::bad_topic);
    CHECK(error_of(std::string(max_command_size + 1, ' ')) == CommandError::too_large);
    CHECK(error_of("") == CommandError::bad_json);
    CHECK(error_of("{") == CommandError::bad_json);
    CHECK(error_of("[1,2]") == CommandError::bad_json);
    CHECK(error_of("\"text\"") == CommandError::bad_json);
    CHECK(error_of(std::string(40, '[') + std::string(40, ']')) == CommandError::bad_json);
    // Brackets inside strings do not count towards the depth.
    CHECK_FALSE(
        error_of(R"({"fPort":1,"data":"AQ==","note":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["})"));
}

TEST_CASE("fields with the wrong type are refused") {
    CHECK(error_of(R"({"fPort":"1","data":"AQ=="})") == CommandError::bad_field);
    CHECK(error_of(R"({"fPort":1,"data":5})") == CommandError::bad_field);
    CHECK(error_of(R"({"fPort":1,"data":"AQ==","confirmed":"yes"})") == CommandError::bad_field);
    CHECK(error_of(R"({"fPort":1,"object":[1]})") == CommandError::bad_field);
    CHECK(error_of(R"({"fPort":1,"data":"AQ==","devEui":7})") == CommandError::bad_field);
}

TEST_CASE("FPort must be 1 to 223") {
    CHECK(error_of(R"({"data":"AQ=="})") == CommandError::bad_f_port);
    CHECK(error_of(R"({"fPort":0,"data":"AQ=="})") == CommandError::bad_f_port);
    CHECK(error_of(R"({"fPort":224,"data":"AQ=="})") == CommandError::bad_f_port);
    CHECK(error_of(R"({"fPort":-1,"data":"AQ=="})") == CommandError::bad_f_port);
    CHECK(error_of(R"({"fPort":1.5,"data":"AQ=="})") == CommandError::bad_f_port);
    CHECK_FALSE(error_of(R"({"fPort":223,"data":"AQ=="})"));
    CHECK_FALSE(error_of(R"({"fPort":1,"data":"AQ=="})"));
}

TEST_CASE("the DevEUI in the body must be the topic's") {
    CHECK(error_of(R"({"devEui":"0102030405060709","fPort":1,"data":"AQ=="})") ==
          CommandError::dev_eui_mismatch);
    CHECK(error_of(R"({"devEui":"nonsense","fPort":1,"data":"AQ=="})") ==
          CommandError::dev_eui_mismatch);
    CHECK_FALSE(error_of(R"({"devEui":"0102030405060708","fPort":1,"data":"AQ=="})"));
    CHECK_FALSE(error_of(R"({"devEui":"0102030405060708","fPort":1,"data":"AQ=="})"));
}

TEST_CASE("exactly one of data and object, data in standard base64") {
    CHECK(error_of(R"({"fPort":1})") == CommandError::no_payload);
    CHECK(error_of(R"({"fPort":1,"data":"AQ==","object":{}})") == CommandError::both_payloads);
    CHECK(error_of(R"({"fPort":1,"data":"A*Q="})") == CommandError::bad_data);
    CHECK(error_of(R"({"fPort":1,"data":"-_8="})") == CommandError::bad_data);
}

TEST_CASE("a valid command carries its fields") {
    auto command = parse_downlink_command(
        topic, R"({"devEui":"0102030405060708","confirmed":true,"fPort":10,"data":"AQID"})");
    REQUIRE(command);
    CHECK(command->application_id == "app-1");
    CHECK(command->dev_eui == lorawan::Eui64{0x0102030405060708});
    CHECK(command->confirmed);
    CHECK(command->f_port == 10);
    CHECK(command->data == lorawan::Bytes{1, 2, 3});
    CHECK_FALSE(command->object);

    auto with_object = parse_downlink_command(topic, R"({"fPort":2,"object":{"level":3}})");
    REQUIRE(with_object);
    CHECK_FALSE(with_object->confirmed);
    CHECK(with_object->object == json{{"level", 3}});
    CHECK(parse_downlink_command(topic, R"({"fPort":2,"data":""})")->data == lorawan::Bytes{});
}

TEST_CASE("prepare: another application's device is refused") {
    auto command = *parse_downlink_command(topic, R"({"fPort":1,"data":"AQ=="})");
    auto other = target();
    other.application_id = "app-2";
    CHECK(prepare_downlink(command, other).error() == CommandError::wrong_application);
}

TEST_CASE("prepare: the payload must fit the region's lowest downlink data rate") {
    const auto* eu868 = lorawan::region::find_region("EU868");
    REQUIRE(lowest_downlink_payload_limit(*eu868) == 51);                                // DR0, N
    CHECK(lowest_downlink_payload_limit(*lorawan::region::find_region("US915")) == 53);  // DR8
    auto fits = *parse_downlink_command(topic, R"({"fPort":1,"data":"AQ=="})");
    fits.data = lorawan::Bytes(51, 0xaa);
    auto item = prepare_downlink(fits, target());
    REQUIRE(item);
    CHECK(item->dev_eui == fits.dev_eui);
    CHECK(item->f_port == 1);
    CHECK(item->data.size() == 51);
    fits.data = lorawan::Bytes(52, 0xaa);
    CHECK(prepare_downlink(fits, target()).error() == CommandError::payload_too_long);
}

TEST_CASE("prepare: an object goes through the profile's codec") {
    const LevelCodec codec;
    auto command =
        *parse_downlink_command(topic, R"({"fPort":7,"confirmed":true,"object":{"level":9}})");
    CHECK(prepare_downlink(command, target()).error() == CommandError::no_codec);
    auto item = prepare_downlink(command, target(&codec));
    REQUIRE(item);
    CHECK(item->data == lorawan::Bytes{9});
    CHECK(item->f_port == 7);
    CHECK(item->confirmed);
    auto refused = *parse_downlink_command(topic, R"({"fPort":7,"object":{"other":1}})");
    CHECK(prepare_downlink(refused, target(&codec)).error() == CommandError::codec_error);
    auto throwing = *parse_downlink_command(topic, R"({"fPort":7,"object":{"level":"high"}})");
    CHECK(prepare_downlink(throwing, target(&codec)).error() == CommandError::codec_error);
}

TEST_CASE("prepare: a codec that names an fPort must agree with the command's") {
    const LevelCodec codec;
    auto same = *parse_downlink_command(topic, R"({"fPort":5,"object":{"level":2,"port":5}})");
    REQUIRE(prepare_downlink(same, target(&codec)));
    CHECK(prepare_downlink(same, target(&codec))->f_port == 5);
    auto other = *parse_downlink_command(topic, R"({"fPort":6,"object":{"level":2,"port":5}})");
    CHECK(prepare_downlink(other, target(&codec)).error() == CommandError::codec_f_port);
}

TEST_CASE("every command error has a complete row") {
    for (const auto& row : command_errors()) {
        INFO(row.name);
        CHECK(info(row.error).name == row.name);
        CHECK(row.counter.starts_with("as_command_"));
        CHECK_FALSE(row.message.empty());
        CHECK_FALSE(row.hint.empty());
    }
    // A commune cannot tell another commune's device from a missing one.
    CHECK(info(CommandError::unknown_device).message ==
          info(CommandError::wrong_application).message);
    CHECK(info(CommandError::payload_too_long).log_code == LogCode::downlink_payload_size);
    CHECK(info(CommandError::codec_error).log_code == LogCode::downlink_codec);
}
