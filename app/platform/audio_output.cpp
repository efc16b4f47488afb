// See audio_output.h.
#include "platform/audio_output.h"

#include <alsa/asoundlib.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

namespace ik {
namespace {

class AlsaOutput final : public AudioOutput {
public:
    AlsaOutput(snd_pcm_t* pcm, int rate) : m_pcm(pcm), m_rate(rate) {}
    ~AlsaOutput() override { snd_pcm_close(m_pcm); }
    int SampleRate() const override { return m_rate; }
    Status Begin() override {
        const int state = snd_pcm_state(m_pcm);
        if (state != SND_PCM_STATE_PREPARED && state != SND_PCM_STATE_RUNNING) snd_pcm_prepare(m_pcm);
        return {};
    }
    Status Write(const std::int16_t* samples, std::size_t count) override {
        while (count > 0) {
            snd_pcm_sframes_t written = snd_pcm_writei(m_pcm, samples, count);
            if (written < 0) written = snd_pcm_recover(m_pcm, static_cast<int>(written), 1);
            if (written < 0)
                return Error{std::string("audio output: ") + snd_strerror(static_cast<int>(written))};
            samples += written;
            count -= static_cast<std::size_t>(written);
        }
        return {};
    }
    std::size_t Pending() override {
        snd_pcm_sframes_t delay = 0;
        if (snd_pcm_delay(m_pcm, &delay) < 0 || delay < 0) return 0;
        return static_cast<std::size_t>(delay);
    }
    void End(bool stopped) override {
        if (stopped) {
            snd_pcm_drop(m_pcm); // silent now, not after the buffer plays out
            snd_pcm_prepare(m_pcm);
        }
    }

private:
    snd_pcm_t* m_pcm;
    int m_rate;
};

class WavOutput final : public AudioOutput {
public:
    WavOutput(std::filesystem::path file, int rate, double speed)
        : m_file(std::move(file)), m_rate(rate), m_speed(speed > 0 ? speed : 1.0) {}
    int SampleRate() const override { return m_rate; }
    Status Begin() override {
        m_samples.clear();
        m_started = std::chrono::steady_clock::now();
        return {};
    }
    Status Write(const std::int16_t* samples, std::size_t count) override {
        m_samples.insert(m_samples.end(), samples, samples + count);
        // As a device would: take about as long as the sound lasts, staying ~100 ms ahead of it.
        const auto playedUntil =
            m_started + std::chrono::microseconds(static_cast<long long>(
                            static_cast<double>(m_samples.size()) * 1e6 / (m_rate * m_speed)));
        std::this_thread::sleep_until(playedUntil - std::chrono::milliseconds(100));
        return {};
    }
    std::size_t Pending() override {
        const auto elapsed = std::chrono::steady_clock::now() - m_started;
        const auto played = static_cast<std::size_t>(
            static_cast<double>(std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count()) *
            m_rate * m_speed / 1e6);
        return played >= m_samples.size() ? 0 : m_samples.size() - played;
    }
    void End(bool) override {
        std::filesystem::path partial = m_file;
        partial += ".partial";
        std::FILE* f = std::fopen(partial.c_str(), "wb");
        if (!f) return;
        const auto bytes = static_cast<std::uint32_t>(m_samples.size() * 2);
        auto u32 = [f](std::uint32_t v) {
            const unsigned char b[4] = {static_cast<unsigned char>(v), static_cast<unsigned char>(v >> 8),
                                        static_cast<unsigned char>(v >> 16),
                                        static_cast<unsigned char>(v >> 24)};
            std::fwrite(b, 1, 4, f);
        };
        auto u16 = [f](std::uint16_t v) {
            const unsigned char b[2] = {static_cast<unsigned char>(v), static_cast<unsigned char>(v >> 8)};
            std::fwrite(b, 1, 2, f);
        };
        std::fwrite("RIFF", 1, 4, f);
        u32(36 + bytes);
        std::fwrite("WAVEfmt ", 1, 8, f);
        u32(16);
        u16(1);
        u16(1);
        u32(static_cast<std::uint32_t>(m_rate));
        u32(static_cast<std::uint32_t>(m_rate) * 2);
        u16(2);
        u16(16);
        std::fwrite("data", 1, 4, f);
        u32(bytes);
        std::fwrite(m_samples.data(), 2, m_samples.size(), f);
        const bool ok = std::fclose(f) == 0;
        std::error_code ec;
        if (ok) std::filesystem::rename(partial, m_file, ec);
    }

private:
    std::filesystem::path m_file;
    int m_rate;
    double m_speed;
    std::vector<std::int16_t> m_samples;
    std::chrono::steady_clock::time_point m_started;
};

} // namespace

// ALSA prints its own errors to stderr (a kiosk without a sound card would log a dozen lines at every
// start); ours say the same in one line where it matters.
void QuietAlsa(const char*, int, const char*, int, const char*, ...) {}

Result<std::unique_ptr<AudioOutput>> OpenAlsaOutput(const char* device, int sampleRate) {
    snd_lib_error_set_handler(&QuietAlsa);
    snd_pcm_t* pcm = nullptr;
    int rc = snd_pcm_open(&pcm, device, SND_PCM_STREAM_PLAYBACK, 0);
    if (rc < 0) return Error{std::string("cannot open audio output \"") + device + "\": " + snd_strerror(rc)};
    // 100 ms of buffer: speech starts quickly and stops quickly, and a busy UI thread never starves it
    // (the voice has a thread of its own).
    rc = snd_pcm_set_params(pcm, SND_PCM_FORMAT_S16_LE, SND_PCM_ACCESS_RW_INTERLEAVED, 1,
                            static_cast<unsigned>(sampleRate), 1, 100000);
    if (rc < 0) {
        snd_pcm_close(pcm);
        return Error{std::string("audio output \"") + device + "\" refuses 16-bit mono: " + snd_strerror(rc)};
    }
    return std::unique_ptr<AudioOutput>(new AlsaOutput(pcm, sampleRate));
}

std::unique_ptr<AudioOutput> OpenWavOutput(const std::filesystem::path& file, int sampleRate, double speed) {
    return std::make_unique<WavOutput>(file, sampleRate, speed);
}

} // namespace ik
