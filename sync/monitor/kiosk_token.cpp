// See kiosk_token.h.
#include "sync/monitor/kiosk_token.h"

#include <array>

#include <sodium.h>

namespace ik::monitor {
namespace {

std::string Hex(const unsigned char* data, std::size_t size) {
    std::string hex(size * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), data, size);
    hex.pop_back(); // the terminating NUL sodium writes
    return hex;
}

} // namespace

bool InitSodium() {
    static const bool ok = sodium_init() >= 0;
    return ok;
}

std::string GenerateToken() {
    std::array<unsigned char, 32> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    return Hex(bytes.data(), bytes.size());
}

std::string HashToken(const std::string& token) {
    std::array<unsigned char, crypto_generichash_BYTES> hash{};
    crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const unsigned char*>(token.data()),
                       token.size(), nullptr, 0);
    return "blake2b:" + Hex(hash.data(), hash.size());
}

} // namespace ik::monitor
