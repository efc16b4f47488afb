// What each visitor screen says aloud, in the visitor's language: the question and its help, then each
// answer with how to pick it ("5: Strongly agree"), and how to go on; the attract, language, idle
// warning and thanks screens likewise. A questionnaire's own "say" words and recordings take the
// place of its written texts; the kiosk's own words need the synthetic voice. Pure: no UI, no sound.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "core/questionnaire.h"
#include "core/speech.h"

namespace ik {

// Whether the synthetic voice speaks a language.
using Speaks = std::function<bool(std::string_view language)>;

Utterance SpeakAttract(const Questionnaire& q, std::string_view lang, const Speaks& speaks);
// "Choose your language", then each language's name said in that language.
Utterance SpeakLanguageChoice(const Questionnaire& q, std::string_view lang, const Speaks& speaks);
Utterance SpeakQuestion(const Questionnaire& q, const Question& question, std::string_view lang,
                        const Speaks& speaks);
Utterance SpeakIdleWarning(std::string_view lang, int secondsLeft, const Speaks& speaks);
Utterance SpeakThanks(const Questionnaire& q, std::string_view lang, const Speaks& speaks);

// A questionnaire's texts that cannot be read aloud in `lang` (no voice, no recording), for staff:
// "questions.learned.label", ... Empty when the voice speaks the language.
std::vector<std::string> TextsWithoutVoice(const Questionnaire& q, std::string_view lang, const Speaks& speaks);

} // namespace ik
