// Schedule (staff_schedule): dates, opening hours and weekdays of a questionnaire; outside them the
// attract screen says the kiosk is closed.
#include "ui/staff/staff_mode.h"

#include "store/schedule_store.h"
#include "ui/staff/staff_text.h"

namespace ik {

Schedule StaffMode::ScheduleFor(const std::string& id) {
    if (!Enabled()) return {};
    Result<Schedule> schedule = LoadSchedule(*m_services.db, id);
    if (!schedule) {
        Error(schedule.error()); // shown to staff on the schedule screen; visitors keep the kiosk open
        return {};
    }
    return *schedule;
}

StaffRequest StaffMode::DrawSchedule(UiContext& ui, double now) {
    StaffRequest request;
    FormPage form(ui, m_keyboard, StaffText("Schedule: {0}", m_scheduleId), "save", StaffText("Save"));
    if (form.Back()) {
        Show(StaffScreen::Questionnaires, now);
        return request;
    }
    const bool save = form.Action();
    StaffFlow& flow = form.Begin();
    const bool always =
        flow.Button("always", StaffText("Always open (remove the schedule)"), ButtonStyle::Secondary);
    if (!m_scheduleProblem.empty()) flow.Text(m_scheduleProblem, "schedule_problem", colors::kWarning);
    flow.Text(StaffText("Outside these dates and hours the kiosk says it is closed. Empty fields: no limit."),
              "schedule_hint", colors::kMuted);
    flow.Field("from", StaffText("First day (YYYY-MM-DD)"), m_scheduleText["from"], {}, 0, 2);
    flow.Field("to", StaffText("Last day (YYYY-MM-DD)"), m_scheduleText["to"], {}, 1, 2);
    flow.Field("open", StaffText("Opens at (HH:MM)"), m_scheduleText["open"], {}, 0, 2);
    flow.Field("close", StaffText("Closes at (HH:MM)"), m_scheduleText["close"], {}, 1, 2);
    flow.Text(StaffText("On these days:"), "days_hint", colors::kMuted);
    static constexpr StaffTextKey kDays[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                             "Friday", "Saturday", "Sunday"};
    for (int d = 0; d < 7; ++d) {
        bool on = (m_scheduleDays & (1u << d)) != 0;
        if (flow.Toggle(std::string("day:") + std::to_string(d + 1), StaffText(kDays[d]), on, d % 4, 4))
            m_scheduleDays = on ? (m_scheduleDays | (1u << d)) : (m_scheduleDays & ~(1u << d));
    }
    if (7 % 4) flow.EndRow();
    form.End();
    if (!save && !always) return request;

    Schedule schedule;
    if (save) {
        schedule.fromDate = m_scheduleText["from"];
        schedule.toDate = m_scheduleText["to"];
        schedule.weekdays = m_scheduleDays;
        for (const char* key : {"open", "close"}) {
            const std::string& text = m_scheduleText[key];
            if (text.empty()) continue;
            std::optional<int> minute = ParseClockTime(text);
            if (!minute) {
                m_scheduleProblem = StaffText("\"{0}\" is not a time like 09:00", text);
                return request;
            }
            (std::string(key) == "open" ? schedule.openMinute : schedule.closeMinute) = *minute;
        }
    }
    if (Status s = SaveSchedule(*m_services.db, m_scheduleId, schedule); !s) {
        m_scheduleProblem = StaffMessage(s.error());
        return request;
    }
    Audit("set the schedule of " + m_scheduleId + ": " +
          (schedule.Always() ? "always open" : ScheduleToJson(schedule)));
    m_notice = schedule.Always() ? StaffText("Schedule of {0} saved: always open.", m_scheduleId)
                                 : StaffText("Schedule of {0} saved.", m_scheduleId);
    request.kind = StaffRequest::Kind::ApplySchedule;
    request.questionnaire.id = m_scheduleId;
    Show(StaffScreen::Questionnaires, now);
    return request;
}

} // namespace ik
