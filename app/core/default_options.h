// Built-in answer options (likert agreement, smiley faces, yes/no) and then_now headings, with labels
// in the languages libraries use most, so staff need not translate the common scales themselves.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/questionnaire.h"

namespace ik {

// Whether built-in labels exist for `language` ("nl-BE" counts as "nl"). Others get English.
bool HasBuiltInLabels(std::string_view language);

// Codes "1".."5" (strongly disagree .. strongly agree), then kDontKnowCode when `dontKnow`.
std::vector<Option> DefaultLikertOptions(const std::vector<std::string>& languages, bool dontKnow);
// Codes "1".."points" from unhappiest to happiest face; `points` is 3 or 5 (anything else gives 5).
std::vector<Option> DefaultSmileyOptions(const std::vector<std::string>& languages, int points);
// Codes "yes", "no".
std::vector<Option> DefaultYesNoOptions(const std::vector<std::string>& languages);

// The two ratings of a then_now question: "Before" and "Now".
LangText DefaultThenLabel(const std::vector<std::string>& languages);
LangText DefaultNowLabel(const std::vector<std::string>& languages);

} // namespace ik
