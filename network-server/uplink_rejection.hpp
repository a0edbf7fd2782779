#pragma once
// Every reason the network server drops an uplink, with its log line, counter and the hint an
// operator needs, in one table: logging and counting are generated from it.

#include <cstdint>
#include <string_view>

namespace hortillon::network_server {

enum class UplinkRejection : std::uint8_t {
    malformed_frame,
    unsupported_message,
    data_rate_not_in_region,
    unknown_dev_eui,
    join_eui_mismatch,
    join_mic_mismatch,
    dev_nonce_replayed,
    dev_nonce_not_increasing,
    dev_addr_exhausted,
    unknown_dev_addr,
    mic_mismatch,
    f_cnt_replay,
    f_cnt_gap_too_large,
    storage_failure,
    deduplication_window_full,
    late_copy,
    event_not_stored,
    region_not_served,
    rejoin_not_1_1,
    rejoin_other_network,
    rejoin_without_session,
    rejoin_mic_mismatch,
    rejoin_count_replayed,
    rejoin_not_requested,
};

struct RejectionInfo {
    UplinkRejection reason;
    std::string_view counter;  // metric name
    std::string_view message;  // what happened, for the log line
    std::string_view hint;     // what the operator can do
};

// The table row of a reason.
auto rejection_info(UplinkRejection reason) -> const RejectionInfo&;

}  // namespace hortillon::network_server
