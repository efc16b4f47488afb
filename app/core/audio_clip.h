// A recorded text for read-aloud (a WAV or Ogg Vorbis file), for a language the synthetic voice does
// not speak (Tigrinya, Somali). Questionnaire files name the file; stored, exported and synced
// questionnaires carry it inside as a data: URI, so it travels with them. Pure C++: the format is
// checked from its headers here; playing it is the platform's (libsndfile).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace ik {

// 2 MB a clip (about two minutes of Ogg Vorbis speech, 45 s of WAV) and 8 MB a questionnaire: a
// batch that carries the questionnaire still fits the monitor's 16 MB.
inline constexpr std::size_t kMaxAudioClipBytes = 2 * 1024 * 1024;
inline constexpr std::size_t kMaxAudioPerQuestionnaire = 8 * 1024 * 1024;

struct AudioClip {
    std::string format;                        // "wav" or "ogg"
    std::shared_ptr<const std::string> bytes;  // the file as given (shared: questionnaires are copied)

    bool operator==(const AudioClip& other) const {
        return format == other.format && (bytes == other.bytes || (bytes && other.bytes && *bytes == *other.bytes));
    }
    // "data:audio/ogg;base64,..."
    std::string DataUri() const;
};

// The clip in `bytes`, or why it is no clip: "not a WAV or Ogg Vorbis file", "WAV is not PCM", ...
Result<AudioClip> ReadAudioClip(std::string bytes);
// A file (relative to `baseDir` unless absolute) or a data: URI, read and checked.
Result<AudioClip> LoadAudioClip(std::string_view reference, const std::filesystem::path& baseDir);

std::string Base64Encode(std::string_view bytes);
std::optional<std::string> Base64Decode(std::string_view text);

} // namespace ik
