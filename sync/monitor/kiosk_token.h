// Kiosk tokens: 256 random bits shown once (hex), of which the monitor keeps only a BLAKE2b hash.
// A fast hash is enough here: the token is random, not a password, so it cannot be guessed from it.
#pragma once

#include <string>

namespace ik::monitor {

// A new token, 64 lowercase hex characters. Call InitSodium() first.
std::string GenerateToken();
// "blake2b:<hex>" of the token, as stored and looked up.
std::string HashToken(const std::string& token);
// Calls sodium_init() once; false when libsodium cannot start (no entropy source).
bool InitSodium();

} // namespace ik::monitor
