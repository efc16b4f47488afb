// Result<T>: a value or an error message, for expected failures (bad files, busy database, full disk).
// C++20 has no std::expected; this is the small subset the project needs. Errors are values, never
// exceptions thrown across a frame.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace ik {

struct Error {
    std::string message;
};

template <typename T> class Result {
public:
    Result(T value) : m_v(std::move(value)) {}
    Result(Error error) : m_v(std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() {
        assert(ok() && "Result::value() on an error");
        return std::get<0>(m_v);
    }
    const T& value() const {
        assert(ok() && "Result::value() on an error");
        return std::get<0>(m_v);
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }

    const std::string& error() const {
        assert(!ok() && "Result::error() on a value");
        return std::get<1>(m_v).message;
    }

private:
    std::variant<T, Error> m_v;
};

// Result<void>: success or an error message.
template <> class Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error.message)), m_failed(true) {}

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const std::string& error() const {
        assert(m_failed && "Result::error() on success");
        return m_error;
    }

private:
    std::string m_error;
    bool m_failed = false;
};

using Status = Result<void>;

} // namespace ik
