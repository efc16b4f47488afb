// Reading, validating and writing questionnaire JSON. Every problem names the JSON path and what is
// wrong, so `questionnaire validate` can print "FILE: $.questions[2].options[1].code: duplicate code".
// A questionnaire with any error is never returned: nothing is ever half-imported.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/questionnaire.h"

namespace ik {

// Questionnaire files are a few KB, or up to ~11 MB when they carry their recordings inside (an
// exported questionnaire: 8 MB of audio as base64); the cap keeps a wrong file (a log, a video) from
// eating memory.
inline constexpr std::size_t kMaxQuestionnaireFileBytes = 16 * 1024 * 1024;

struct ValidationProblem {
    enum class Severity { Error, Warning };
    Severity severity = Severity::Error;
    std::string path;    // "$", "$.questions[2].options[1].code"
    std::string message; // "duplicate code \"a\""
};

struct ParsedQuestionnaire {
    std::optional<Questionnaire> questionnaire; // set only when there are no errors
    std::vector<ValidationProblem> problems;    // errors and warnings, in document order

    bool HasErrors() const;
};

// Parses and validates questionnaire JSON text. Defaults are filled in (likert, smiley and yes/no
// options with labels in the questionnaire's languages) so the result is self-contained. Audio files
// named in it are read from `baseDir` (empty: only data: URIs).
ParsedQuestionnaire ParseQuestionnaire(std::string_view jsonText, const std::filesystem::path& baseDir = {});

// Reads a file (size-capped) and parses it; audio files it names are read relative to it. I/O
// problems are reported at path "$".
ParsedQuestionnaire LoadQuestionnaireFile(const std::filesystem::path& file);

// "FILE: PATH: message" (warnings get "warning: " before the message), one line per problem.
std::string FormatProblem(std::string_view fileName, const ValidationProblem& problem);

// The complete, self-contained JSON form (all defaults written out). Parsing it again gives an
// equal questionnaire.
nlohmann::json QuestionnaireToJson(const Questionnaire& questionnaire);

// Stable text for hashing and storage: QuestionnaireToJson dumped with sorted keys, no spaces.
std::string CanonicalQuestionnaireJson(const Questionnaire& questionnaire);

} // namespace ik
