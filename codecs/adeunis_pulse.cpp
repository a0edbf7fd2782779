// Adeunis Pulse v4 (ARF8230), a two-channel pulse interface for water, gas and electricity
// meters; fPort 1 (ignored). Codec of the TTN Device Repository snapshot 2024-06
// (pulse_lib.js). The decoded frame sits under `data.bytes`, and `warnings`/`errors` are
// always present (empty), as in the vendor codec.
//
// Every frame:
//
//   offset  size  field
//   0       1     frame code (table below)
//   1       1     status: bits 7-5 frame counter, bit 2 timestamp present, bit 1 low
//                 battery, bit 0 configuration done -> status{frameCounter, timestamp,
//                 lowBattery, configurationDone, hardwareError (always false)}
//
// Timestamps (status bit 2): u32 BE seconds since 2013-01-01T00:00:00Z, rendered as ISO-8601
// with milliseconds and without the "Z".
//
//   code   type string                         layout after the status byte
//   0x46   "0x46 Pulse 4 data"                 2 counter A u32, 6 counter B u32; ts at 10
//   0x47   "0x47 Pulse 4 alarm"                2 flow A u16, 4 flow B u16; ts at 6
//   0x5A   "0x5a Pulse 4 data - channel A"     2 counter u32, then u16 deltas up to the
//   0x5B   "0x5b Pulse 4 data - channel B"     timestamp (last 4 bytes) or the end;
//                                              counterValues [c0, c0-d1, c0-d1-d2, ...]
//   0x30   "0x30 Pulse 4 keep alive"           2 alarm bits, 3 max A, 5 max B, 7 min A,
//                                              9 min B (u16); ts at 11
//   0x10   "0x10 Pulse 4 configuration"        see parse_configuration below (11 or 28 bytes)
//   0x11   "0x11 Pulse 4 configuration"        2/4 overflow thresholds A/B, 6/8 leakage
//                                              thresholds A/B (u16)
//   0x12   "0x12 Pulse 4 configuration"        2/4 daily periods A/B (u16), 6/8 tamper
//                                              sample period x10 s A/B, 7/9 thresholds
//   0x20   "0x20 Configuration"                network configuration (LoRa: 4 bytes)
//   0x33   "0x33 Set register status"          2 status, 3 register id u16
//   other  {type: "Unsupported"}, no errors (the vendor's output; the vectors pin it)
//
// A frame shorter than its layout is an error; `data` still holds the vendor codec's output
// for it (missing bytes read as 0), so a lone 0x46 gives counters [0, 0] *and* an error.

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "codecs/builtin.hpp"
#include "codecs/javascript_format.hpp"
#include "codecs/payload_reader.hpp"

namespace hortillon::codecs {

namespace {

constexpr std::int64_t adeunis_epoch_unix = 1'356'998'400;  // 2013-01-01T00:00:00Z
constexpr std::uint8_t timestamp_flag = 0x04;

using Json = nlohmann::json;

auto amount(std::string_view unit, std::uint64_t value) -> Json {
    return {{"unit", unit}, {"value", value}};
}

auto timestamp_text(std::uint32_t seconds) -> std::string {
    return format_iso8601_utc_without_zone(adeunis_epoch_unix + seconds);
}

auto has_timestamp(PayloadReader& frame) -> bool {
    return (frame.u8(1) & timestamp_flag) != 0;
}

auto parse_status(PayloadReader& frame) -> Json {
    const std::uint8_t status = frame.u8(1);
    return {{"frameCounter", (status & 0xE0) >> 5},
            {"hardwareError", false},
            {"lowBattery", (status & 0x02) != 0},
            {"configurationDone", (status & 0x01) != 0},
            {"timestamp", (status & timestamp_flag) != 0}};
}

void parse_counters(PayloadReader& frame, Json& content) {
    if (has_timestamp(frame))
        content["timestamp"] = timestamp_text(frame.u32_be(10));
    content["decodingInfo"] = "counterValues: [Channel A, Channel B]";
    content["counterValues"] = {frame.u32_be(2), frame.u32_be(6)};
}

void parse_alarm(PayloadReader& frame, Json& content) {
    if (has_timestamp(frame))
        content["timestamp"] = timestamp_text(frame.u32_be(6));
    content["decodingInfo"] = "flowValues: [Channel A, Channel B]";
    content["flowValues"] = {frame.u16_be(2), frame.u16_be(4)};
}

// Counter history of one channel: the absolute counter, then deltas back in time.
void parse_history(PayloadReader& frame, Json& content, std::vector<std::string>& errors) {
    const bool timestamped = has_timestamp(frame);
    const std::size_t minimum = timestamped ? 10 : 6;
    frame.require(minimum);
    const std::size_t end = frame.size() >= minimum ? frame.size() - (timestamped ? 4 : 0) : 6;
    if (timestamped)
        content["timestamp"] = timestamp_text(frame.u32_be(end));
    if ((end - 6) % 2 != 0)
        errors.emplace_back("odd number of counter delta bytes: the last delta is incomplete");
    // Like the vendor codec: plain double arithmetic, so a delta larger than the counter
    // gives a negative value.
    double counter = frame.u32_be(2);
    Json values = Json::array({json_number(counter)});
    for (std::size_t offset = 6; offset < end; offset += 2) {
        counter -= frame.u16_be(offset);
        values.push_back(json_number(counter));
    }
    content["decodingInfo"] = "counterValues: [t=0, t-1, t-2, ...]";
    content["counterValues"] = std::move(values);
}

auto keep_alive_channel(PayloadReader& frame, int channel) -> Json {
    const std::uint8_t alarms = frame.u8(2);
    const std::size_t shift = channel == 0 ? 0 : 2;
    return {{"name", channel == 0 ? "channel A" : "channel B"},
            {"flow",
             {{"alarm", (alarms & (0x01 << channel)) != 0},
              {"last24hMin", frame.u16_be(7 + shift)},
              {"last24hMax", frame.u16_be(3 + shift)}}},
            {"tamperAlarm", (alarms & (0x04 << channel)) != 0},
            {"leakageAlarm", (alarms & (0x10 << channel)) != 0}};
}

void parse_keep_alive(PayloadReader& frame, Json& content) {
    if (has_timestamp(frame))
        content["timestamp"] = timestamp_text(frame.u32_be(11));
    content["channels"] = {keep_alive_channel(frame, 0), keep_alive_channel(frame, 1)};
}

void parse_leakage_thresholds(PayloadReader& frame, Json& content) {
    content["channels"] = {
        {{"name", "channel A"},
         {"leakageDetection",
          {{"overflowAlarmTriggerThreshold", frame.u16_be(2)}, {"threshold", frame.u16_be(6)}}}},
        {{"name", "channel B"},
         {"leakageDetection",
          {{"overflowAlarmTriggerThreshold", frame.u16_be(4)}, {"threshold", frame.u16_be(8)}}}}};
}

auto tamper_settings(PayloadReader& frame, std::size_t at) -> Json {
    return {{"samplePeriodForDetection", amount("s", frame.u8(at) * 10U)},
            {"threshold", frame.u8(at + 1)}};
}

void parse_tamper_settings(PayloadReader& frame, Json& content) {
    content["channels"] = {
        {{"name", "channel A"},
         {"leakageDetection", {{"dailyPeriodsBelowWhichLeakageAlarmTriggered", frame.u16_be(2)}}},
         {"tamper", tamper_settings(frame, 6)}},
        {{"name", "channel B"},
         {"leakageDetection", {{"dailyPeriodsBelowWhichLeakageAlarmTriggered", frame.u16_be(4)}}},
         {"tamper", tamper_settings(frame, 8)}}};
}

auto request_status_text(std::uint8_t status) -> std::string_view {
    constexpr std::array<std::string_view, 8> names{
        "errorOtherReason",     "success",           "successNoUpdate",     "errorCoherency",
        "errorInvalidRegister", "errorInvalidValue", "errorTruncatedValue", "errorAccesNotAllowed"};
    return status < names.size() ? names[status] : names[0];
}

void parse_register_status(PayloadReader& frame, Json& content) {
    content["requestStatus"] = request_status_text(frame.u8(2));
    content["registerId"] = frame.u16_be(3);
}

// The network configuration. The vendor codec decodes it by length: 4 bytes LoRa, 3 or 5
// bytes Sigfox, anything else is marked partialDecoding = 1 (MISSING_NETWORK).
void parse_network(PayloadReader& frame, Json& content, std::vector<std::string>& warnings) {
    frame.require(2);
    const std::size_t size = frame.size();
    if (size == 4) {
        const std::uint8_t flags = frame.u8(2);
        content["loraAdr"] = (flags & 0x01) != 0;
        content["loraProvisioningMode"] = frame.u8(3) == 0 ? "ABP" : "OTAA";
        content["loraDutycyle"] = (flags & 0x04) != 0 ? "activated" : "deactivated";
        content["loraClassMode"] = (flags & 0x20) != 0 ? "CLASS C" : "CLASS A";
    } else if (size == 3 || size == 5) {
        content["sigfoxRetry"] = frame.u8(2) & 0x03;
        if (size == 5)
            content["sigfoxDownlinkPeriod"] = {{"unit", "m"}, {"value", frame.s16_be(3)}};
    } else if (size >= 2) {
        content["partialDecoding"] = 1;
        warnings.push_back("network configuration frame of " + std::to_string(size) +
                           " bytes: neither LoRa (4) nor Sigfox (3 or 5)");
    }
}

// The 0x10 configuration frame, by length: 28 bytes LoRa 868, 11 bytes Sigfox, others
// (unknown network) without the per-network fields.
//
//   offset  field                                           output
//   2       product mode 0 PARK, 1 PRODUCTION, 2 TEST, 3 DEAD  productMode
//   3       historisations before sending, u16             numberOfHistorizationBeforeSending
//   5       channel bits: b0/b4 enabled, b1/b5 gas pull-up, b3/b7 tamper (A/B)
//   6       sampling period, u16, x2 s                     samplingPeriod, calculatedSendingPeriod
//   8       debounce code, low nibble A, high nibble B     debouncingPeriod (ms)
//   9       flow calculation period, u16 (x20 s in TEST mode, else minutes)
//   11/13   overflow thresholds A/B, u16 (LoRa)            leakageDetection
//   15/17   leakage thresholds A/B, u16 (LoRa)
//   19/21   daily periods A/B, u16 (LoRa)
//   23/25   tamper sample periods A/B, x10 s (LoRa)        tamper
//   24/26   tamper thresholds A/B (LoRa)
//   27      redundant samples (LoRa)                       redundantSamples
constexpr std::size_t lora_configuration_size = 28;
constexpr std::size_t sigfox_configuration_size = 11;
constexpr std::uint8_t test_mode = 2;

auto product_mode_text(std::uint8_t mode) -> std::string_view {
    constexpr std::array<std::string_view, 4> names{"PARK", "PRODUCTION", "TEST", "DEAD"};
    return mode < names.size() ? names[mode] : "";
}

auto debounce_ms(unsigned code) -> unsigned {
    constexpr std::array<unsigned, 12> periods{0,   1,   10,   20,   50,   100,
                                               200, 500, 1000, 2000, 5000, 10000};
    return code < periods.size() ? periods[code] : 0;
}

auto configuration_channel(PayloadReader& frame, unsigned channel) -> Json {
    const std::uint8_t bits = frame.u8(5);
    const unsigned shift = channel * 4;
    const std::size_t pair = channel * 2;
    const unsigned debounce = (frame.u8(8) >> shift) & 0x0F;
    Json out = {{"name", channel == 0 ? "channel A" : "channel B"},
                {"state", (bits & (0x01U << shift)) != 0 ? "enabled" : "disabled"},
                {"type", (bits & (0x02U << shift)) != 0 ? "gasPullUpOn" : "otherPullUpOff"},
                {"debouncingPeriod", amount("ms", debounce_ms(debounce))}};
    const bool tamper = (bits & (0x08U << shift)) != 0;
    if (frame.size() == lora_configuration_size) {
        out["leakageDetection"] = {
            {"overflowAlarmTriggerThreshold", frame.u16_be(11 + pair)},
            {"threshold", frame.u16_be(15 + pair)},
            {"dailyPeriodsBelowWhichLeakageAlarmTriggered", frame.u16_be(19 + pair)}};
        out["tamper"] = {{"activated", tamper},
                         {"samplePeriodForDetection", amount("s", frame.u8(23 + pair) * 10U)},
                         {"threshold", frame.u8(24 + pair)}};
    } else if (frame.size() == sigfox_configuration_size) {
        out["tamper"] = {{"activated", tamper}};
    }
    return out;
}

void parse_configuration(PayloadReader& frame, Json& content) {
    frame.require(sigfox_configuration_size);
    // Between the two known sizes: a LoRa frame cut short (the vendor decodes it as an
    // unknown network, without the per-network fields, and so do we).
    if (frame.size() > sigfox_configuration_size && frame.size() < lora_configuration_size)
        frame.require(lora_configuration_size);
    const std::uint8_t mode = frame.u8(2);
    const std::uint64_t historisations = frame.u16_be(3);
    const std::uint64_t sampling = frame.u16_be(6);
    content["productMode"] = product_mode_text(mode);
    content["numberOfHistorizationBeforeSending"] = historisations;
    content["samplingPeriod"] = amount("s", sampling * 2);
    content["calculatedSendingPeriod"] = amount("s", historisations * sampling * 2);
    const std::uint64_t flow_period = frame.u16_be(9);
    content["flowCalculationPeriod"] =
        mode == test_mode ? amount("s", flow_period * 20) : amount("m", flow_period);
    if (frame.size() == lora_configuration_size)
        content["redundantSamples"] = frame.u8(27);
    content["channels"] = {configuration_channel(frame, 0), configuration_channel(frame, 1)};
}

struct FrameKind {
    std::uint8_t code;
    std::string_view type;
    std::string_view name;  // for messages
};

constexpr std::array<FrameKind, 10> frame_kinds{{
    {0x10, "0x10 Pulse 4 configuration", "0x10 configuration frame"},
    {0x11, "0x11 Pulse 4 configuration", "0x11 configuration frame"},
    {0x12, "0x12 Pulse 4 configuration", "0x12 configuration frame"},
    {0x20, "0x20 Configuration", "0x20 network configuration frame"},
    {0x30, "0x30 Pulse 4 keep alive", "0x30 keep-alive frame"},
    {0x33, "0x33 Set register status", "0x33 register status frame"},
    {0x46, "0x46 Pulse 4 data", "0x46 data frame"},
    {0x47, "0x47 Pulse 4 alarm", "0x47 alarm frame"},
    {0x5A, "0x5a Pulse 4 data - channel A", "0x5a history frame"},
    {0x5B, "0x5b Pulse 4 data - channel B", "0x5b history frame"},
}};

// The layout-specific fields, and the frame size the layout needs.
void parse_fields(std::uint8_t code, PayloadReader& frame, Json& content, CodecResult& result) {
    const std::size_t timestamp_size = has_timestamp(frame) ? 4 : 0;
    switch (code) {
        case 0x10:
            parse_configuration(frame, content);
            break;
        case 0x11:
            parse_leakage_thresholds(frame, content);
            break;
        case 0x12:
            parse_tamper_settings(frame, content);
            break;
        case 0x20:
            parse_network(frame, content, result.warnings);
            break;
        case 0x30:
            parse_keep_alive(frame, content);
            frame.require(11 + timestamp_size);
            break;
        case 0x33:
            parse_register_status(frame, content);
            break;
        case 0x46:
            parse_counters(frame, content);
            frame.require(10 + timestamp_size);
            break;
        case 0x47:
            parse_alarm(frame, content);
            frame.require(6 + timestamp_size);
            break;
        default:  // 0x5A, 0x5B
            parse_history(frame, content, result.errors);
            break;
    }
}

class AdeunisPulse final : public NativeCodec {
  public:
    AdeunisPulse()
        : NativeCodec({.id = "adeunis-pulse",
                       .vendor = "Adeunis",
                       .device = "Pulse v4 (ARF8230) metering interface",
                       .family = Family::water_meter}) {}

    [[nodiscard]] auto decode_uplink(const UplinkInput& input) const -> CodecResult override {
        if (input.bytes.empty())
            return decode_error(truncation_error("frame code", 1, 0));
        const std::uint8_t code = input.bytes[0];
        CodecResult result;
        const auto kind = std::find_if(frame_kinds.begin(), frame_kinds.end(),
                                       [code](const FrameKind& k) { return k.code == code; });
        if (kind == frame_kinds.end()) {
            result.data = {{"bytes", {{"type", "Unsupported"}}}};
            return result;
        }
        PayloadReader frame(input.bytes);
        Json content = {{"type", kind->type}, {"status", parse_status(frame)}};
        parse_fields(code, frame, content, result);
        if (frame.truncated())
            result.errors.push_back(truncation_error(kind->name, frame.needed(), frame.size()));
        result.data = {{"bytes", std::move(content)}};
        return result;
    }
};

}  // namespace

auto make_adeunis_pulse() -> std::unique_ptr<Codec> {
    return std::make_unique<AdeunisPulse>();
}

}  // namespace hortillon::codecs
