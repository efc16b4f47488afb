// See questionnaire_edit.h.
#include "core/questionnaire_edit.h"

#include <algorithm>
#include <functional>

#include "core/default_options.h"

namespace ik {
namespace {

LangText Texts(const std::vector<std::string>& languages, const std::string& nl, const std::string& en) {
    LangText text;
    for (const std::string& lang : languages)
        text[lang] = lang == "nl" ? nl : en;
    return text;
}

void FillDefaults(const Questionnaire& q, Question& question) {
    question.options.clear();
    question.minLabel.clear();
    question.maxLabel.clear();
    switch (question.type) {
    case QuestionType::Likert:
        question.options = DefaultLikertOptions(q.languages, true);
        break;
    case QuestionType::Smiley:
        question.options = DefaultSmileyOptions(q.languages, 5);
        break;
    case QuestionType::YesNo:
        question.options = DefaultYesNoOptions(q.languages);
        break;
    case QuestionType::SingleChoice:
    case QuestionType::MultiChoice:
        question.options.push_back({"option_1", Texts(q.languages, "Keuze 1", "Choice 1")});
        question.options.push_back({"option_2", Texts(q.languages, "Keuze 2", "Choice 2")});
        break;
    case QuestionType::Scale:
        question.min = 1;
        question.max = 10;
        break;
    case QuestionType::ThenNow:
        question.min = 1;
        question.max = 5;
        question.minLabel = Texts(q.languages, "Helemaal niet", "Not at all");
        question.maxLabel = Texts(q.languages, "Heel goed", "Very well");
        break;
    case QuestionType::Number:
        question.numberMin = 0;
        question.numberMax = 120;
        break;
    case QuestionType::Text:
        question.maxLength = 200;
        break;
    case QuestionType::Info:
        question.required = false;
        break;
    }
}

void ForEachText(Questionnaire& q, const std::function<void(LangText&)>& visit) {
    visit(q.title);
    visit(q.intro);
    visit(q.thanks);
    for (Question& question : q.questions) {
        visit(question.label);
        visit(question.help);
        visit(question.minLabel);
        visit(question.maxLabel);
        for (Option& option : question.options)
            visit(option.label);
    }
    for (Outcome& outcome : q.outcomes)
        visit(outcome.label);
}

} // namespace

std::string MakeId(std::string_view text) {
    std::string id;
    for (char c : text) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            id += c;
        } else if (!id.empty() && id.back() != '_') {
            id += '_';
        }
    }
    while (!id.empty() && id.back() == '_')
        id.pop_back();
    if (id.empty() || (id[0] >= '0' && id[0] <= '9')) id = "q_" + id;
    return id.size() > 64 ? id.substr(0, 64) : id;
}

std::string UniqueName(const std::string& base, const std::vector<std::string>& taken) {
    auto free = [&taken](const std::string& name) {
        return std::find(taken.begin(), taken.end(), name) == taken.end();
    };
    if (free(base)) return base;
    for (int n = 2;; ++n)
        if (std::string name = base + "_" + std::to_string(n); free(name)) return name;
}

Questionnaire QuestionnaireFromTemplate(const std::string& id, const std::vector<std::string>& languages) {
    Questionnaire q;
    q.id = id;
    q.version = 1;
    q.languages = languages.empty() ? std::vector<std::string>{"nl"} : languages;
    q.title = Texts(q.languages, "Nieuwe vragenlijst", "New questionnaire");
    q.intro = Texts(q.languages, "Wil je ons helpen? Het duurt maar een minuut.",
                    "Would you help us? It only takes a minute.");
    q.thanks = Texts(q.languages, "Bedankt!", "Thank you!");
    Question confident = NewQuestion(q, QuestionType::Likert);
    confident.id = "confident";
    confident.required = true;
    confident.label = Texts(q.languages, "Door deze activiteit voel ik me zekerder",
                            "After this activity I feel more confident");
    q.questions.push_back(confident);
    Question recommend = NewQuestion(q, QuestionType::YesNo);
    recommend.id = "recommend";
    recommend.label =
        Texts(q.languages, "Zou je deze activiteit aanraden?", "Would you recommend this activity?");
    q.questions.push_back(recommend);
    q.outcomes.push_back(
        {"confidence",
         Texts(q.languages, "Deelnemers voelen zich zekerder", "Participants feel more confident"),
         {{"top2_share", "confident", 70.0}}});
    return q;
}

Questionnaire DuplicateQuestionnaire(const Questionnaire& questionnaire, const std::string& newId) {
    Questionnaire copy = questionnaire;
    copy.id = newId;
    copy.version = 1;
    return copy;
}

Question NewQuestion(const Questionnaire& questionnaire, QuestionType type) {
    std::vector<std::string> taken;
    for (const Question& q : questionnaire.questions)
        taken.push_back(q.id);
    Question question;
    question.id = UniqueName(std::string("q") + std::to_string(questionnaire.questions.size() + 1), taken);
    question.type = type;
    question.label = Texts(questionnaire.languages, "Nieuwe vraag", "New question");
    FillDefaults(questionnaire, question);
    return question;
}

void ChangeQuestionType(const Questionnaire& questionnaire, Question& question, QuestionType type) {
    if (question.type == type) return;
    const bool keepOptions =
        (question.type == QuestionType::SingleChoice && type == QuestionType::MultiChoice) ||
        (question.type == QuestionType::MultiChoice && type == QuestionType::SingleChoice);
    const std::vector<Option> options = question.options;
    question.type = type;
    FillDefaults(questionnaire, question);
    if (keepOptions) question.options = options;
}

Option NewOption(const Question& question, const std::vector<std::string>& languages) {
    std::vector<std::string> taken;
    for (const Option& option : question.options)
        taken.push_back(option.code);
    int n = static_cast<int>(question.options.size()) + 1;
    std::string code = "option_" + std::to_string(n);
    while (std::find(taken.begin(), taken.end(), code) != taken.end())
        code = "option_" + std::to_string(++n);
    return {code, Texts(languages, "Keuze " + std::to_string(n), "Choice " + std::to_string(n))};
}

bool AddLanguage(Questionnaire& questionnaire, const std::string& language) {
    if (language.empty() || std::find(questionnaire.languages.begin(), questionnaire.languages.end(),
                                      language) != questionnaire.languages.end())
        return false;
    questionnaire.languages.push_back(language);
    return true;
}

bool RemoveLanguage(Questionnaire& questionnaire, const std::string& language) {
    auto& langs = questionnaire.languages;
    auto it = std::find(langs.begin(), langs.end(), language);
    if (it == langs.end() || it == langs.begin()) return false;
    langs.erase(it);
    ForEachText(questionnaire, [&language](LangText& text) { text.erase(language); });
    return true;
}

bool MoveQuestion(Questionnaire& questionnaire, int index, int direction) {
    const int to = index + direction;
    const int count = static_cast<int>(questionnaire.questions.size());
    if (index < 0 || index >= count || to < 0 || to >= count) return false;
    std::swap(questionnaire.questions[static_cast<size_t>(index)],
              questionnaire.questions[static_cast<size_t>(to)]);
    return true;
}

std::vector<std::string> MissingTranslations(const Questionnaire& questionnaire,
                                             const std::string& language) {
    std::vector<std::string> missing;
    const std::string& base = questionnaire.DefaultLanguage();
    auto check = [&](const LangText& text, const std::string& where) {
        auto has = [&text](const std::string& lang) {
            auto it = text.find(lang);
            return it != text.end() && !it->second.empty();
        };
        if (has(base) && !has(language)) missing.push_back(where);
    };
    check(questionnaire.title, "title");
    check(questionnaire.intro, "intro");
    check(questionnaire.thanks, "thanks");
    for (size_t i = 0; i < questionnaire.questions.size(); ++i) {
        const Question& q = questionnaire.questions[i];
        const std::string at = "questions[" + std::to_string(i) + "]";
        check(q.label, at + ".label");
        check(q.help, at + ".help");
        check(q.minLabel, at + ".min_label");
        check(q.maxLabel, at + ".max_label");
        for (size_t o = 0; o < q.options.size(); ++o)
            check(q.options[o].label, at + ".options[" + std::to_string(o) + "].label");
    }
    for (size_t i = 0; i < questionnaire.outcomes.size(); ++i)
        check(questionnaire.outcomes[i].label, "outcomes[" + std::to_string(i) + "].label");
    return missing;
}

} // namespace ik
