// The kiosk's voice: espeak-ng in-process (libespeak-ng, synchronous synthesis into our own buffers),
// recordings decoded with libsndfile, both played on an AudioOutput by a thread of its own, so a frame
// never waits for speech. A new utterance or Stop() silences the old one at once (within one 20 ms
// chunk, and the device's buffer is dropped). One per process: espeak-ng keeps global state.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "core/result.h"
#include "core/speech.h"
#include "platform/audio_output.h"

namespace ik {

class EspeakVoice final : public Voice {
public:
    // Sound goes to the default ALSA output, or with `wavFile` to that file (tests). Returns at once;
    // espeak-ng's data missing or an output that cannot be opened leave a voice that speaks no
    // language (the speaker button stays hidden) and says why in Problem().
    static Result<std::unique_ptr<EspeakVoice>> Create(const std::filesystem::path& wavFile = {},
                                                       double wavSpeed = 1.0);
    // Sound to `output` (benchmarks measure when the first samples reach it); it must take
    // kSampleRate.
    static Result<std::unique_ptr<EspeakVoice>> Create(std::unique_ptr<AudioOutput> output);
    static constexpr int kSampleRate = 22050; // espeak-ng's
    ~EspeakVoice() override;

    bool Speaks(std::string_view language) const override;
    bool Available() const override;
    void Say(const Utterance& utterance) override;
    void Stop() override;
    bool Speaking() const override;
    long Finished() const override;
    void Configure(const SpeechSettings& settings) override;
    void OnSilence(std::function<void()> wake) override;
    // espeak-ng and the sound output start on the voice's thread: until they have, it speaks no
    // language. Waits for that (doctor, benchmarks; the kiosk does not wait).
    void WaitReady() const;
    // Why nothing can be heard ("cannot open audio output ..."), or "".
    std::string Problem() const;
    // The languages espeak-ng has a voice for ("nl", "ar", "en-gb", ...).
    std::string Languages() const;

private:
    struct Impl;
    explicit EspeakVoice(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace ik
