// Read-aloud as the screens see it: an utterance is a list of parts, each said by the synthetic voice
// in one language or played from a recording; a Voice says one utterance at a time and stops at once
// when told. The platform implements it (espeak-ng, ALSA or a WAV file); tests record what was said.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audio_clip.h"

namespace ik {

struct SpeechPart {
    std::string language;           // the voice for `text` (and the language of a recording)
    std::string text;               // what is said; for a recording, what it says (for the dump)
    std::optional<AudioClip> audio; // played instead of the voice

    bool operator==(const SpeechPart&) const = default;
};

struct Utterance {
    std::vector<SpeechPart> parts;

    bool Empty() const { return parts.empty(); }
    // The words, for the automation dump and the logs.
    std::string Text() const;
    bool operator==(const Utterance&) const = default;
};

struct SpeechSettings {
    bool startOn = false; // read-aloud is on at the start of every visit
    int volume = 80;      // percent
    int rate = 150;       // words per minute (espeak-ng: 80-450; 175 is its normal, a bit fast for learners)
};

class Voice {
public:
    virtual ~Voice() = default;
    // Sound can be played at all (the voice has started and has an output): recordings too.
    virtual bool Available() const = 0;
    // The synthetic voice speaks `language` ("nl", "ar", ...); recordings play in any language.
    virtual bool Speaks(std::string_view language) const = 0;
    // Stops what is being said and says `utterance` (in the background: it returns at once).
    virtual void Say(const Utterance& utterance) = 0;
    // Silent at once.
    virtual void Stop() = 0;
    virtual bool Speaking() const = 0;
    // Utterances that have ended, finished or stopped: tests wait for this to grow.
    virtual long Finished() const = 0;
    virtual void Configure(const SpeechSettings& settings) = 0;
    // Called from the voice's thread when it falls silent (wakes the UI loop to update the dump).
    virtual void OnSilence(std::function<void()> wake) = 0;
};

} // namespace ik
