#include "network-server/join.hpp"

namespace hortillon::network_server {

using namespace lorawan;

namespace {
auto network_key(const OtaaDevice& device) -> const AesKey& {
    return device.nwk_key ? *device.nwk_key : device.app_key;
}

auto planned_accept(const JoinAcceptPlan& plan, bool opt_neg) -> JoinAccept {
    return JoinAccept{
        .join_nonce = plan.join_nonce,
        .net_id = plan.net_id,
        .dev_addr = plan.dev_addr,
        .dl_settings = DlSettings{.opt_neg = opt_neg,
                                  .rx1_dr_offset = plan.rx1_dr_offset,
                                  .rx2_data_rate = plan.rx2_dr},
        .rx_delay = plan.rx_delay_seconds,
        .cf_list = plan.cf_list,
    };
}
}  // namespace

auto verify_join_request(const OtaaDevice& device, ByteView phy_payload) -> bool {
    const AesKey& key = is_lorawan_1_1(device.mac_version) ? network_key(device) : device.app_key;
    return verify_request_mic(key, phy_payload);
}

auto answer_join_request(const OtaaDevice& device, const JoinRequest& request,
                         const JoinAcceptPlan& plan) -> JoinAnswer {
    const bool v1_1 = is_lorawan_1_1(device.mac_version);
    const JoinAccept accept = planned_accept(plan, v1_1);
    if (!v1_1) {
        return JoinAnswer{
            .join_accept =
                encrypt_join_accept(accept, JoinAcceptMicKey{device.app_key, {}}, device.app_key),
            .session_keys = derive_session_keys_1_0(device.app_key, plan.join_nonce, plan.net_id,
                                                    request.dev_nonce),
            .lorawan_1_1 = false,
        };
    }
    const AesKey& nwk_key = network_key(device);
    const JoinAcceptMicKey mic_key{
        derive_js_int_key(nwk_key, device.dev_eui),
        JoinAcceptMicKey::OptNegContext{.join_request_type = JoinRequestType::join_request,
                                        .join_eui = request.join_eui,
                                        .dev_nonce = request.dev_nonce}};
    return JoinAnswer{
        .join_accept = encrypt_join_accept(accept, mic_key, nwk_key),
        .session_keys = derive_session_keys_1_1(nwk_key, device.app_key, plan.join_nonce,
                                                request.join_eui, request.dev_nonce),
        .lorawan_1_1 = true,
    };
}

auto verify_rejoin_type_1(const OtaaDevice& device, ByteView phy_payload) -> bool {
    return verify_request_mic(derive_js_int_key(network_key(device), device.dev_eui), phy_payload);
}

auto answer_rejoin_request(const OtaaDevice& device, const RejoinRequest& request,
                           const JoinAcceptPlan& plan) -> JoinAnswer {
    const AesKey& nwk_key = network_key(device);
    const JoinAccept accept = planned_accept(plan, true);
    const DevNonce rj_count{request.rj_count};
    const JoinAcceptMicKey mic_key{
        derive_js_int_key(nwk_key, device.dev_eui),
        JoinAcceptMicKey::OptNegContext{
            .join_request_type = static_cast<JoinRequestType>(request.rejoin_type),
            .join_eui = device.join_eui,
            .dev_nonce = rj_count}};
    return JoinAnswer{
        .join_accept =
            encrypt_join_accept(accept, mic_key, derive_js_enc_key(nwk_key, device.dev_eui)),
        .session_keys = derive_session_keys_1_1(nwk_key, device.app_key, plan.join_nonce,
                                                device.join_eui, rj_count),
        .lorawan_1_1 = true,
    };
}

}  // namespace hortillon::network_server
