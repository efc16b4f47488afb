// See audio_clip.h. WAV: a RIFF/WAVE file with a PCM "fmt " chunk (8 or 16 bit, 1 or 2 channels,
// 8-48 kHz) and a "data" chunk. Ogg Vorbis: an Ogg page whose first packet is the Vorbis
// identification header.
#include "core/audio_clip.h"

#include <array>
#include <cstdint>
#include <fstream>
#include <iterator>

namespace ik {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::uint32_t Le32(std::string_view s, std::size_t at) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(s[at])) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 1])) << 8 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 2])) << 16 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 3])) << 24;
}
std::uint16_t Le16(std::string_view s, std::size_t at) {
    return static_cast<std::uint16_t>(static_cast<unsigned char>(s[at]) |
                                      static_cast<unsigned char>(s[at + 1]) << 8);
}

std::optional<std::string> WavProblem(std::string_view s) {
    bool format = false, data = false;
    for (std::size_t at = 12; at + 8 <= s.size();) {
        const std::string_view id = s.substr(at, 4);
        const std::uint32_t size = Le32(s, at + 4);
        if (id == "fmt ") {
            if (size < 16 || at + 8 + 16 > s.size()) return "WAV format chunk is cut short";
            const std::uint16_t encoding = Le16(s, at + 8), channels = Le16(s, at + 10), bits = Le16(s, at + 22);
            const std::uint32_t rate = Le32(s, at + 12);
            if (encoding != 1 && encoding != 0xFFFE) return "WAV is not PCM (compressed WAV cannot be played)";
            if (channels < 1 || channels > 2) return "WAV has " + std::to_string(channels) + " channels (1 or 2 can be played)";
            if (bits != 8 && bits != 16) return "WAV has " + std::to_string(bits) + "-bit samples (8 or 16 can be played)";
            if (rate < 8000 || rate > 48000) return "WAV sample rate " + std::to_string(rate) + " Hz (8000-48000 can be played)";
            format = true;
        } else if (id == "data") {
            if (!format) return "WAV has its data before its format";
            if (size == 0) return "WAV has no sound in it";
            data = true;
            break;
        }
        at += 8 + size + (size & 1);
    }
    if (!format) return "WAV has no format chunk";
    if (!data) return "WAV has no data chunk";
    return std::nullopt;
}

} // namespace

std::string Base64Encode(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        std::uint32_t v = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
        if (i + 1 < bytes.size()) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
        if (i + 2 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 2]);
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=';
        out += i + 2 < bytes.size() ? kAlphabet[v & 63] : '=';
    }
    return out;
}

std::optional<std::string> Base64Decode(std::string_view text) {
    std::array<int, 256> value{};
    value.fill(-1);
    for (std::size_t i = 0; i < kAlphabet.size(); ++i)
        value[static_cast<unsigned char>(kAlphabet[i])] = static_cast<int>(i);
    std::string out;
    out.reserve(text.size() / 4 * 3);
    std::uint32_t bits = 0;
    int count = 0;
    std::size_t padding = 0;
    for (char c : text) {
        if (c == '=') {
            ++padding;
            continue;
        }
        if (padding > 0) return std::nullopt; // data after the padding
        const int v = value[static_cast<unsigned char>(c)];
        if (v < 0) return std::nullopt;
        bits = (bits << 6) | static_cast<std::uint32_t>(v);
        if (++count == 4) {
            out += static_cast<char>((bits >> 16) & 0xFF);
            out += static_cast<char>((bits >> 8) & 0xFF);
            out += static_cast<char>(bits & 0xFF);
            bits = 0;
            count = 0;
        }
    }
    if (count == 1 || padding > 2) return std::nullopt;
    if (count == 2) out += static_cast<char>((bits >> 4) & 0xFF);
    if (count == 3) {
        out += static_cast<char>((bits >> 10) & 0xFF);
        out += static_cast<char>((bits >> 2) & 0xFF);
    }
    return out;
}

std::string AudioClip::DataUri() const {
    return std::string("data:audio/") + format + ";base64," + Base64Encode(bytes ? *bytes : std::string());
}

Result<AudioClip> ReadAudioClip(std::string bytes) {
    if (bytes.size() > kMaxAudioClipBytes)
        return Error{"audio is " + std::to_string(bytes.size() / 1024) + " KB (at most " +
                     std::to_string(kMaxAudioClipBytes / 1024) + " KB a text)"};
    const std::string_view s = bytes;
    AudioClip clip;
    if (s.size() >= 12 && s.substr(0, 4) == "RIFF" && s.substr(8, 4) == "WAVE") {
        if (std::optional<std::string> problem = WavProblem(s)) return Error{*problem};
        clip.format = "wav";
    } else if (s.size() >= 35 && s.substr(0, 4) == "OggS") {
        // The first page's first packet: its header is 27 bytes plus one lacing byte per segment.
        const std::size_t segments = static_cast<unsigned char>(s[26]);
        const std::size_t packet = 27 + segments;
        if (packet + 7 > s.size() || s.substr(packet, 7) != std::string_view("\x01vorbis", 7))
            return Error{"an Ogg file, but not Ogg Vorbis (Opus and others cannot be played)"};
        clip.format = "ogg";
    } else {
        return Error{"not a WAV or Ogg Vorbis file"};
    }
    clip.bytes = std::make_shared<const std::string>(std::move(bytes));
    return clip;
}

Result<AudioClip> LoadAudioClip(std::string_view reference, const std::filesystem::path& baseDir) {
    if (reference.starts_with("data:")) {
        const std::size_t comma = reference.find(',');
        if (comma == std::string_view::npos || reference.substr(0, comma).find(";base64") == std::string_view::npos)
            return Error{"a data: URI must be base64 (data:audio/ogg;base64,...)"};
        std::optional<std::string> bytes = Base64Decode(reference.substr(comma + 1));
        if (!bytes) return Error{"the data: URI is not valid base64"};
        return ReadAudioClip(std::move(*bytes));
    }
    if (baseDir.empty())
        return Error{"a file name works only in a questionnaire file; embed the sound as a data: URI here"};
    const std::filesystem::path file = std::filesystem::path(reference).is_absolute() ? std::filesystem::path(reference)
                                                                                      : baseDir / reference;
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) return Error{"cannot read " + std::string(reference) + ": " + ec.message()};
    if (size > kMaxAudioClipBytes)
        return Error{std::string(reference) + " is " + std::to_string(size / 1024) + " KB (at most " +
                     std::to_string(kMaxAudioClipBytes / 1024) + " KB a text)"};
    std::ifstream in(file, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) return Error{"cannot read " + std::string(reference)};
    Result<AudioClip> clip = ReadAudioClip(std::move(bytes));
    if (!clip) return Error{"audio file " + std::string(reference) + ": " + clip.error()};
    return clip;
}

} // namespace ik
