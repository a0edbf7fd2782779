#include "gateway-bridge/datagram_batch.hpp"

#include <poll.h>

#include <cerrno>
#include <cstring>

namespace hortillon::gateway_bridge {

namespace {
// The socket is non-blocking (Asio makes it so): a full send buffer waits here, briefly, as a
// blocking send would.
auto writable_soon(int descriptor) -> bool {
    pollfd wanted{.fd = descriptor, .events = POLLOUT, .revents = 0};
    return poll(&wanted, 1, 100) == 1;
}
}  // namespace

ReceiveBatch::ReceiveBatch()
    : storage_(std::make_unique_for_overwrite<std::uint8_t[]>(capacity * max_datagram_size)) {
    for (std::size_t i = 0; i < capacity; ++i) {
        vectors_[i] =
            iovec{.iov_base = storage_.get() + i * max_datagram_size, .iov_len = max_datagram_size};
        msghdr& message = headers_[i].msg_hdr;
        message.msg_name = senders_[i].data();
        message.msg_iov = &vectors_[i];
        message.msg_iovlen = 1;
        message.msg_control = controls_[i].data();
    }
}

auto ReceiveBatch::receive(int descriptor) -> Result<std::size_t, std::error_code> {
    // The kernel shortens these to what each datagram used: restored before every read.
    for (std::size_t i = 0; i < capacity; ++i) {
        headers_[i].msg_hdr.msg_namelen = static_cast<socklen_t>(senders_[i].capacity());
        headers_[i].msg_hdr.msg_controllen = controls_[i].size();
        headers_[i].msg_len = 0;
    }
    int count = -1;
    int error = 0;
    do {
        count = recvmmsg(descriptor, headers_.data(), capacity, MSG_DONTWAIT, nullptr);
        error = count < 0 ? errno : 0;
    } while (error == EINTR);
    if (error == EAGAIN || error == EWOULDBLOCK)
        return std::size_t{0};
    if (error != 0)
        return Unexpected{std::error_code(error, std::generic_category())};
    for (std::size_t i = 0; i < static_cast<std::size_t>(count); ++i)
        senders_[i].resize(headers_[i].msg_hdr.msg_namelen);
    return static_cast<std::size_t>(count);
}

auto ReceiveBatch::bytes(std::size_t index) const -> lorawan::ByteView {
    return {storage_.get() + index * max_datagram_size, headers_[index].msg_len};
}

auto ReceiveBatch::kernel_time(std::size_t index) const -> std::optional<timespec> {
    // CMSG_NXTHDR takes a non-const header; it only reads it.
    auto& message = const_cast<msghdr&>(headers_[index].msg_hdr);
    std::optional<timespec> stamp;
    for (cmsghdr* header = CMSG_FIRSTHDR(&message); header != nullptr;
         header = CMSG_NXTHDR(&message, header)) {
        if (header->cmsg_level == SOL_SOCKET && header->cmsg_type == SCM_TIMESTAMPNS) {
            timespec value{};
            std::memcpy(&value, CMSG_DATA(header), sizeof value);
            stamp = value;
        }
    }
    return stamp;
}

void AckBatch::add(const Ack& ack, const boost::asio::ip::udp::endpoint& destination,
                   PacketType acked) {
    acks_.push_back(Entry{ack, destination, acked});
}

auto AckBatch::send(int descriptor) -> std::vector<Failure> {
    std::vector<Failure> failures;
    headers_.resize(acks_.size());
    vectors_.resize(acks_.size());
    for (std::size_t i = 0; i < acks_.size(); ++i) {
        vectors_[i] = iovec{.iov_base = acks_[i].ack.data(), .iov_len = acks_[i].ack.size()};
        msghdr& message = headers_[i].msg_hdr;
        message = msghdr{};
        message.msg_name = acks_[i].destination.data();
        message.msg_namelen = static_cast<socklen_t>(acks_[i].destination.size());
        message.msg_iov = &vectors_[i];
        message.msg_iovlen = 1;
    }
    // sendmmsg stops at the first refused message: that one is reported, the rest go on. A full
    // send buffer is waited for once per batch; after that the acks it refuses are reported.
    std::size_t sent = 0;
    bool waited = false;
    while (sent < acks_.size()) {
        const int count = sendmmsg(descriptor, headers_.data() + sent,
                                   static_cast<unsigned>(acks_.size() - sent), MSG_DONTWAIT);
        const int error = count < 0 ? errno : 0;
        if (count > 0) {
            sent += static_cast<std::size_t>(count);
            continue;
        }
        if (error == EINTR)
            continue;
        if ((error == EAGAIN || error == EWOULDBLOCK) && !waited) {
            waited = true;
            if (writable_soon(descriptor))
                continue;
        }
        failures.push_back(
            Failure{acks_[sent].destination, acks_[sent].acked, count < 0 ? error : EIO});
        ++sent;
    }
    acks_.clear();
    return failures;
}

}  // namespace hortillon::gateway_bridge
