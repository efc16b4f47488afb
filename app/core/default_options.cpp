// The built-in option labels (see default_options.h). One row per language keeps a translator's
// work in one place; the codes are fixed here because answers and indicators depend on them.
#include "core/default_options.h"

#include <algorithm>
#include <array>

namespace ik {

namespace {

struct BuiltInLabels {
    std::string_view language;
    std::array<std::string_view, 6> likert; // strongly disagree .. strongly agree, don't know
    std::array<std::string_view, 5> smiley; // very unhappy .. very happy
    std::string_view yes;
    std::string_view no;
    std::string_view then;
    std::string_view now;
};

// English first: it is the fallback for every language without a row.
constexpr BuiltInLabels kLabels[] = {
    {"en",
     {"Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree", "Don't know"},
     {"Very unhappy", "Unhappy", "Neutral", "Happy", "Very happy"},
     "Yes",
     "No",
     "Before",
     "Now"},
    {"nl",
     {"Helemaal mee oneens", "Mee oneens", "Neutraal", "Mee eens", "Helemaal mee eens", "Weet ik niet"},
     {"Heel ontevreden", "Ontevreden", "Neutraal", "Tevreden", "Heel tevreden"},
     "Ja",
     "Nee",
     "Voorheen",
     "Nu"},
    {"de",
     {"Stimme überhaupt nicht zu", "Stimme nicht zu", "Neutral", "Stimme zu", "Stimme voll und ganz zu",
      "Weiß nicht"},
     {"Sehr unzufrieden", "Unzufrieden", "Neutral", "Zufrieden", "Sehr zufrieden"},
     "Ja",
     "Nein",
     "Vorher",
     "Jetzt"},
    {"fr",
     {"Pas du tout d'accord", "Pas d'accord", "Neutre", "D'accord", "Tout à fait d'accord", "Je ne sais pas"},
     {"Très mécontent", "Mécontent", "Neutre", "Content", "Très content"},
     "Oui",
     "Non",
     "Avant",
     "Maintenant"},
    // Polish, Ukrainian and Spanish face labels use adverbs ("very bad" .. "very good"), and Arabic, Tigrinya
    // and Somali words for the thing rated ("very bad" .. "very good"): adjectives about the visitor
    // ("satisfied") would have to pick a grammatical gender for an anonymous visitor. The agreement
    // labels are "I agree" forms, which have none.
    {"pl",
     {"Zdecydowanie się nie zgadzam", "Nie zgadzam się", "Ani tak, ani nie", "Zgadzam się",
      "Zdecydowanie się zgadzam", "Nie wiem"},
     {"Bardzo źle", "Źle", "Neutralnie", "Dobrze", "Bardzo dobrze"},
     "Tak",
     "Nie",
     "Wcześniej",
     "Teraz"},
    {"uk",
     {"Зовсім не погоджуюся", "Не погоджуюся", "Нейтрально", "Погоджуюся", "Повністю погоджуюся", "Не знаю"},
     {"Дуже погано", "Погано", "Нейтрально", "Добре", "Дуже добре"},
     "Так",
     "Ні",
     "Раніше",
     "Зараз"},
    {"ar",
     {"لا أوافق بشدة", "لا أوافق", "محايد", "أوافق", "أوافق بشدة", "لا أعرف"},
     {"سيئ جدًا", "سيئ", "متوسط", "جيد", "جيد جدًا"},
     "نعم",
     "لا",
     "قبل",
     "الآن"},
    {"tr",
     {"Kesinlikle katılmıyorum", "Katılmıyorum", "Kararsızım", "Katılıyorum", "Kesinlikle katılıyorum",
      "Bilmiyorum"},
     {"Hiç memnun değilim", "Memnun değilim", "Kararsızım", "Memnunum", "Çok memnunum"},
     "Evet",
     "Hayır",
     "Önce",
     "Şimdi"},
    // Farsi with the Persian ye and kaf and the zero-width non-joiner (\u200c, written so it can be seen).
    {"fa",
     {"کاملاً مخالفم", "مخالفم", "نه موافق، نه مخالف", "موافقم", "کاملاً موافقم", "نمی\u200cدانم"},
     {"خیلی بد", "بد", "معمولی", "خوب", "خیلی خوب"},
     "بله",
     "نه",
     "قبلاً",
     "الان"},
    {"ti",
     {"ብጣዕሚ ኣይሰማማዕን", "ኣይሰማማዕን", "ማእከላይ", "እሰማማዕ", "ብጣዕሚ እሰማማዕ", "ኣይፈልጥን"},
     {"ብጣዕሚ ሕማቕ", "ሕማቕ", "ማእከላይ", "ጽቡቕ", "ብጣዕሚ ጽቡቕ"},
     "እወ",
     "ኣይፋል",
     "ቅድሚ ሕጂ",
     "ሕጂ"},
    {"so",
     {"Aad ayaan u diiddanahay", "Waan diiddanahay", "Dhexdhexaad", "Waan ogolahay", "Aad ayaan u ogolahay",
      "Ma aqaan"},
     {"Aad u xun", "Xun", "Dhexdhexaad", "Wanaagsan", "Aad u wanaagsan"},
     "Haa",
     "Maya",
     "Hore",
     "Hadda"},
    {"es",
     {"Totalmente en desacuerdo", "En desacuerdo", "Neutral", "De acuerdo", "Totalmente de acuerdo",
      "No lo sé"},
     {"Muy mal", "Mal", "Regular", "Bien", "Muy bien"},
     "Sí",
     "No",
     "Antes",
     "Ahora"},
};

const BuiltInLabels* FindExact(std::string_view language) {
    for (const auto& row : kLabels)
        if (row.language == language) return &row;
    return nullptr;
}

// "nl-BE" and "pt-BR" are regional variants: the labels of the base language suit them.
const BuiltInLabels* FindRow(std::string_view language) {
    if (const auto* row = FindExact(language)) return row;
    return FindExact(language.substr(0, language.find('-')));
}

const BuiltInLabels& RowOrEnglish(std::string_view language) {
    const auto* row = FindRow(language);
    return row ? *row : kLabels[0];
}

template <typename Pick> LangText Labels(const std::vector<std::string>& languages, Pick pick) {
    LangText text;
    for (const auto& language : languages)
        text[language] = std::string(pick(RowOrEnglish(language)));
    return text;
}

} // namespace

bool HasBuiltInLabels(std::string_view language) {
    return FindRow(language) != nullptr;
}

std::vector<Option> DefaultLikertOptions(const std::vector<std::string>& languages, bool dontKnow) {
    std::vector<Option> options;
    for (std::size_t i = 0; i < 5; ++i)
        options.push_back(
            {std::to_string(i + 1), Labels(languages, [i](const BuiltInLabels& r) { return r.likert[i]; })});
    if (dontKnow)
        options.push_back({std::string(kDontKnowCode),
                           Labels(languages, [](const BuiltInLabels& r) { return r.likert[5]; })});
    return options;
}

std::vector<Option> DefaultSmileyOptions(const std::vector<std::string>& languages, int points) {
    // Three faces are the middle three of five: "unhappy", "neutral", "happy".
    const std::size_t first = points == 3 ? 1 : 0;
    const std::size_t count = points == 3 ? 3 : 5;
    std::vector<Option> options;
    for (std::size_t i = 0; i < count; ++i)
        options.push_back({std::to_string(i + 1),
                           Labels(languages, [&](const BuiltInLabels& r) { return r.smiley[first + i]; })});
    return options;
}

std::vector<Option> DefaultYesNoOptions(const std::vector<std::string>& languages) {
    return {{"yes", Labels(languages, [](const BuiltInLabels& r) { return r.yes; })},
            {"no", Labels(languages, [](const BuiltInLabels& r) { return r.no; })}};
}

LangText DefaultThenLabel(const std::vector<std::string>& languages) {
    return Labels(languages, [](const BuiltInLabels& r) { return r.then; });
}

LangText DefaultNowLabel(const std::vector<std::string>& languages) {
    return Labels(languages, [](const BuiltInLabels& r) { return r.now; });
}

} // namespace ik
