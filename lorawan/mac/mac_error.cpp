#include "lorawan/mac/mac_error.hpp"

namespace hortillon::lorawan {

auto describe(MacError error) -> std::string_view {
    switch (error) {
        case MacError::unknown_cid:
            return "unknown MAC command CID; parsing stopped and the rest was kept unparsed";
        case MacError::rfu_in_direction:
            return "MAC command CID is RFU in this direction; parsing stopped and the rest was "
                   "kept unparsed";
        case MacError::proprietary_cid:
            return "proprietary MAC command (CID 0x80-0xFF) of unknown length; parsing stopped "
                   "and the rest was kept unparsed";
        case MacError::truncated:
            return "MAC command cut short; parsing stopped and the partial command was kept "
                   "unparsed";
    }
    return "unrecognised MAC decoding error";
}

}  // namespace hortillon::lorawan
