// The survey session state machine (see survey_session.h). Storage failures never stop the visitor:
// they are remembered for staff and the next answer tries again.
#include "core/survey_session.h"

#include <algorithm>
#include <limits>

namespace ik {

SurveySession::SurveySession(const Questionnaire& questionnaire, ResponseSink* sink, SessionConfig config)
    : m_q(questionnaire), m_sink(sink), m_config(config) {
    m_language = m_q.DefaultLanguage();
}

void SurveySession::Start(double now) {
    if (m_screen != SessionScreen::Attract) return;
    ResetToAttract();
    m_startedAt = now;
    m_lastActivity = now;

    // Bursts: many sessions started in a short time (often children playing); flagged, not dropped.
    while (!m_recentStarts.empty() && now - m_recentStarts.front() > m_config.burstWindow)
        m_recentStarts.pop_front();
    m_recentStarts.push_back(now);
    m_burst = static_cast<int>(m_recentStarts.size()) >= m_config.burstSessions;

    if (m_q.languages.size() > 1) {
        m_screen = SessionScreen::Language;
    } else {
        m_language = m_q.DefaultLanguage();
        EnterQuestion(NextVisible(-1), now);
    }
}

void SurveySession::ChooseLanguage(const std::string& lang, double now) {
    if (m_screen != SessionScreen::Language) return;
    if (std::find(m_q.languages.begin(), m_q.languages.end(), lang) == m_q.languages.end()) return;
    m_language = lang;
    m_lastActivity = now;
    EnterQuestion(NextVisible(-1), now);
}

Status SurveySession::Answer(const nlohmann::json& value, double now) {
    const Question* question = CurrentQuestion();
    if (m_screen != SessionScreen::Question || !question) return Error{"no question on screen"};
    if (!IsValidAnswer(*question, value)) return Error{"not a valid answer to " + question->id};
    m_lastActivity = now;
    m_answers[question->id] = value;
    if (!m_sink) return {};
    if (!EnsureResponse()) return Error{m_storageError};
    Status saved = m_sink->SaveAnswer(*m_responseId, question->id, value);
    NoteStorage(saved);
    return saved;
}

void SurveySession::ClearAnswer(double now) {
    const Question* question = CurrentQuestion();
    if (m_screen != SessionScreen::Question || !question) return;
    m_lastActivity = now;
    if (m_answers.erase(question->id) > 0 && m_sink && m_responseId)
        NoteStorage(m_sink->RemoveAnswer(*m_responseId, question->id));
}

void SurveySession::Next(double now) {
    if (m_screen != SessionScreen::Question || !CanGoNext()) return;
    m_lastActivity = now;
    int next = NextVisible(m_index);
    if (next >= 0) {
        EnterQuestion(next, now);
        return;
    }
    std::vector<std::string> flags;
    int answered = static_cast<int>(m_answers.size());
    if (answered > 0 && (now - m_startedAt) / answered < m_config.fastSecondsPerAnswer)
        flags.push_back("fast");
    EndResponse(ResponseStatus::Completed, std::move(flags), now);
    m_screen = SessionScreen::Thanks;
    m_thanksUntil = now + m_config.thanksDuration;
}

void SurveySession::Back(double now) {
    if (!CanGoBack()) return;
    m_lastActivity = now;
    int prev = PrevVisible(m_index);
    if (prev >= 0) {
        m_index = prev;
    } else {
        m_screen = SessionScreen::Language; // CanGoBack() only allows this with several languages
        m_index = -1;
    }
}

void SurveySession::Stop(double now) {
    if (m_screen != SessionScreen::Question && m_screen != SessionScreen::Language) return;
    EndResponse(ResponseStatus::Abandoned, {"stopped"}, now);
    ResetToAttract();
}

void SurveySession::StillHere(double now) {
    m_idleWarning = false;
    m_lastActivity = now;
}

void SurveySession::NoteActivity(double now) {
    if (!m_idleWarning) m_lastActivity = now;
}

void SurveySession::Tick(double now) {
    switch (m_screen) {
    case SessionScreen::Attract:
        return;
    case SessionScreen::Thanks:
        if (now >= m_thanksUntil) ResetToAttract();
        return;
    case SessionScreen::Language:
    case SessionScreen::Question:
        if (!m_idleWarning && now - m_lastActivity >= m_config.idleWarningAfter) {
            m_idleWarning = true;
            m_idleWarningAt = now;
        }
        if (m_idleWarning && now - m_idleWarningAt >= m_config.idleCountdown) {
            EndResponse(ResponseStatus::Abandoned, {"idle"}, now);
            ResetToAttract();
        }
        return;
    }
}

void SurveySession::Finish(double /*now*/) {
    if (m_screen == SessionScreen::Thanks) ResetToAttract();
}

double SurveySession::IdleSecondsLeft(double now) const {
    if (!m_idleWarning) return m_config.idleCountdown;
    return std::max(0.0, m_config.idleCountdown - (now - m_idleWarningAt));
}

const Question* SurveySession::CurrentQuestion() const {
    if (m_screen != SessionScreen::Question || m_index < 0) return nullptr;
    return &m_q.questions[static_cast<size_t>(m_index)];
}

const nlohmann::json* SurveySession::CurrentAnswer() const {
    const Question* question = CurrentQuestion();
    if (!question) return nullptr;
    auto it = m_answers.find(question->id);
    return it == m_answers.end() ? nullptr : &it->second;
}

bool SurveySession::CanGoNext() const {
    const Question* question = CurrentQuestion();
    if (!question) return false;
    return !question->required || !TakesAnswer(question->type) || CurrentAnswer() != nullptr;
}

bool SurveySession::CanGoBack() const {
    if (m_screen != SessionScreen::Question) return false;
    return PrevVisible(m_index) >= 0 || m_q.languages.size() > 1;
}

// Progress counts questions that take an answer (an info screen is not a question), and counts a
// later question whose show_if still depends on something unanswered: better "6 of 7" then "6 of 6"
// than "6 of 6" then "7 of 7".
int SurveySession::Position() const {
    if (m_index < 0) return 0;
    int position = 0;
    for (int i = 0; i <= m_index; ++i)
        if (IsVisible(i) && TakesAnswer(m_q.questions[static_cast<size_t>(i)].type)) ++position;
    return position;
}

int SurveySession::VisibleCount() const {
    int count = 0;
    for (int i = 0; i < static_cast<int>(m_q.questions.size()); ++i) {
        if (!TakesAnswer(m_q.questions[static_cast<size_t>(i)].type)) continue;
        if (i <= m_index ? IsVisible(i) : MayShow(i)) ++count;
    }
    return count;
}

bool SurveySession::IsLastQuestion() const {
    if (m_screen != SessionScreen::Question) return false;
    for (int i = m_index + 1; i < static_cast<int>(m_q.questions.size()); ++i)
        if (MayShow(i)) return false;
    return true;
}

bool SurveySession::DependsOnUnanswered(const Condition& condition) const {
    if (!condition.question.empty() && !m_answers.count(condition.question)) return true;
    for (const Condition& child : condition.children)
        if (DependsOnUnanswered(child)) return true;
    return false;
}

bool SurveySession::MayShow(int index) const {
    if (IsVisible(index)) return true;
    const Question& question = m_q.questions[static_cast<size_t>(index)];
    return (question.type != QuestionType::Text || m_config.freeText) && question.showIf &&
           DependsOnUnanswered(*question.showIf);
}

double SurveySession::NextDeadline() const {
    switch (m_screen) {
    case SessionScreen::Attract:
        return std::numeric_limits<double>::max();
    case SessionScreen::Thanks:
        return m_thanksUntil;
    case SessionScreen::Language:
    case SessionScreen::Question:
        break;
    }
    if (m_idleWarning) return m_idleWarningAt + m_config.idleCountdown;
    return m_lastActivity + m_config.idleWarningAfter;
}

bool SurveySession::IsVisible(int index) const {
    const Question& question = m_q.questions[static_cast<size_t>(index)];
    // Free text can identify a visitor: text questions are shown only where staff turned them on
    // ([privacy] free_text; docs/decisions.md).
    if (question.type == QuestionType::Text && !m_config.freeText) return false;
    return !question.showIf || Evaluate(*question.showIf, m_answers);
}

int SurveySession::NextVisible(int from) const {
    for (int i = from + 1; i < static_cast<int>(m_q.questions.size()); ++i)
        if (IsVisible(i)) return i;
    return -1;
}

int SurveySession::PrevVisible(int from) const {
    for (int i = from - 1; i >= 0; --i)
        if (IsVisible(i)) return i;
    return -1;
}

void SurveySession::EnterQuestion(int index, double now) {
    m_lastActivity = now;
    if (index < 0) { // nothing visible at all: nothing to ask
        ResetToAttract();
        return;
    }
    m_screen = SessionScreen::Question;
    m_index = index;
}

bool SurveySession::EnsureResponse() {
    if (m_responseId) return true;
    Result<std::string> id = m_sink->BeginResponse({m_q.id, m_q.version, m_language});
    if (!id) {
        m_storageError = id.error();
        return false;
    }
    m_responseId = *id;
    // Answers given while the store was failing are kept now that it works again.
    for (const auto& [questionId, value] : m_answers)
        NoteStorage(m_sink->SaveAnswer(*m_responseId, questionId, value));
    return true;
}

void SurveySession::NoteStorage(const Status& status) {
    if (!status) m_storageError = status.error();
}

void SurveySession::EndResponse(ResponseStatus status, std::vector<std::string> flags, double /*now*/) {
    if (m_burst) flags.push_back("burst");
    m_lastFlags = flags;
    if (!m_sink) return;
    // A visitor who stops before answering anything leaves nothing behind; a completed survey is
    // always recorded, even with every optional question skipped.
    if (!m_responseId && (status != ResponseStatus::Completed || !EnsureResponse())) return;
    std::vector<std::string> offPath;
    for (int i = 0; i < static_cast<int>(m_q.questions.size()); ++i) {
        const std::string& id = m_q.questions[static_cast<size_t>(i)].id;
        if (!IsVisible(i) && m_answers.count(id)) offPath.push_back(id);
    }
    NoteStorage(m_sink->FinishResponse(*m_responseId, status, flags, offPath));
    m_responseId.reset();
}

void SurveySession::ResetToAttract() {
    m_screen = SessionScreen::Attract;
    m_index = -1;
    m_answers.clear();
    m_responseId.reset();
    m_idleWarning = false;
    m_language = m_q.DefaultLanguage();
}

} // namespace ik
