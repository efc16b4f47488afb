// See spoken_screens.h.
#include "core/spoken_screens.h"

#include <cmath>

#include "core/ui_strings.h"

namespace ik {

std::string Utterance::Text() const {
    std::string out;
    for (const SpeechPart& part : parts) {
        if (part.text.empty()) continue;
        if (!out.empty()) out += ' ';
        out += part.text;
    }
    return out;
}

namespace {

class Builder {
public:
    Builder(const Questionnaire& q, std::string_view lang, const Speaks& speaks)
        : m_q(q), m_lang(lang), m_speaks(speaks), m_voice(speaks(lang)) {}

    // The kiosk's own words: only the voice says them.
    void Words(std::string text) {
        if (m_voice && !text.empty()) m_u.parts.push_back({m_lang, std::move(text), {}});
    }

    // A questionnaire text as the screen shows it (the visitor's language, else the default one),
    // said as the questionnaire says ("say", a recording) or as written. `prefix` ("5:") goes before
    // it in the visitor's language.
    void Text(const LangText& text, std::string_view key, const std::string& prefix = {}) {
        std::string language = m_lang;
        auto it = text.find(language);
        if (it == text.end()) {
            language = m_q.DefaultLanguage();
            it = text.find(language);
        }
        if (it == text.end() || it->second.empty()) return;
        const SpokenText* spoken = m_q.Spoken(key, language);
        if (spoken && spoken->audio) {
            Words(prefix);
            m_u.parts.push_back({language, it->second, spoken->audio});
            return;
        }
        if (!m_speaks(language)) return;
        const std::string& words = spoken && !spoken->say.empty() ? spoken->say : it->second;
        if (language == m_lang && !prefix.empty() && m_voice)
            m_u.parts.push_back({language, prefix + " " + words, {}});
        else {
            Words(prefix);
            m_u.parts.push_back({language, words, {}});
        }
    }

    // Another language's words in that language's voice (a language's own name).
    void Foreign(std::string_view language, std::string text) {
        if (m_speaks(language)) m_u.parts.push_back({std::string(language), std::move(text), {}});
    }

    Utterance Take() { return std::move(m_u); }
    const std::string& Lang() const { return m_lang; }

private:
    const Questionnaire& m_q;
    std::string m_lang;
    const Speaks& m_speaks;
    bool m_voice;
    Utterance m_u;
};

std::string Numbered(std::size_t index) {
    return std::to_string(index + 1) + ":";
}

} // namespace

Utterance SpeakAttract(const Questionnaire& q, std::string_view lang, const Speaks& speaks) {
    Builder b(q, lang, speaks);
    b.Text(q.title, "title");
    b.Text(q.intro, "intro");
    b.Words(Tr(UiText::TapToStart, lang));
    return b.Take();
}

Utterance SpeakLanguageChoice(const Questionnaire& q, std::string_view lang, const Speaks& speaks) {
    Builder b(q, lang, speaks);
    b.Words(Tr(UiText::ChooseLanguage, lang));
    for (const std::string& code : q.languages)
        b.Foreign(code, LanguageName(code));
    return b.Take();
}

Utterance SpeakQuestion(const Questionnaire& q, const Question& question, std::string_view lang,
                        const Speaks& speaks) {
    Builder b(q, lang, speaks);
    b.Text(question.label, QuestionTextKey(question.id, "label"));
    b.Text(question.help, QuestionTextKey(question.id, "help"));
    auto options = [&] {
        for (std::size_t i = 0; i < question.options.size(); ++i)
            b.Text(question.options[i].label, OptionTextKey(question.id, question.options[i].code), Numbered(i));
    };
    auto endLabels = [&] {
        b.Text(question.minLabel, QuestionTextKey(question.id, "min_label"), std::to_string(question.min) + ":");
        b.Text(question.maxLabel, QuestionTextKey(question.id, "max_label"), std::to_string(question.max) + ":");
    };
    switch (question.type) {
    case QuestionType::Likert:
    case QuestionType::Smiley:
    case QuestionType::SingleChoice:
    case QuestionType::YesNo:
        options();
        break;
    case QuestionType::MultiChoice:
        if (question.help.empty())
            b.Words(question.maxChoices > 0 ? Format(Tr(UiText::ChooseUpTo, lang), question.maxChoices)
                                            : Tr(UiText::ChooseAll, lang));
        options();
        b.Words(Tr(UiText::SpeakThenNext, lang));
        break;
    case QuestionType::Scale:
        b.Words(Format(Tr(UiText::SpeakChooseNumber, lang), question.min, question.max));
        endLabels();
        break;
    case QuestionType::ThenNow:
        b.Words(Tr(UiText::SpeakThenNow, lang));
        b.Words(Format(Tr(UiText::SpeakChooseNumber, lang), question.min, question.max));
        endLabels();
        break;
    case QuestionType::Number:
        b.Words(Tr(UiText::SpeakTypeNumber, lang));
        break;
    case QuestionType::Text:
        b.Words(Tr(UiText::SpeakTypeText, lang));
        break;
    case QuestionType::Info:
        break;
    }
    return b.Take();
}

Utterance SpeakIdleWarning(std::string_view lang, int secondsLeft, const Speaks& speaks) {
    static const Questionnaire kNone;
    Builder b(kNone, lang, speaks);
    b.Words(Tr(UiText::StillThere, lang));
    b.Words(Format(Tr(UiText::StillThereHint, lang), secondsLeft));
    b.Words(Tr(UiText::SpeakContinue, lang));
    return b.Take();
}

Utterance SpeakThanks(const Questionnaire& q, std::string_view lang, const Speaks& speaks) {
    Builder b(q, lang, speaks);
    if (PickText(q.thanks, lang, q.DefaultLanguage()).empty())
        b.Words(Tr(UiText::ThankYou, lang));
    else
        b.Text(q.thanks, "thanks");
    return b.Take();
}

std::vector<std::string> TextsWithoutVoice(const Questionnaire& q, std::string_view lang, const Speaks& speaks) {
    std::vector<std::string> missing;
    if (speaks(lang)) return missing;
    auto check = [&](const LangText& text, const std::string& key) {
        const auto it = text.find(std::string(lang));
        if (it == text.end() || it->second.empty()) return;
        const SpokenText* spoken = q.Spoken(key, lang);
        if (!spoken || !spoken->audio) missing.push_back(key);
    };
    check(q.title, "title");
    check(q.intro, "intro");
    check(q.thanks, "thanks");
    for (const Question& question : q.questions) {
        check(question.label, QuestionTextKey(question.id, "label"));
        check(question.help, QuestionTextKey(question.id, "help"));
        check(question.minLabel, QuestionTextKey(question.id, "min_label"));
        check(question.maxLabel, QuestionTextKey(question.id, "max_label"));
        for (const Option& option : question.options)
            check(option.label, OptionTextKey(question.id, option.code));
    }
    return missing;
}

} // namespace ik
