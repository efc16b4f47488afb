// See demo_data.h.
#include "cli/demo_data.h"

#include <algorithm>
#include <chrono>
#include <climits>

#include "core/survey_session.h"
#include "store/response_store.h"

namespace ik {
namespace {

const char* const kHostileTexts[] = {
    "=HYPERLINK(\"http://example.invalid\",\"klik\")",
    "+31 6 12345678",
    "-2+3",
    "@SUM(A1:A9)",
    "Ze zei: \"heel fijn\"; echt waar",
    "eerste regel\ntweede regel",
    "\u0634\u0643\u0631\u0627 \u062c\u0632\u064a\u0644\u0627",
    "\u0414\u0443\u0436\u0435 \u043a\u043e\u0440\u0438\u0441\u043d\u043e, \u0434\u044f\u043a\u0443\u044e",
    "'quoted' and \ttabbed",
    "Goede cursus, leuke docent!",
};

int Pick(std::mt19937_64& rng, std::initializer_list<double> weights) {
    std::discrete_distribution<int> dist(weights);
    return dist(rng);
}

} // namespace

nlohmann::json RandomAnswer(const Question& q, std::mt19937_64& rng) {
    switch (q.type) {
    case QuestionType::Likert:
    case QuestionType::Smiley: {
        std::vector<double> weights;
        int faces = 0;
        for (const Option& option : q.options)
            faces += option.code != kDontKnowCode;
        int face = 0;
        for (const Option& option : q.options) {
            if (option.code == kDontKnowCode) {
                weights.push_back(0.5);
            } else {
                // rising weights: mostly positive, some neutral and negative
                const double position = faces > 1 ? static_cast<double>(face) / (faces - 1) : 1;
                weights.push_back(0.5 + 9.5 * position * position);
                ++face;
            }
        }
        std::discrete_distribution<size_t> dist(weights.begin(), weights.end());
        return q.options[dist(rng)].code;
    }
    case QuestionType::YesNo:
        return Pick(rng, {0.82, 0.18}) == 0 ? "yes" : "no";
    case QuestionType::SingleChoice: {
        std::uniform_int_distribution<size_t> dist(0, q.options.size() - 1);
        return q.options[dist(rng)].code;
    }
    case QuestionType::MultiChoice: {
        nlohmann::json chosen = nlohmann::json::array();
        for (const Option& option : q.options)
            if (std::bernoulli_distribution(0.4)(rng) &&
                (q.maxChoices == 0 || static_cast<int>(chosen.size()) < q.maxChoices))
                chosen.push_back(option.code);
        if (chosen.empty()) chosen.push_back(q.options.front().code);
        return chosen;
    }
    case QuestionType::Scale: {
        std::normal_distribution<double> dist(q.min + (q.max - q.min) * 0.72, (q.max - q.min) * 0.15);
        return std::clamp(static_cast<int>(std::lround(dist(rng))), q.min, q.max);
    }
    case QuestionType::Number: {
        std::uniform_int_distribution<long> dist(static_cast<long>(q.numberMin),
                                                 static_cast<long>(q.numberMax));
        return dist(rng);
    }
    case QuestionType::Text: {
        std::uniform_int_distribution<size_t> dist(0, std::size(kHostileTexts) - 1);
        std::string text = kHostileTexts[dist(rng)];
        if (static_cast<int>(text.size()) > q.maxLength) text = "ok";
        return text;
    }
    case QuestionType::ThenNow: {
        std::uniform_int_distribution<int> then(q.min, std::max(q.min, q.min + (q.max - q.min) / 2));
        int before = then(rng);
        int now = std::clamp(before + Pick(rng, {0.1, 0.35, 0.4, 0.15}) - 1, q.min, q.max);
        return {{"then", before}, {"now", now}};
    }
    case QuestionType::Info:
        break;
    }
    return nullptr;
}

Result<long> GenerateDemoData(Database& db, const Questionnaire& q, long count, std::uint64_t seed) {
    // Demo rows need not survive a power cut one by one; this makes large sets fast to generate.
    if (Status fast = db.Execute("PRAGMA synchronous=NORMAL"); !fast) return Error{fast.error()};
    std::mt19937_64 rng(seed);
    // Sessions spread evenly over the past weeks (at least 60 days), in opening hours.
    const auto end = WallClock::now();
    const double spanSeconds = std::max(60.0, static_cast<double>(count) / 40.0) * 86400.0;
    WallClock::time_point simulated = end - std::chrono::seconds(static_cast<long>(spanSeconds));
    StoreClock clock;
    clock.now = [&simulated] { return simulated; };
    ResponseStore store(db, clock);
    SessionConfig config;
    config.burstSessions = INT_MAX; // demo sessions are spread out by construction
    config.freeText = true;         // demo data includes (hostile) free text wherever a questionnaire asks
    SurveySession session(q, &store, config);

    const double gap = spanSeconds / static_cast<double>(std::max(1L, count));
    std::uniform_real_distribution<double> jitter(0.2, 1.8);
    std::uniform_real_distribution<double> think(2.5, 9.0);
    double t = 0;
    for (long i = 0; i < count; ++i) {
        const double step = gap * jitter(rng);
        t += step;
        simulated += std::chrono::milliseconds(static_cast<long>(step * 1000));
        session.Start(t);
        if (session.Screen() == SessionScreen::Language) {
            const size_t lang = Pick(rng, {0.8, 0.2}) == 0 ? 0 : std::min<size_t>(1, q.languages.size() - 1);
            session.ChooseLanguage(q.languages[lang], t += 2);
        }
        const bool abandon = std::bernoulli_distribution(0.07)(rng);
        int asked = 0;
        while (session.Screen() == SessionScreen::Question) {
            const double wait = think(rng);
            t += wait;
            simulated += std::chrono::milliseconds(static_cast<long>(wait * 1000));
            const Question* question = session.CurrentQuestion();
            if (abandon && asked >= 2) {
                session.Stop(t);
                break;
            }
            if (TakesAnswer(question->type) &&
                (question->required || std::bernoulli_distribution(0.9)(rng))) {
                Status answered = session.Answer(RandomAnswer(*question, rng), t);
                if (!answered) return Error{answered.error()};
            }
            session.Next(t);
            ++asked;
        }
        session.Finish(t);
        if (!session.StorageError().empty()) return Error{session.StorageError()};
    }
    return count;
}

} // namespace ik
