#include "network-server/data_downlink.hpp"

#include "lorawan/data_frame_seal.hpp"

namespace hortillon::network_server {

using namespace lorawan;

namespace {
constexpr std::size_t fhdr_size = 7;
constexpr std::uint8_t max_application_f_port = 223;

// Which parts go into this frame.
struct Layout {
    Bytes f_opts;
    std::optional<std::uint8_t> f_port;
    Bytes frm_payload;
    bool application = false;
    bool mac = false;
};

auto plan_layout(const DownlinkContent& content, std::size_t max_mac_payload)
    -> Result<Layout, DownlinkRefusal> {
    const Bytes mac = encode_mac_commands(content.mac_commands);
    Layout layout;
    if (content.application) {
        const auto& app = *content.application;
        if (app.f_port == 0 || app.f_port > max_application_f_port) {
            return Unexpected{DownlinkRefusal::bad_f_port};
        }
        if (fhdr_size + 1 + app.data.size() > max_mac_payload) {
            return Unexpected{DownlinkRefusal::payload_too_long};
        }
    }
    const std::size_t app_size = content.application ? 1 + content.application->data.size() : 0;
    if (!mac.empty() && mac.size() <= max_f_opts_size &&
        fhdr_size + mac.size() + app_size <= max_mac_payload) {
        layout.f_opts = mac;
        layout.mac = true;
    } else if (!mac.empty() && (!content.application || mac.size() > max_f_opts_size)) {
        // Too long for FOpts: MAC commands alone on FPort 0, as many whole ones as fit.
        Bytes fitting;
        for (const auto& command : content.mac_commands) {
            Bytes one = encode_mac_commands(std::span(&command, 1));
            if (fhdr_size + 1 + fitting.size() + one.size() > max_mac_payload)
                break;
            append(fitting, one);
        }
        layout.f_port = 0;
        layout.frm_payload = std::move(fitting);
        layout.mac = true;
        return layout;
    }
    if (content.application) {
        layout.f_port = content.application->f_port;
        layout.frm_payload = content.application->data;
        layout.application = true;
    }
    return layout;
}
}  // namespace

auto build_data_downlink(const DeviceSession& session, const DownlinkContent& content,
                         const region::PayloadSize& max_payload)
    -> Result<BuiltDownlink, DownlinkRefusal> {
    auto layout = plan_layout(content, max_payload.m);
    if (!layout)
        return Unexpected{layout.error()};
    const bool confirmed = layout->application && content.application->confirmed;
    const bool a_counter = session.lorawan_1_1 && layout->application;
    const std::uint32_t f_cnt = a_counter ? session.a_f_cnt_down : session.n_f_cnt_down;
    const bool left_behind = (content.application && !layout->application) ||
                             (!content.mac_commands.empty() && !layout->mac);
    PlainDataFrame frame{
        .m_type = confirmed ? MType::confirmed_data_down : MType::unconfirmed_data_down,
        .dev_addr = session.dev_addr,
        .f_ctrl = FCtrl{.adr = content.adr,
                        .adr_ack_req = false,
                        .ack = content.ack,
                        .class_b = false,
                        .f_pending = content.more_queued || left_behind},
        .f_cnt = f_cnt,
        .f_opts = layout->f_opts,
        .f_port = layout->f_port,
        .frm_payload = layout->frm_payload,
    };
    const MicBlockFields fields{
        .conf_f_cnt =
            content.ack ? static_cast<std::uint16_t>(content.acked_f_cnt_up) : std::uint16_t{0},
        .tx_dr = 0,
        .tx_ch = 0};
    const NetworkSessionCrypto network(session.keys, session.lorawan_1_1);
    const Aes128 app(session.keys.app_s_key);
    auto sealed = seal_data_frame(frame, network, &app, fields);
    if (!sealed)
        return Unexpected{DownlinkRefusal::payload_too_long};
    return BuiltDownlink{.phy_payload = std::move(*sealed),
                         .f_cnt = f_cnt,
                         .a_f_cnt_down = a_counter,
                         .application_included = layout->application,
                         .mac_commands_included = layout->mac,
                         .confirmed = confirmed};
}

}  // namespace hortillon::network_server
