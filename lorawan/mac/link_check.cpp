#include "lorawan/mac/link_check.hpp"

namespace hortillon::lorawan {
namespace {

constexpr std::size_t margin_at = 0;
constexpr std::size_t gw_cnt_at = 1;

}  // namespace

void LinkCheckAns::encode(Bytes& out) const {
    out.push_back(margin);
    out.push_back(gw_cnt);
}

auto LinkCheckAns::decode(PayloadView<size> payload) -> LinkCheckAns {
    return LinkCheckAns{.margin = payload[margin_at], .gw_cnt = payload[gw_cnt_at]};
}

}  // namespace hortillon::lorawan
