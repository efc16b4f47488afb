// The visitor's path through one questionnaire: attract -> language (when more than one) -> the
// questions that show_if leaves visible (with back and stop) -> thanks -> attract. Decides when
// answers are kept (through a ResponseSink), when an idle visitor is warned and when a response is
// abandoned, and flags suspicious sessions. Time is passed in (seconds on a steady clock) so tests
// can drive it frame by frame.
#pragma once

#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "core/questionnaire.h"
#include "core/response_sink.h"

namespace ik {

struct SessionConfig {
    double idleWarningAfter = 45;      // seconds without input mid-survey before "are you still there?"
    double idleCountdown = 15;         // seconds the warning shows before the survey is abandoned
    double thanksDuration = 6;         // seconds the thank-you screen shows
    double fastSecondsPerAnswer = 1.5; // completed faster than this per answer: flag "fast"
    int burstSessions = 3;             // this many starts within burstWindow: flag "burst"
    double burstWindow = 60;
    bool freeText = false; // show text questions ([privacy] free_text); off: they are left out
};

enum class SessionScreen { Attract, Language, Question, Thanks };

class SurveySession {
public:
    // `sink` may be null: a preview that records nothing.
    SurveySession(const Questionnaire& questionnaire, ResponseSink* sink, SessionConfig config = {});

    // Visitor actions.
    void Start(double now);                                   // attract -> language or first question
    void ChooseLanguage(const std::string& lang, double now); // language -> first question
    Status Answer(const nlohmann::json& value, double now);   // answer the current question, kept at once
    void ClearAnswer(double now);                             // take back the current answer
    void Next(double now);                                    // next visible question, or finish
    void Back(double now);                                    // previous visible question, or language
    void Stop(double now);                                    // visitor leaves: abandoned, back to attract
    void StillHere(double now);                               // dismisses the idle warning
    void NoteActivity(double now);                            // any touch counts as presence
    void Tick(double now);                                    // idle warning, abandonment, thanks timeout
    void Finish(double now);                                  // thanks -> attract (a tap on thanks)

    // What to show.
    SessionScreen Screen() const { return m_screen; }
    bool IdleWarningShown() const { return m_idleWarning; }
    double IdleSecondsLeft(double now) const;
    const Question* CurrentQuestion() const;
    int CurrentIndex() const { return m_index; }
    const nlohmann::json* CurrentAnswer() const;
    bool CanGoNext() const; // answered, or not required
    bool CanGoBack() const;
    int Position() const;        // 1-based number of the current question among those taking answers
    int VisibleCount() const;    // questions that are or may still become visible (no info screens)
    bool IsLastQuestion() const; // nothing after this one can still be shown: "Finish"
    const std::string& Language() const { return m_language; }
    const AnswerMap& Answers() const { return m_answers; }
    const Questionnaire& Definition() const { return m_q; }
    // When Tick must next run (steady seconds), or a very large number when nothing is timed.
    double NextDeadline() const;
    // The last storage problem, for staff (the visitor never sees it); empty when all is well.
    const std::string& StorageError() const { return m_storageError; }
    // Flags the finished or abandoned response got (for tests and diagnostics).
    const std::vector<std::string>& LastFlags() const { return m_lastFlags; }

private:
    int NextVisible(int from) const; // first visible index > from, or -1
    int PrevVisible(int from) const; // last visible index < from, or -1
    bool IsVisible(int index) const;
    bool MayShow(int index) const; // visible now, or its show_if waits on an unanswered question
    bool DependsOnUnanswered(const Condition& condition) const;
    void EnterQuestion(int index, double now);
    void EndResponse(ResponseStatus status, std::vector<std::string> flags, double now);
    void ResetToAttract();
    bool EnsureResponse(); // creates the response in the store on the first answer
    void NoteStorage(const Status& status);

    const Questionnaire& m_q;
    ResponseSink* m_sink;
    SessionConfig m_config;

    SessionScreen m_screen = SessionScreen::Attract;
    std::string m_language;
    int m_index = -1;
    AnswerMap m_answers;
    std::optional<std::string> m_responseId;
    double m_startedAt = 0;
    double m_lastActivity = 0;
    double m_thanksUntil = 0;
    bool m_idleWarning = false;
    double m_idleWarningAt = 0;
    bool m_burst = false;
    std::deque<double> m_recentStarts;
    std::vector<std::string> m_lastFlags;
    std::string m_storageError;
};

} // namespace ik
