#include "network-server/mac/mac_pending.hpp"

#include <algorithm>

namespace hortillon::network_server {

using namespace lorawan;

auto request_key(const MacCommand& command) -> std::optional<RequestKey> {
    const auto cid = command_cid(command);
    if (!cid) {
        return std::nullopt;
    }
    if (const auto* req = std::get_if<NewChannelReq>(&command)) {
        return RequestKey{*cid, req->ch_index};
    }
    if (const auto* req = std::get_if<DlChannelReq>(&command)) {
        return RequestKey{*cid, req->ch_index};
    }
    return RequestKey{*cid, -1};
}

auto find_pending(const DeviceMacState& state, const RequestKey& key) -> const PendingMacRequest* {
    for (const auto& pending : state.pending) {
        if (!pending.commands.empty() && request_key(pending.commands.front()) == key) {
            return &pending;
        }
    }
    return nullptr;
}

auto group_requests(std::span<const MacCommand> requests) -> std::vector<std::vector<MacCommand>> {
    std::vector<std::vector<MacCommand>> groups;
    for (const auto& command : requests) {
        const bool link_adr = std::holds_alternative<LinkAdrReq>(command);
        if (link_adr && !groups.empty() && std::holds_alternative<LinkAdrReq>(groups.back()[0])) {
            groups.back().push_back(command);
        } else {
            groups.push_back({command});
        }
    }
    return groups;
}

auto was_rejected(const DeviceMacState& state, const MacCommand& command) -> bool {
    return std::ranges::find(state.rejected, command) != state.rejected.end();
}

void record_rejection(DeviceMacState& state, const MacCommand& command) {
    const auto key = request_key(command);
    std::erase_if(state.rejected, [&](const MacCommand& old) { return request_key(old) == key; });
    state.rejected.push_back(command);
}

}  // namespace hortillon::network_server
