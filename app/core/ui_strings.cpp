// UI string table. English is the fallback; a missing entry (nullptr) falls back too.
#include "core/ui_strings.h"

#include <array>
#include <cstddef>

namespace ik {
namespace {

constexpr size_t kTexts = static_cast<size_t>(UiText::Count_);

struct LanguageTable {
    const char* code;
    const char* name; // in the language itself
    std::array<const char*, kTexts> texts;
};

// Order of texts: TapToStart, ChooseLanguage, Next, Finish, Back, Stop, QuestionOf, StillThere,
// StillThereHint, ContinueSurvey, ThankYou, ChooseAll, ChooseUpTo, Before, Now, Anonymous, Skip, Erase,
// Closed, Space, ReadAloud, TextLarger, TextSmaller, HighContrast, SpeakChooseNumber, SpeakTypeNumber,
// SpeakTypeText, SpeakThenNext, SpeakThenNow, SpeakContinue.
// Dutch uses "je", as Dutch libraries do in their own communication.
const LanguageTable kTables[] = {
    {"en",
     "English",
     {"Tap here to start",
      "Choose your language",
      "Next",
      "Finish",
      "Back",
      "Stop",
      "Question {n} of {total}",
      "Are you still there?",
      "The survey closes in {n} seconds.",
      "Yes, continue",
      "Thank you!",
      "Choose all that apply",
      "Choose up to {n}",
      "Before",
      "Now",
      "Anonymous \u2022 takes about a minute",
      "Skip",
      "Erase",
      "Closed right now. Please come back later!",
      "space",
      "Read aloud",
      "Larger text",
      "Smaller text",
      "High contrast",
      "Choose a number from {n} to {total}.",
      "Type the number on the keys, then tap Next.",
      "Type your answer on the keyboard, then tap Next.",
      "Then tap Next.",
      "First choose how it was before, then how it is now.",
      "Tap Yes, continue to go on."}},
    {"nl",
     "Nederlands",
     {"Tik hier om te beginnen",
      "Kies je taal",
      "Volgende",
      "Klaar",
      "Terug",
      "Stoppen",
      "Vraag {n} van {total}",
      "Ben je er nog?",
      "De vragenlijst sluit over {n} seconden.",
      "Ja, verder",
      "Dank je wel!",
      "Kies alles wat past",
      "Kies er maximaal {n}",
      "Vroeger",
      "Nu",
      "Anoniem \u2022 duurt ongeveer een minuut",
      "Overslaan",
      "Wissen",
      "Nu gesloten. Kom later terug!",
      "spatie",
      "Voorlezen",
      "Grotere letters",
      "Kleinere letters",
      "Hoog contrast",
      "Kies een getal van {n} tot en met {total}.",
      "Typ het getal op de toetsen en tik dan op Volgende.",
      "Typ je antwoord op het toetsenbord en tik dan op Volgende.",
      "Tik daarna op Volgende.",
      "Kies eerst hoe het vroeger was, en dan hoe het nu is.",
      "Tik op Ja, verder om door te gaan."}},
    {"de",
     "Deutsch",
     {"Hier tippen zum Starten",
      "W\u00e4hlen Sie Ihre Sprache",
      "Weiter",
      "Fertig",
      "Zur\u00fcck",
      "Beenden",
      "Frage {n} von {total}",
      "Sind Sie noch da?",
      "Die Umfrage schlie\u00dft in {n} Sekunden.",
      "Ja, weiter",
      "Vielen Dank!",
      "W\u00e4hlen Sie alles Zutreffende",
      "W\u00e4hlen Sie bis zu {n}",
      "Vorher",
      "Jetzt",
      "Anonym \u2022 dauert etwa eine Minute",
      "\u00dcberspringen",
      "L\u00f6schen",
      "Gerade geschlossen. Bitte kommen Sie sp\u00e4ter wieder!",
      "Leerzeichen"}},
    {"fr",
     "Fran\u00e7ais",
     {"Touchez ici pour commencer",
      "Choisissez votre langue",
      "Suivant",
      "Terminer",
      "Retour",
      "Arr\u00eater",
      "Question {n} sur {total}",
      "Vous \u00eates toujours l\u00e0 ?",
      "Le questionnaire se ferme dans {n} secondes.",
      "Oui, continuer",
      "Merci !",
      "Choisissez tout ce qui s'applique",
      "Choisissez jusqu'\u00e0 {n}",
      "Avant",
      "Maintenant",
      "Anonyme \u2022 environ une minute",
      "Passer",
      "Effacer",
      "Ferm\u00e9 pour le moment. Revenez plus tard !",
      "espace"}},
    {"pl",
     "Polski",
     {"Dotknij tutaj, aby rozpocz\u0105\u0107",
      "Wybierz j\u0119zyk",
      "Dalej",
      "Zako\u0144cz",
      "Wstecz",
      "Zatrzymaj",
      "Pytanie {n} z {total}",
      "Czy nadal tu jeste\u015b?",
      "Ankieta zamknie si\u0119 za {n} sekund.",
      "Tak, kontynuuj",
      "Dzi\u0119kujemy!",
      "Wybierz wszystkie pasuj\u0105ce",
      "Wybierz maksymalnie {n}",
      "Przedtem",
      "Teraz",
      "Anonimowo \u2022 oko\u0142o minuty",
      "Pomi\u0144",
      "Usu\u0144",
      "Teraz zamkni\u0119te. Wr\u00f3\u0107 p\u00f3\u017aniej!",
      "spacja"}},
    {"uk",
     "\u0423\u043a\u0440\u0430\u0457\u043d\u0441\u044c\u043a\u0430",
     {"\u041d\u0430\u0442\u0438\u0441\u043d\u0456\u0442\u044c \u0442\u0443\u0442, \u0449\u043e\u0431 "
      "\u043f\u043e\u0447\u0430\u0442\u0438",
      "\u041e\u0431\u0435\u0440\u0456\u0442\u044c \u043c\u043e\u0432\u0443",
      "\u0414\u0430\u043b\u0456",
      "\u0413\u043e\u0442\u043e\u0432\u043e",
      "\u041d\u0430\u0437\u0430\u0434",
      "\u0417\u0443\u043f\u0438\u043d\u0438\u0442\u0438",
      "\u041f\u0438\u0442\u0430\u043d\u043d\u044f {n} \u0437 {total}",
      "\u0412\u0438 \u0449\u0435 \u0442\u0443\u0442?",
      "\u041e\u043f\u0438\u0442\u0443\u0432\u0430\u043d\u043d\u044f "
      "\u0437\u0430\u043a\u0440\u0438\u0454\u0442\u044c\u0441\u044f "
      "\u0447\u0435\u0440\u0435\u0437 {n} \u0441.",
      "\u0422\u0430\u043a, \u043f\u0440\u043e\u0434\u043e\u0432\u0436\u0438\u0442\u0438",
      "\u0414\u044f\u043a\u0443\u0454\u043c\u043e!",
      "\u041e\u0431\u0435\u0440\u0456\u0442\u044c \u0443\u0441\u0435, \u0449\u043e "
      "\u043f\u0456\u0434\u0445\u043e\u0434\u0438\u0442\u044c",
      "\u041e\u0431\u0435\u0440\u0456\u0442\u044c \u0434\u043e {n}",
      "\u0420\u0430\u043d\u0456\u0448\u0435",
      "\u0417\u0430\u0440\u0430\u0437",
      "\u0410\u043d\u043e\u043d\u0456\u043c\u043d\u043e \u2022 \u0431\u043b\u0438\u0437\u044c\u043a\u043e "
      "\u0445\u0432\u0438\u043b\u0438\u043d\u0438",
      nullptr,
      nullptr,
      "\u0417\u0430\u0440\u0430\u0437 \u0437\u0430\u0447\u0438\u043d\u0435\u043d\u043e. "
      "\u041f\u043e\u0432\u0435\u0440\u043d\u0456\u0442\u044c\u0441\u044f "
      "\u043f\u0456\u0437\u043d\u0456\u0448\u0435!",
      "\u043f\u0440\u043e\u0431\u0456\u043b"}},
    {"tr",
     "T\u00fcrk\u00e7e",
     {"Ba\u015flamak i\u00e7in buraya dokunun",
      "Dilinizi se\u00e7in",
      "\u0130leri",
      "Bitir",
      "Geri",
      "Durdur",
      "Soru {n} / {total}",
      "H\u00e2l\u00e2 orada m\u0131s\u0131n\u0131z?",
      "Anket {n} saniye i\u00e7inde kapanacak.",
      "Evet, devam",
      "Te\u015fekk\u00fcrler!",
      "Uygun olanlar\u0131n hepsini se\u00e7in",
      "En fazla {n} se\u00e7in",
      "\u00d6nce",
      "\u015eimdi",
      "Anonim \u2022 yakla\u015f\u0131k bir dakika",
      "Atla",
      "Sil",
      "\u015eu anda kapal\u0131. Daha sonra tekrar gelin!",
      "bo\u015fluk"}},
    {"es",
     "Espa\u00f1ol",
     {"Toque aqu\u00ed para empezar",
      "Elija su idioma",
      "Siguiente",
      "Terminar",
      "Atr\u00e1s",
      "Parar",
      "Pregunta {n} de {total}",
      "\u00bfSigue ah\u00ed?",
      "La encuesta se cierra en {n} segundos.",
      "S\u00ed, continuar",
      "\u00a1Gracias!",
      "Elija todo lo que corresponda",
      "Elija hasta {n}",
      "Antes",
      "Ahora",
      "An\u00f3nimo \u2022 dura un minuto",
      "Saltar",
      "Borrar",
      "Cerrado ahora. \u00a1Vuelva m\u00e1s tarde!",
      "espacio"}},
    // Arabic has no shaping in the renderer yet (ImGui draws isolated forms, left to right), so the
    // kiosk uses English UI words for it until read-aloud/shaping arrives; only its name is kept.
    {"ar", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629", {}},
};

const LanguageTable& English() {
    return kTables[0];
}

const LanguageTable* Find(std::string_view lang) {
    for (const LanguageTable& table : kTables)
        if (lang == table.code) return &table;
    // "pt-BR" -> "pt"
    if (size_t dash = lang.find('-'); dash != std::string_view::npos) return Find(lang.substr(0, dash));
    return nullptr;
}

} // namespace

const char* Tr(UiText text, std::string_view lang) {
    size_t index = static_cast<size_t>(text);
    const LanguageTable* table = Find(lang);
    if (table && table->texts[index]) return table->texts[index];
    return English().texts[index];
}

std::string Format(const char* pattern, int n, int total) {
    std::string out = pattern;
    auto replace = [&out](std::string_view key, const std::string& value) {
        for (size_t at = out.find(key); at != std::string::npos; at = out.find(key, at + value.size()))
            out.replace(at, key.size(), value);
    };
    replace("{n}", std::to_string(n));
    replace("{total}", std::to_string(total));
    return out;
}

std::string LanguageName(std::string_view lang) {
    const LanguageTable* table = Find(lang);
    return table ? table->name : std::string(lang);
}

bool IsRightToLeft(std::string_view lang) {
    const std::string_view base = lang.substr(0, lang.find('-'));
    for (std::string_view rtl : {"ar", "fa", "he", "ur", "ps", "ckb", "prs"})
        if (base == rtl) return true;
    return false;
}

std::vector<std::string_view> AllUiStrings() {
    std::vector<std::string_view> all;
    for (const LanguageTable& table : kTables) {
        all.push_back(table.name);
        for (const char* text : table.texts)
            if (text) all.push_back(text);
    }
    return all;
}

} // namespace ik
