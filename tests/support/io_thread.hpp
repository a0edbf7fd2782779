#pragma once
// An io_context running on its own thread, as `hortillon serve` runs it, so that a test can
// drive gateway simulators (blocking sockets) from the test thread. Asio stays out of this
// header: tests that only hand the context to a server need no Asio include.

#include <memory>
#include <thread>

namespace boost::asio {
class io_context;
}

namespace hortillon::test_support {

class IoThread {
  public:
    IoThread();
    IoThread(const IoThread&) = delete;
    auto operator=(const IoThread&) -> IoThread& = delete;
    // Stops the context and joins the thread.
    ~IoThread();

    // Open servers on it before start(), or post to it afterwards.
    [[nodiscard]] auto context() -> boost::asio::io_context& { return *context_; }

    // Runs the context on a new thread until stop(), even while it has no work.
    void start();
    // Stops the context and joins the thread; afterwards nothing runs on it, so servers opened
    // on the context may be destroyed from the test thread. Idempotent.
    void stop();

  private:
    std::unique_ptr<boost::asio::io_context> context_;
    std::jthread thread_;
};

}  // namespace hortillon::test_support
