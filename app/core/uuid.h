// UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then random bits. Made on the kiosk so a response
// keeps one id from the first tap to the central monitor, whatever the network does.
#pragma once

#include <cstdint>
#include <string>

namespace ik {

std::string NewUuidV7();
std::string UuidV7At(std::uint64_t unixMillis); // for tests and demo data
bool IsUuid(const std::string& text);

} // namespace ik
