// See audio_output.h.
#include "platform/audio_output.h"

#include <alsa/asoundlib.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

namespace ik {
namespace {

// ALSA prints its own errors to stderr (a kiosk without a sound card would log a dozen lines at every
// start); ours say the same in one line where it matters.
void QuietAlsa(const char*, int, const char*, int, const char*, ...) {}

// The device is opened non-blocking: a write waits at most a moment for room (snd_pcm_wait), so a
// stalled sound server cannot hold the voice's thread (and the kiosk's shutdown) for ever. A device
// that went away (a USB speaker unplugged) is opened again at the next utterance.
snd_pcm_t* OpenPcm(const std::string& device, int rate, std::string& error) {
    snd_pcm_t* pcm = nullptr;
    int rc = snd_pcm_open(&pcm, device.c_str(), SND_PCM_STREAM_PLAYBACK, SND_PCM_NONBLOCK);
    if (rc < 0) {
        error = "cannot open audio output \"" + device + "\": " + snd_strerror(rc);
        return nullptr;
    }
    // 100 ms of buffer: speech starts quickly and stops quickly, and a busy UI thread never starves it
    // (the voice has a thread of its own).
    rc = snd_pcm_set_params(pcm, SND_PCM_FORMAT_S16_LE, SND_PCM_ACCESS_RW_INTERLEAVED, 1,
                            static_cast<unsigned>(rate), 1, 100000);
    if (rc < 0) {
        snd_pcm_close(pcm);
        error = "audio output \"" + device + "\" refuses 16-bit mono: " + snd_strerror(rc);
        return nullptr;
    }
    return pcm;
}

class AlsaOutput final : public AudioOutput {
public:
    AlsaOutput(snd_pcm_t* pcm, std::string device, int rate)
        : m_pcm(pcm), m_device(std::move(device)), m_rate(rate) {}
    ~AlsaOutput() override {
        if (m_pcm) snd_pcm_close(m_pcm);
    }
    AlsaOutput(const AlsaOutput&) = delete;
    AlsaOutput& operator=(const AlsaOutput&) = delete;
    int SampleRate() const override { return m_rate; }
    Status Begin() override {
        if (m_pcm && snd_pcm_state(m_pcm) == SND_PCM_STATE_DISCONNECTED) {
            snd_pcm_close(m_pcm);
            m_pcm = nullptr;
        }
        if (!m_pcm) {
            std::string error;
            m_pcm = OpenPcm(m_device, m_rate, error);
            if (!m_pcm) return Error{error};
        }
        const int state = snd_pcm_state(m_pcm);
        if (state != SND_PCM_STATE_PREPARED && state != SND_PCM_STATE_RUNNING && snd_pcm_prepare(m_pcm) < 0) {
            snd_pcm_close(m_pcm); // opened again at the next utterance
            m_pcm = nullptr;
            return Error{"audio output \"" + m_device + "\" is not ready"};
        }
        return {};
    }
    Status Write(const std::int16_t* samples, std::size_t count) override {
        int stalled = 0; // 20 ms waits without room
        while (count > 0) {
            snd_pcm_sframes_t written = snd_pcm_writei(m_pcm, samples, count);
            if (written == -EAGAIN) {
                if (snd_pcm_wait(m_pcm, 20) == 0 && ++stalled > 100)
                    return Error{"audio output \"" + m_device + "\" has taken nothing for 2 s"};
                continue;
            }
            if (written < 0) written = snd_pcm_recover(m_pcm, static_cast<int>(written), 1);
            if (written < 0)
                return Error{std::string("audio output: ") + snd_strerror(static_cast<int>(written))};
            stalled = 0;
            samples += written;
            count -= static_cast<std::size_t>(written);
        }
        return {};
    }
    std::size_t Pending() override {
        snd_pcm_sframes_t delay = 0;
        if (!m_pcm || snd_pcm_delay(m_pcm, &delay) < 0 || delay < 0) return 0;
        return static_cast<std::size_t>(delay);
    }
    void End(bool stopped) override {
        if (stopped && m_pcm) {
            snd_pcm_drop(m_pcm); // silent now, not after the buffer plays out
            snd_pcm_prepare(m_pcm);
        }
    }

private:
    snd_pcm_t* m_pcm;
    std::string m_device;
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

Result<std::unique_ptr<AudioOutput>> OpenAlsaOutput(const char* device, int sampleRate) {
    snd_lib_error_set_handler(&QuietAlsa);
    std::string error;
    snd_pcm_t* pcm = OpenPcm(device, sampleRate, error);
    if (!pcm) return Error{error};
    return std::unique_ptr<AudioOutput>(new AlsaOutput(pcm, device, sampleRate));
}

std::unique_ptr<AudioOutput> OpenWavOutput(const std::filesystem::path& file, int sampleRate, double speed) {
    return std::make_unique<WavOutput>(file, sampleRate, speed);
}

} // namespace ik
