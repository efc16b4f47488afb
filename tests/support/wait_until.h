// Waiting in C++ tests: on a condition, polled, with one generous deadline shared by every test, never
// for a fixed time. The suite must pass on a machine whose cores are busy with something else.
#pragma once

#include <chrono>
#include <thread>

namespace ik::test {

// As the Python tests' ik_test_support.DEADLINE: long enough for a loaded 2-core machine, short
// enough that a hang is a failure and not a stuck CI run.
inline constexpr std::chrono::seconds kDeadline{60};

// True as soon as `done()` is; false when the deadline passed first.
template <typename Done> bool WaitUntil(Done done, std::chrono::steady_clock::duration deadline = kDeadline) {
    const auto until = std::chrono::steady_clock::now() + deadline;
    while (!done()) {
        if (std::chrono::steady_clock::now() > until) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return true;
}

} // namespace ik::test
