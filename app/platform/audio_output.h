// Where read-aloud sound goes: the system's default audio output through ALSA (which reaches
// PulseAudio or PipeWire where one runs), or a WAV file for tests ($IMPACTKIOSK_AUDIO_OUT), paced as
// if it were playing so a test hears what a visitor would: speech that takes its time and stops when
// the screen changes. 16-bit mono. Used only by the voice's thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>

#include "core/result.h"

namespace ik {

class AudioOutput {
public:
    virtual ~AudioOutput() = default;
    virtual int SampleRate() const = 0;
    // An utterance starts.
    virtual Status Begin() = 0;
    // Plays samples; returns about when they are playing (a device buffers ~100 ms ahead).
    virtual Status Write(const std::int16_t* samples, std::size_t count) = 0;
    // Samples written but not played yet.
    virtual std::size_t Pending() = 0;
    // The utterance ended: `stopped` drops what is still buffered, else it has played out.
    virtual void End(bool stopped) = 0;
};

// ALSA device `device` ("default"), or why it cannot be opened (no sound card, in use).
Result<std::unique_ptr<AudioOutput>> OpenAlsaOutput(const char* device, int sampleRate);
// Each utterance becomes `file` (written beside it and renamed into place when it ends or stops),
// taking as long as it would to play, or `speed` times less (tests that listen to many screens).
std::unique_ptr<AudioOutput> OpenWavOutput(const std::filesystem::path& file, int sampleRate, double speed = 1.0);

} // namespace ik
