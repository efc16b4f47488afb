// UUIDv7 generation (RFC 9562, method 1: a 12-bit counter in rand_a, seeded randomly each new
// millisecond) so ids made by one process sort in creation order even within a millisecond.
// Random bits come from getrandom(2); text is the lowercase 8-4-4-4-12 form.
#include "core/uuid.h"

#include <sys/random.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <random>

namespace ik {
namespace {

using Bytes = std::array<unsigned char, 16>;

// Fills `out` from the kernel CSPRNG. getrandom(2) only fails before the pool is ready (it blocks
// instead with flags 0) or on EINTR; the random_device fallback keeps id creation infallible.
void FillRandom(unsigned char* out, std::size_t size) {
    std::size_t done = 0;
    while (done < size) {
        const ssize_t got = getrandom(out + done, size - done, 0);
        if (got > 0) {
            done += static_cast<std::size_t>(got);
        } else if (got < 0 && errno == EINTR) {
            continue;
        } else {
            std::random_device device;
            for (; done < size; ++done)
                out[done] = static_cast<unsigned char>(device() & 0xffu);
        }
    }
}

std::uint64_t NowUnixMillis() {
    const auto since = std::chrono::system_clock::now().time_since_epoch();
    const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(since).count();
    return millis < 0 ? 0 : static_cast<std::uint64_t>(millis);
}

// Lays out a version-7 UUID: 48-bit big-endian milliseconds, version nibble, 12-bit rand_a,
// variant bits 10, then 62 random bits taken from `random` (bytes 8..15).
std::string Format(std::uint64_t unixMillis, unsigned randA, const Bytes& random) {
    Bytes b = random;
    for (int i = 0; i < 6; ++i)
        b[static_cast<std::size_t>(i)] = static_cast<unsigned char>((unixMillis >> (40 - 8 * i)) & 0xffu);
    b[6] = static_cast<unsigned char>(0x70u | ((randA >> 8) & 0x0fu));
    b[7] = static_cast<unsigned char>(randA & 0xffu);
    b[8] = static_cast<unsigned char>(0x80u | (b[8] & 0x3fu));

    static constexpr char kHex[] = "0123456789abcdef";
    std::string text;
    text.reserve(36);
    for (std::size_t i = 0; i < b.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) text.push_back('-');
        text.push_back(kHex[b[i] >> 4]);
        text.push_back(kHex[b[i] & 0x0fu]);
    }
    return text;
}

// Per-process generator state: the last millisecond used and the counter within it.
struct MonotonicState {
    std::mutex mutex;
    std::uint64_t lastMillis = 0;
    unsigned counter = 0;
};

MonotonicState& State() {
    static MonotonicState state;
    return state;
}

constexpr unsigned kCounterMax = 0xfffu; // rand_a is 12 bits

} // namespace

std::string NewUuidV7() {
    Bytes random{};
    FillRandom(random.data(), random.size());

    // Seeds a new millisecond's counter randomly with the top bit clear, so at least 2048 ids fit
    // before it runs out.
    const unsigned seed = (static_cast<unsigned>(random[0]) << 8 | random[1]) & 0x7ffu;

    MonotonicState& state = State();
    const std::uint64_t now = NowUnixMillis();
    std::uint64_t millis = 0;
    unsigned counter = 0;
    {
        std::lock_guard lock(state.mutex);
        if (now > state.lastMillis) {
            state.lastMillis = now;
            state.counter = seed;
        } else if (state.counter < kCounterMax) {
            // Same millisecond, or the clock stepped back: continue the sequence (RFC 9562 6.2).
            ++state.counter;
        } else {
            // Counter exhausted: borrow the next millisecond; the real clock catches up at once.
            ++state.lastMillis;
            state.counter = seed;
        }
        millis = state.lastMillis;
        counter = state.counter;
    }
    return Format(millis, counter, random);
}

std::string UuidV7At(std::uint64_t unixMillis) {
    Bytes random{};
    FillRandom(random.data(), random.size());
    const unsigned randA = (static_cast<unsigned>(random[0]) << 8 | random[1]) & kCounterMax;
    return Format(unixMillis & 0xffffffffffffull, randA, random);
}

// Only the canonical lowercase form is accepted: ids are compared as text on the kiosk and the
// monitor, so "A" and "a" must never both occur.
bool IsUuid(const std::string& text) {
    if (text.size() != 36) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-') return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return true;
}

} // namespace ik
