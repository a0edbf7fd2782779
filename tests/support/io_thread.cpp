// <utility> first: Boost 1.74 Asio uses std::exchange without including it (g++ 12, C++20).
#include <utility>

#include "support/io_thread.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

namespace hortillon::test_support {

IoThread::IoThread() : context_(std::make_unique<boost::asio::io_context>()) {}

IoThread::~IoThread() {
    stop();
}

void IoThread::start() {
    thread_ = std::jthread([context = context_.get()] {
        // Without the guard, run() would return as soon as no operation is pending.
        auto guard = boost::asio::make_work_guard(*context);
        context->run();
    });
}

void IoThread::stop() {
    context_->stop();
    if (thread_.joinable())
        thread_.join();
}

}  // namespace hortillon::test_support
