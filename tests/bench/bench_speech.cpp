// Read-aloud's budget: speech starts within 150 ms of the tap, and stops at once. The real voice
// (espeak-ng in-process, its own thread) says a question screen in Dutch, Arabic and Ukrainian;
// an output that only notes the time stands in for the sound card (and, where ALSA's "null" device
// exists, ALSA itself is in the path too). Usage: bench_speech [--runs N]; exits 1 over budget.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "core/questionnaire_json.h"
#include "core/spoken_screens.h"
#include "platform/audio_output.h"
#include "platform/espeak_voice.h"

namespace {

using Clock = std::chrono::steady_clock;
constexpr double kBudgetStartMs = 150;

// Notes when an utterance's first samples arrive and when it ends; passes them on (or drops them).
class TimingOutput final : public ik::AudioOutput {
public:
    explicit TimingOutput(std::unique_ptr<ik::AudioOutput> next = nullptr) : m_next(std::move(next)) {}
    int SampleRate() const override { return ik::EspeakVoice::kSampleRate; }
    ik::Status Begin() override { return m_next ? m_next->Begin() : ik::Status{}; }
    ik::Status Write(const std::int16_t* samples, std::size_t count) override {
        {
            std::lock_guard lock(m_mutex);
            if (!m_first) {
                m_first = Clock::now();
                m_changed.notify_all();
            }
        }
        return m_next ? m_next->Write(samples, count) : ik::Status{};
    }
    std::size_t Pending() override { return m_next ? m_next->Pending() : 0; }
    void End(bool stopped) override {
        if (m_next) m_next->End(stopped);
        std::lock_guard lock(m_mutex);
        m_ended = Clock::now();
        m_changed.notify_all();
    }
    void Reset() {
        std::lock_guard lock(m_mutex);
        m_first.reset();
        m_ended.reset();
    }
    Clock::time_point WaitFirst() {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_first.has_value(); });
        return *m_first;
    }
    Clock::time_point WaitEnd() {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_ended.has_value(); });
        return *m_ended;
    }

private:
    std::unique_ptr<ik::AudioOutput> m_next;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::optional<Clock::time_point> m_first, m_ended;
};

double Ms(Clock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

double Quantile(std::vector<double> v, double q) {
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))];
}

} // namespace

int main(int argc, char** argv) {
    int runs = 40;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], "--runs") == 0) runs = std::atoi(argv[i + 1]);
    ik::ParsedQuestionnaire parsed =
        ik::LoadQuestionnaireFile(std::filesystem::path(IK_ASSET_DIR) / "questionnaires/language_cafe.json");
    if (!parsed.questionnaire) return std::fprintf(stderr, "bench_speech: cannot load the sample\n"), 1;
    const ik::Questionnaire& q = *parsed.questionnaire;
    bool over = false;
    for (const char* device : {"", "null"}) {
        std::unique_ptr<ik::AudioOutput> alsa;
        if (*device) {
            auto opened = ik::OpenAlsaOutput(device, ik::EspeakVoice::kSampleRate);
            if (!opened) {
                std::printf("ALSA \"%s\": %s (skipped)\n", device, opened.error().c_str());
                continue;
            }
            alsa = std::move(*opened);
        }
        auto timing = std::make_unique<TimingOutput>(std::move(alsa));
        TimingOutput* clock = timing.get();
        auto voice = ik::EspeakVoice::Create(std::move(timing));
        if (!voice) return std::fprintf(stderr, "bench_speech: %s\n", voice.error().c_str()), 1;
        (*voice)->WaitReady();
        const ik::Speaks speaks = [&](std::string_view l) { return (*voice)->Speaks(l); };
        std::printf("%-22s %-3s %9s %9s %9s   %9s %9s\n",
                    *device ? ("ALSA " + std::string(device)).c_str() : "synthesis only", "", "start p50",
                    "p99", "max", "stop p50", "p99");
        for (const char* lang : {"nl", "ar", "uk"}) {
            const ik::Utterance utterance = ik::SpeakQuestion(q, q.questions[0], lang, speaks);
            std::vector<double> start, stop;
            for (int i = 0; i < runs; ++i) {
                clock->Reset();
                const auto asked = Clock::now();
                (*voice)->Say(utterance);
                start.push_back(Ms(clock->WaitFirst() - asked));
                const auto told = Clock::now();
                (*voice)->Stop();
                stop.push_back(Ms(clock->WaitEnd() - told));
                while ((*voice)->Speaking())
                    std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
            std::printf("%-22s %-3s %7.1fms %7.1fms %7.1fms   %7.1fms %7.1fms\n", "", lang,
                        Quantile(start, 0.5), Quantile(start, 0.99),
                        *std::max_element(start.begin(), start.end()), Quantile(stop, 0.5),
                        Quantile(stop, 0.99));
            over |= Quantile(start, 0.99) > kBudgetStartMs;
        }
    }
    if (over) std::fprintf(stderr, "bench_speech: speech started later than %.0f ms (p99)\n", kBudgetStartMs);
    return over ? 1 : 0;
}
