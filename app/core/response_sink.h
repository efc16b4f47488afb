// Where a survey session puts what the visitor does: the session (core) decides *when* something is
// kept; the store (SQLite) implements *how*. Keeps core free of SQL and testable with a fake.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace ik {

enum class ResponseStatus { InProgress, Completed, Abandoned };
const char* ResponseStatusName(ResponseStatus status); // "in_progress", "completed", "abandoned"

struct ResponseStart {
    std::string questionnaireId;
    int questionnaireVersion = 0;
    std::string language;
};

class ResponseSink {
public:
    virtual ~ResponseSink() = default;
    // Creates an in_progress response, durably; returns its id (UUIDv7).
    virtual Result<std::string> BeginResponse(const ResponseStart& start) = 0;
    // Stores (or replaces) one answer, durably, in its own transaction.
    virtual Status SaveAnswer(const std::string& responseId, const std::string& questionId,
                              const nlohmann::json& value) = 0;
    // Removes an answer the visitor took back (a multi-choice with nothing left selected).
    virtual Status RemoveAnswer(const std::string& responseId, const std::string& questionId) = 0;
    // Ends the response; answers to questions no longer on the visitor's path are dropped in the
    // same transaction (they were un-made by going back and changing an earlier answer).
    virtual Status FinishResponse(const std::string& responseId, ResponseStatus status,
                                  const std::vector<std::string>& flags,
                                  const std::vector<std::string>& questionsOffPath) = 0;
};

} // namespace ik
