// How many uplink data frames one core decodes, MIC-verifies and decrypts per second.
// Frames come from many devices with distinct keys; each device's keyed AES and CMAC contexts
// are built once and cached, as the network server keeps them per session.
//   uplink_decode_bench [--devices N] [--frames N] [--payload BYTES]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lorawan/data_frame_seal.hpp"
#include "lorawan/f_cnt.hpp"

using namespace hortillon::lorawan;

namespace {
struct Options {
    std::size_t devices = 10'000;
    std::size_t frames = 2'000'000;
    std::size_t payload = 32;
};

struct Device {
    NetworkSessionCrypto network;
    Aes128 app;
    std::uint32_t next_f_cnt = 0;
};

auto parse_options(int argc, char** argv) -> Options {
    Options options;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string_view name = argv[i];
        const auto value = static_cast<std::size_t>(std::strtoull(argv[i + 1], nullptr, 10));
        if (name == "--devices")
            options.devices = value;
        else if (name == "--frames")
            options.frames = value;
        else if (name == "--payload")
            options.payload = value;
        else {
            std::fprintf(stderr, "unknown option %s\n", argv[i]);
            std::exit(2);
        }
    }
    return options;
}

auto device_key(std::size_t index, std::uint8_t role) -> AesKey {
    AesKey key;
    for (std::size_t i = 0; i < key.bytes.size(); ++i) {
        key.bytes[i] = static_cast<std::uint8_t>((index >> (8 * (i % 4))) + i * 31 + role);
    }
    return key;
}
}  // namespace

int main(int argc, char** argv) {
    const Options options = parse_options(argc, argv);
    std::unordered_map<std::uint32_t, std::unique_ptr<Device>> devices;
    std::vector<Bytes> frames;
    const std::size_t frames_per_device = 16;
    for (std::size_t d = 0; d < options.devices; ++d) {
        const SessionKeys keys{device_key(d, 1), device_key(d, 1), device_key(d, 1),
                               device_key(d, 2)};
        auto device = std::make_unique<Device>(
            Device{NetworkSessionCrypto(keys, false), Aes128(keys.app_s_key)});
        const DevAddr addr{static_cast<std::uint32_t>(0x26000000 + d)};
        for (std::uint32_t f = 0; f < frames_per_device; ++f) {
            PlainDataFrame plain{
                .m_type = MType::unconfirmed_data_up,
                .dev_addr = addr,
                .f_ctrl = {},
                .f_cnt = f,
                .f_opts = {},
                .f_port = 1,
                .frm_payload = Bytes(options.payload, static_cast<std::uint8_t>(f))};
            frames.push_back(*seal_data_frame(plain, device->network, &device->app, {}));
        }
        devices.emplace(addr.value, std::move(device));
    }
    std::printf(
        "uplink_decode_bench: %zu devices, %zu-byte FRMPayload (%zu-byte PHYPayload), %zu frames\n",
        options.devices, options.payload, frames.front().size(), options.frames);

    std::size_t verified = 0;
    std::size_t checksum = 0;
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < options.frames; ++i) {
        // Interleave devices the way a busy network does: consecutive frames from different keys.
        const Bytes& bytes = frames[(i % options.devices) * frames_per_device +
                                    (i / options.devices) % frames_per_device];
        auto decoded = decode_phy_payload(bytes);
        const auto& frame = std::get<DataFrame>(*decoded);
        Device& device = *devices.at(frame.dev_addr.value);
        const std::uint32_t f_cnt = reconstruct_f_cnt(frame.f_cnt, frame.f_cnt);
        if (!verify_data_frame_mic(device.network, bytes, frame, f_cnt, {}))
            continue;
        const Bytes plain = encrypt_frm_payload(device.app, Direction::uplink, frame.dev_addr,
                                                f_cnt, frame.frm_payload);
        checksum += plain[0];
        ++verified;
    }
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    if (verified != options.frames) {
        std::fprintf(stderr, "uplink_decode_bench: only %zu of %zu frames verified\n", verified,
                     options.frames);
        return 1;
    }
    std::printf(
        "uplink_decode_bench: %.0f frames/s on one core (%.0f ns per frame, checksum %zu)\n",
        static_cast<double>(verified) / elapsed.count(),
        elapsed.count() * 1e9 / static_cast<double>(verified), checksum);
    return 0;
}
