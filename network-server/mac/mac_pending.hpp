#pragma once
// Bookkeeping of requests in flight: which pending entry or rejection a request belongs to.
// A request is identified by its CID, and for NewChannelReq and DlChannelReq also by the
// channel index, since several of those can be outstanding at once.

#include <compare>
#include <optional>
#include <span>
#include <vector>

#include "lorawan/mac/mac_commands.hpp"
#include "network-server/mac/mac_state.hpp"

namespace hortillon::network_server {

struct RequestKey {
    lorawan::Cid cid = lorawan::Cid::link_adr;
    int channel = -1;  // NewChannelReq/DlChannelReq ChIndex; -1 for the other commands
    friend auto operator<=>(const RequestKey&, const RequestKey&) = default;
};

// Nullopt for a proprietary command.
auto request_key(const lorawan::MacCommand& command) -> std::optional<RequestKey>;

// The pending entry holding requests with this key, or nullptr.
auto find_pending(const DeviceMacState& state, const RequestKey& key) -> const PendingMacRequest*;

// The requests of a downlink as pending entries: a run of LinkADRReq is one entry (one
// logical request), every other command its own entry.
auto group_requests(std::span<const lorawan::MacCommand> requests)
    -> std::vector<std::vector<lorawan::MacCommand>>;

// Whether `command` equals the last rejected request with its key.
auto was_rejected(const DeviceMacState& state, const lorawan::MacCommand& command) -> bool;

// `state.rejected` with `command` recorded, replacing an older rejection with the same key.
void record_rejection(DeviceMacState& state, const lorawan::MacCommand& command);

}  // namespace hortillon::network_server
