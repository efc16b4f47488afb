// See espeak_voice.h.
#include "platform/espeak_voice.h"

#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>
#include <sndfile.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <vector>

namespace ik {
namespace {

constexpr std::size_t kChunk = 441; // 20 ms at 22050 Hz: how often a stop is noticed

// libsndfile reads a recording from memory.
struct MemoryFile {
    const std::string* bytes;
    sf_count_t at = 0;
};
sf_count_t Length(void* user) {
    return static_cast<sf_count_t>(static_cast<MemoryFile*>(user)->bytes->size());
}
sf_count_t Seek(sf_count_t offset, int whence, void* user) {
    auto* f = static_cast<MemoryFile*>(user);
    const auto size = static_cast<sf_count_t>(f->bytes->size());
    const sf_count_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? f->at : size;
    f->at = std::clamp<sf_count_t>(base + offset, 0, size);
    return f->at;
}
sf_count_t Read(void* out, sf_count_t count, void* user) {
    auto* f = static_cast<MemoryFile*>(user);
    const sf_count_t n = std::min(count, static_cast<sf_count_t>(f->bytes->size()) - f->at);
    std::memcpy(out, f->bytes->data() + f->at, static_cast<std::size_t>(n));
    f->at += n;
    return n;
}
sf_count_t Write(const void*, sf_count_t, void*) {
    return 0;
}
sf_count_t Tell(void* user) {
    return static_cast<MemoryFile*>(user)->at;
}

// A recording as mono samples at `rate`, `volume` percent loud (linear resampling: speech, not music).
std::vector<std::int16_t> Decode(const AudioClip& clip, int rate, int volume) {
    std::vector<std::int16_t> out;
    if (!clip.bytes) return out;
    MemoryFile file{clip.bytes.get()};
    SF_VIRTUAL_IO io{Length, Seek, Read, Write, Tell};
    SF_INFO info{};
    SNDFILE* sf = sf_open_virtual(&io, SFM_READ, &info, &file);
    if (!sf) {
        std::fprintf(stderr, "impactkiosk: cannot play a recording: %s\n", sf_strerror(nullptr));
        return out;
    }
    // Read in blocks until the end, whatever the header claims (a damaged Ogg may claim hours), and
    // no more than five minutes: a recording is one text, read aloud.
    std::vector<float> mono;
    if (info.channels >= 1 && info.channels <= 8 && info.samplerate >= 8000 && info.samplerate <= 192000) {
        const auto limit = static_cast<std::size_t>(info.samplerate) * 300;
        std::vector<float> block(4096 * static_cast<std::size_t>(info.channels));
        for (sf_count_t got; mono.size() < limit && (got = sf_readf_float(sf, block.data(), 4096)) > 0;)
            for (sf_count_t i = 0; i < got; ++i) {
                float sum = 0;
                for (int c = 0; c < info.channels; ++c)
                    sum += block[static_cast<std::size_t>(i * info.channels + c)];
                mono.push_back(sum / static_cast<float>(info.channels));
            }
    }
    sf_close(sf);
    if (mono.empty()) return out;
    const double step = static_cast<double>(info.samplerate) / rate;
    const auto count = static_cast<std::size_t>(static_cast<double>(mono.size()) / step);
    out.reserve(count);
    const float gain = static_cast<float>(volume) / 100.0f * 32767.0f;
    for (std::size_t i = 0; i < count; ++i) {
        const double at = static_cast<double>(i) * step;
        const auto a = static_cast<std::size_t>(at);
        const std::size_t b = std::min(a + 1, mono.size() - 1);
        const auto t = static_cast<float>(at - static_cast<double>(a));
        const float v = (mono[a] + (mono[b] - mono[a]) * t) * gain;
        out.push_back(static_cast<std::int16_t>(std::clamp(v, -32768.0f, 32767.0f)));
    }
    return out;
}

} // namespace

namespace {

// espeak-ng, once per process; its voices' languages.
Result<std::set<std::string>> StartEspeak() {
    static std::optional<Result<std::set<std::string>>> started;
    if (started) return *started;
    espeak_ng_InitializePath(nullptr);
    espeak_ng_ERROR_CONTEXT context = nullptr;
    if (espeak_ng_Initialize(&context) != ENS_OK) {
        espeak_ng_ClearErrorContext(&context);
        return *(started = Result<std::set<std::string>>(
                     Error{"espeak-ng cannot start (is espeak-ng-data installed?)"}));
    }
    // Synchronous: our thread pulls the speech through the callback and plays it itself. 20 ms
    // buffers, so a stop is heard at once.
    espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 20, nullptr);
    std::set<std::string> languages;
    for (const espeak_VOICE** v = espeak_ListVoices(nullptr); v && *v; ++v)
        // languages: a priority byte, then a language name, repeated, ending with a zero byte.
        for (const char* l = (*v)->languages; l && *l; l += std::strlen(l + 1) + 2)
            languages.insert(l + 1);
    return *(started = Result<std::set<std::string>>(std::move(languages)));
}

} // namespace

struct EspeakVoice::Impl {
    // Set up on the voice's own thread, so the kiosk's first frame does not wait for espeak-ng to read
    // its 131 voice files and for the sound card to open (~30 ms): until then it speaks nothing.
    std::function<Result<std::unique_ptr<AudioOutput>>()> openOutput;
    std::unique_ptr<AudioOutput> output; // the thread's own once ready
    std::string problem;                 // guarded by mutex
    std::set<std::string> languages;     // espeak-ng's, e.g. "nl", "en-gb"; guarded by mutex
    bool ready = false;                  // guarded by mutex
    std::condition_variable readyChanged;
    int sampleRate = 22050;

    mutable std::mutex mutex;
    std::condition_variable wake;
    std::optional<Utterance> next;
    std::uint64_t generation = 0; // bumped by Say and Stop: what the thread is saying is out of date
    SpeechSettings settings;
    bool quit = false;
    bool busy = false; // the thread is saying an utterance; guarded by mutex
    std::atomic<long> finished{0};
    std::function<void()> onSilence;
    std::thread thread;

    // The thread's own: which generation it is saying, and whether espeak-ng's callback must stop.
    std::uint64_t saying = 0;
    bool failed = false;

    // espeak-ng's language for a BCP 47 code: the same ("nl"), a variant of it ("en" -> "en-gb"),
    // or its base language ("pt-BR" -> "pt-br", "fa-AF" -> "fa"); "" when it has none. Caller holds
    // the mutex (or is the thread, after Start).
    std::string VoiceFor(std::string_view language) const {
        std::string wanted(language);
        for (char& c : wanted)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        for (int round = 0; round < 2 && !wanted.empty(); ++round) {
            if (languages.count(wanted)) return wanted;
            for (const std::string& known : languages)
                if (known.size() > wanted.size() && known.starts_with(wanted) && known[wanted.size()] == '-')
                    return known;
            wanted = wanted.substr(0, wanted.find('-'));
        }
        return {};
    }

    bool Cancelled() {
        std::lock_guard lock(mutex);
        return quit || generation != saying;
    }

    // espeak-ng hands over each buffer of synthesised speech here (20 ms at a time).
    static int OnSynth(short* samples, int count, espeak_EVENT* events) {
        auto* self = static_cast<Impl*>(events ? events->user_data : nullptr);
        if (!self || self->Cancelled() || self->failed) return 1; // 1: stop synthesising
        if (samples && count > 0) {
            if (Status written = self->output->Write(samples, static_cast<std::size_t>(count)); !written) {
                std::fprintf(stderr, "impactkiosk: read-aloud: %s\n", written.error().c_str());
                self->failed = true;
                return 1;
            }
        }
        return 0;
    }

    void Play(const std::vector<std::int16_t>& samples) {
        for (std::size_t at = 0; at < samples.size() && !Cancelled(); at += kChunk)
            if (Status written = output->Write(samples.data() + at, std::min(kChunk, samples.size() - at));
                !written) {
                std::fprintf(stderr, "impactkiosk: read-aloud: %s\n", written.error().c_str());
                failed = true;
                return;
            }
    }

    void Speak(const SpeechPart& part, const SpeechSettings& s) {
        if (part.audio) {
            Play(Decode(*part.audio, sampleRate, s.volume));
            return;
        }
        const std::string voice = VoiceFor(part.language);
        if (voice.empty() || espeak_ng_SetVoiceByName(voice.c_str()) != ENS_OK) return;
        espeak_ng_SetParameter(espeakRATE, std::clamp(s.rate, espeakRATE_MINIMUM, espeakRATE_MAXIMUM), 0);
        espeak_ng_SetParameter(espeakVOLUME, std::clamp(s.volume, 0, 200), 0);
        espeak_ng_Synthesize(part.text.c_str(), part.text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8,
                             nullptr, this);
    }

    // espeak-ng and the sound output; false when there is nothing to speak with.
    bool Start() {
        Result<std::set<std::string>> known = StartEspeak();
        Result<std::unique_ptr<AudioOutput>> opened =
            known ? openOutput() : Result<std::unique_ptr<AudioOutput>>(Error{known.error()});
        std::function<void()> callback;
        {
            std::lock_guard lock(mutex);
            if (!opened) {
                problem = opened.error();
            } else {
                espeak_SetSynthCallback(&Impl::OnSynth);
                sampleRate = espeak_ng_GetSampleRate();
                languages = *known;
                output = std::move(*opened);
            }
            ready = true;
            callback = onSilence;
        }
        readyChanged.notify_all();
        if (!opened) std::fprintf(stderr, "impactkiosk: read-aloud is off: %s\n", opened.error().c_str());
        if (callback) callback(); // the speaker button may show now
        return output != nullptr;
    }

    void Run() {
        if (!Start()) return;
        while (true) {
            Utterance utterance;
            SpeechSettings s;
            {
                std::unique_lock lock(mutex);
                wake.wait(lock, [this] { return quit || next; });
                if (quit) return;
                utterance = std::move(*next);
                next.reset();
                busy = true;
                saying = generation;
                s = settings;
            }
            failed = false;
            if (Status began = output->Begin(); !began) {
                std::fprintf(stderr, "impactkiosk: read-aloud: %s\n", began.error().c_str());
            } else {
                try {
                    for (const SpeechPart& part : utterance.parts) {
                        if (Cancelled() || failed) break;
                        Speak(part, s);
                    }
                    // Speaking lasts until the sound has played out (or is stopped).
                    while (!Cancelled() && !failed && output->Pending() > 0)
                        std::this_thread::sleep_for(std::chrono::milliseconds(10));
                } catch (const std::exception& e) {
                    // One recording that cannot be decoded (out of memory) must not end the kiosk.
                    std::fprintf(stderr, "impactkiosk: read-aloud: %s\n", e.what());
                    failed = true;
                }
                output->End(Cancelled() || failed);
            }
            std::function<void()> callback;
            {
                std::lock_guard lock(mutex);
                busy = false;
                ++finished;
                callback = onSilence;
            }
            if (callback) callback();
        }
    }
};

EspeakVoice::EspeakVoice(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

Result<std::unique_ptr<EspeakVoice>> EspeakVoice::Create(const std::filesystem::path& wavFile,
                                                         double wavSpeed) {
    auto impl = std::make_unique<Impl>();
    if (!wavFile.empty())
        impl->openOutput = [wavFile, wavSpeed]() -> Result<std::unique_ptr<AudioOutput>> {
            return OpenWavOutput(wavFile, kSampleRate, wavSpeed);
        };
    else
        impl->openOutput = [] { return OpenAlsaOutput("default", kSampleRate); };
    impl->thread = std::thread([raw = impl.get()] { raw->Run(); });
    return std::unique_ptr<EspeakVoice>(new EspeakVoice(std::move(impl)));
}

Result<std::unique_ptr<EspeakVoice>> EspeakVoice::Create(std::unique_ptr<AudioOutput> output) {
    auto impl = std::make_unique<Impl>();
    auto given = std::make_shared<std::unique_ptr<AudioOutput>>(std::move(output));
    impl->openOutput = [given]() -> Result<std::unique_ptr<AudioOutput>> {
        if (!*given) return Error{"no audio output"};
        return std::move(*given);
    };
    impl->thread = std::thread([raw = impl.get()] { raw->Run(); });
    return std::unique_ptr<EspeakVoice>(new EspeakVoice(std::move(impl)));
}

void EspeakVoice::WaitReady() const {
    std::unique_lock lock(m_impl->mutex);
    m_impl->readyChanged.wait(lock, [this] { return m_impl->ready; });
}

EspeakVoice::~EspeakVoice() {
    {
        std::lock_guard lock(m_impl->mutex);
        m_impl->quit = true;
    }
    m_impl->wake.notify_all();
    if (m_impl->thread.joinable()) m_impl->thread.join();
    // espeak-ng stays up for the next voice (a process has one at a time; tests and benchmarks
    // make several): starting it again after espeak_ng_Terminate is not supported.
}

bool EspeakVoice::Speaks(std::string_view language) const {
    std::lock_guard lock(m_impl->mutex);
    return m_impl->ready && m_impl->problem.empty() && !m_impl->VoiceFor(language).empty();
}

bool EspeakVoice::Available() const {
    std::lock_guard lock(m_impl->mutex);
    return m_impl->ready && m_impl->problem.empty();
}

void EspeakVoice::Say(const Utterance& utterance) {
    {
        std::lock_guard lock(m_impl->mutex);
        if (!m_impl->ready || !m_impl->problem.empty()) return;
        ++m_impl->generation;
        m_impl->next = utterance;
    }
    m_impl->wake.notify_all();
}

void EspeakVoice::Stop() {
    std::lock_guard lock(m_impl->mutex);
    ++m_impl->generation;
    m_impl->next.reset();
}

bool EspeakVoice::Speaking() const {
    std::lock_guard lock(m_impl->mutex);
    return m_impl->busy || m_impl->next.has_value();
}

long EspeakVoice::Finished() const {
    return m_impl->finished;
}

void EspeakVoice::Configure(const SpeechSettings& settings) {
    std::lock_guard lock(m_impl->mutex);
    m_impl->settings = settings;
}

void EspeakVoice::OnSilence(std::function<void()> wake) {
    std::lock_guard lock(m_impl->mutex);
    m_impl->onSilence = std::move(wake);
}

std::string EspeakVoice::Problem() const {
    std::lock_guard lock(m_impl->mutex);
    return m_impl->problem;
}

std::string EspeakVoice::Languages() const {
    std::lock_guard lock(m_impl->mutex);
    std::string out;
    for (const std::string& l : m_impl->languages)
        out += (out.empty() ? "" : " ") + l;
    return out;
}

} // namespace ik
