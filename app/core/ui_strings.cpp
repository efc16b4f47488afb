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
      "Anonymous • takes about a minute",
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
      "Anoniem • duurt ongeveer een minuut",
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
      "Wählen Sie Ihre Sprache",
      "Weiter",
      "Fertig",
      "Zurück",
      "Beenden",
      "Frage {n} von {total}",
      "Sind Sie noch da?",
      "Die Umfrage schließt in {n} Sekunden.",
      "Ja, weiter",
      "Vielen Dank!",
      "Wählen Sie alles Zutreffende",
      "Wählen Sie bis zu {n}",
      "Vorher",
      "Jetzt",
      "Anonym • dauert etwa eine Minute",
      "Überspringen",
      "Löschen",
      "Gerade geschlossen. Bitte kommen Sie später wieder!",
      "Leerzeichen"}},
    {"fr",
     "Français",
     {"Touchez ici pour commencer",
      "Choisissez votre langue",
      "Suivant",
      "Terminer",
      "Retour",
      "Arrêter",
      "Question {n} sur {total}",
      "Vous êtes toujours là ?",
      "Le questionnaire se ferme dans {n} secondes.",
      "Oui, continuer",
      "Merci !",
      "Choisissez tout ce qui s'applique",
      "Choisissez jusqu'à {n}",
      "Avant",
      "Maintenant",
      "Anonyme • environ une minute",
      "Passer",
      "Effacer",
      "Fermé pour le moment. Revenez plus tard !",
      "espace"}},
    {"pl",
     "Polski",
     {"Dotknij tutaj, aby rozpocząć",
      "Wybierz język",
      "Dalej",
      "Zakończ",
      "Wstecz",
      "Zatrzymaj",
      "Pytanie {n} z {total}",
      "Czy nadal tu jesteś?",
      "Ankieta zamknie się za {n} sekund.",
      "Tak, kontynuuj",
      "Dziękujemy!",
      "Wybierz wszystkie pasujące",
      "Wybierz maksymalnie {n}",
      "Przedtem",
      "Teraz",
      "Anonimowo • około minuty",
      "Pomiń",
      "Usuń",
      "Teraz zamknięte. Wróć później!",
      "spacja"}},
    {"uk",
     "Українська",
     {"Натисніть тут, щоб почати",
      "Оберіть мову",
      "Далі",
      "Готово",
      "Назад",
      "Зупинити",
      "Питання {n} з {total}",
      "Ви ще тут?",
      "Опитування закриється через {n} с.",
      "Так, продовжити",
      "Дякуємо!",
      "Оберіть усе, що підходить",
      "Оберіть до {n}",
      "Раніше",
      "Зараз",
      "Анонімно • близько хвилини",
      nullptr,
      nullptr,
      "Зараз зачинено. Поверніться пізніше!",
      "пробіл"}},
    {"tr",
     "Türkçe",
     {"Başlamak için buraya dokunun",
      "Dilinizi seçin",
      "İleri",
      "Bitir",
      "Geri",
      "Durdur",
      "Soru {n} / {total}",
      "Hâlâ orada mısınız?",
      "Anket {n} saniye içinde kapanacak.",
      "Evet, devam",
      "Teşekkürler!",
      "Uygun olanların hepsini seçin",
      "En fazla {n} seçin",
      "Önce",
      "Şimdi",
      "Anonim • yaklaşık bir dakika",
      "Atla",
      "Sil",
      "Şu anda kapalı. Daha sonra tekrar gelin!",
      "boşluk"}},
    {"es",
     "Español",
     {"Toque aquí para empezar",
      "Elija su idioma",
      "Siguiente",
      "Terminar",
      "Atrás",
      "Parar",
      "Pregunta {n} de {total}",
      "¿Sigue ahí?",
      "La encuesta se cierra en {n} segundos.",
      "Sí, continuar",
      "¡Gracias!",
      "Elija todo lo que corresponda",
      "Elija hasta {n}",
      "Antes",
      "Ahora",
      "Anónimo • dura un minuto",
      "Saltar",
      "Borrar",
      "Cerrado ahora. ¡Vuelva más tarde!",
      "espacio"}},
    // Arabic has no shaping in the renderer yet (ImGui draws isolated forms, left to right), so the
    // kiosk uses English UI words for it until read-aloud/shaping arrives; only its name is kept.
    {"ar", "العربية", {}},
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
