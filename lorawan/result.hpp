#pragma once
// A result type with the interface of C++23 std::expected, so that it can be swapped for it once
// the compiler has one. Expected failures (malformed frames, wrong MICs) travel as values.

#include <type_traits>
#include <utility>
#include <variant>

namespace hortillon {

template <class E>
struct Unexpected {
    E error;
};
template <class E>
Unexpected(E) -> Unexpected<E>;

template <class T, class E>
class [[nodiscard]] Result {
  public:
    using value_type = T;
    using error_type = E;

    Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit
    Result(Unexpected<E> failure) : state_(std::in_place_index<1>, std::move(failure.error)) {}

    [[nodiscard]] auto has_value() const noexcept -> bool { return state_.index() == 0; }
    explicit operator bool() const noexcept { return has_value(); }

    auto value() & -> T& { return std::get<0>(state_); }
    auto value() const& -> const T& { return std::get<0>(state_); }
    auto value() && -> T&& { return std::get<0>(std::move(state_)); }
    [[nodiscard]] auto error() const -> const E& { return std::get<1>(state_); }

    auto operator*() & -> T& { return value(); }
    auto operator*() const& -> const T& { return value(); }
    auto operator*() && -> T&& { return std::move(*this).value(); }
    auto operator->() -> T* { return &value(); }
    auto operator->() const -> const T* { return &value(); }

    template <class U>
    auto value_or(U&& fallback) const& -> T {
        return has_value() ? value() : static_cast<T>(std::forward<U>(fallback));
    }

  private:
    std::variant<T, E> state_;
};

template <class E>
class [[nodiscard]] Result<void, E> {
  public:
    using value_type = void;
    using error_type = E;

    Result() = default;
    Result(Unexpected<E> failure) : error_(std::move(failure.error)), failed_(true) {}

    [[nodiscard]] auto has_value() const noexcept -> bool { return !failed_; }
    explicit operator bool() const noexcept { return has_value(); }
    [[nodiscard]] auto error() const -> const E& { return error_; }

  private:
    E error_{};
    bool failed_ = false;
};

}  // namespace hortillon
