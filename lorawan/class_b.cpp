#include "lorawan/class_b.hpp"

#include <algorithm>

#include "lorawan/crypto/aes128.hpp"

namespace hortillon::lorawan {

auto ping_offset(std::uint32_t beacon_time, DevAddr dev_addr, std::uint32_t ping_period)
    -> std::uint32_t {
    AesBlock block{};
    for (int i = 0; i < 4; ++i)
        block[i] = static_cast<std::uint8_t>(beacon_time >> (8 * i));
    const auto addr = dev_addr.to_le_bytes();
    std::copy(addr.begin(), addr.end(), block.begin() + 4);
    const AesBlock rand = aes128_encrypt_block(AesKey{}, block);
    return (static_cast<std::uint32_t>(rand[0]) + 256U * rand[1]) % ping_period;
}

}  // namespace hortillon::lorawan
