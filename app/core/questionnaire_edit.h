// Editing operations on a questionnaire, as staff use them in the editor: a new questionnaire from a
// template, a duplicate under a new id, new questions of any type with sensible defaults, option
// codes that never collide, and adding or removing a language. Pure functions, so the editor's
// screens stay thin and every operation is unit-tested.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/questionnaire.h"

namespace ik {

// A lower-case id made of a-z, 0-9 and "_" from `text` ("Leesplezier 2027!" -> "leesplezier_2027").
std::string MakeId(std::string_view text);

// `base`, or `base_2`, `base_3`, ... : the first not in `taken`.
std::string UniqueName(const std::string& base, const std::vector<std::string>& taken);

// A small working questionnaire to start from: a title, an intro, a likert question, a yes/no
// question, a thank-you text, and an outcome on the likert question, in `languages`.
Questionnaire QuestionnaireFromTemplate(const std::string& id, const std::vector<std::string>& languages);

// A copy under a new id, as version 1 (its responses stay with the original).
Questionnaire DuplicateQuestionnaire(const Questionnaire& questionnaire, const std::string& newId);

// A new question of `type` with an id unused in `questionnaire` and the type's default options and
// range, labelled in every language of the questionnaire.
Question NewQuestion(const Questionnaire& questionnaire, QuestionType type);

// Changes a question's type, keeping its id, label and help; options and range become the new
// type's defaults unless the new type can keep the old ones.
void ChangeQuestionType(const Questionnaire& questionnaire, Question& question, QuestionType type);

// A new option whose code is unused in `question` ("option_3").
Option NewOption(const Question& question, const std::vector<std::string>& languages);

// Adds `language` (kept after the default language) or removes it with its texts. Removing the
// default language or the last language is refused (returns false).
bool AddLanguage(Questionnaire& questionnaire, const std::string& language);
bool RemoveLanguage(Questionnaire& questionnaire, const std::string& language);

// Moves question `index` one place up (-1) or down (+1); false at either end.
bool MoveQuestion(Questionnaire& questionnaire, int index, int direction);

// Texts that have a default-language version but are empty in `language`: "questions[2].label",
// for the editor's missing-translation warnings.
std::vector<std::string> MissingTranslations(const Questionnaire& questionnaire, const std::string& language);

} // namespace ik
