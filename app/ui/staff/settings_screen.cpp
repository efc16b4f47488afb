// Settings (staff_settings): the kiosk's configuration, checked field by field and written to the
// TOML file in one go.
#include "ui/staff/staff_mode.h"

#include <algorithm>
#include <cstdio>

#include "core/atomic_file.h"
#include "core/ui_strings.h"
#include "ui/staff/staff_text.h"

namespace ik {

void StaffMode::StartSettings() {
    m_draft = m_services.config;
    m_settingsText.clear();
    m_settingsProblems.clear();
    auto number = [this](const char* key, double value) {
        char text[32];
        std::snprintf(text, sizeof text, "%g", value);
        m_settingsText[key] = text;
    };
    number("visitor.idle_timeout_seconds", m_draft.idleTimeoutSeconds);
    number("visitor.thanks_seconds", m_draft.thanksSeconds);
    number("privacy.min_group_size", m_draft.minGroupSize);
    number("speech.volume", m_draft.speech.volume);
    number("speech.rate", m_draft.speech.rate);
    m_settingsText["sync.token"] = "";
    m_settingsText["sync.ca_file"] = m_draft.caFile.string();
}

StaffRequest StaffMode::DrawSettings(UiContext& ui, double now) {
    StaffRequest request;
    FormPage form(ui, m_keyboard, StaffText("Settings"), "save", StaffText("Save"));
    if (form.Back()) {
        Show(StaffScreen::Home, now);
        return request;
    }
    bool save = form.Action();
    auto problemAt = [this](const std::string& key) {
        std::string text;
        for (const ConfigProblem& p : m_settingsProblems)
            if (p.key == key) text += (text.empty() ? "" : "\n") + StaffMessage(p.message);
        return text;
    };
    StaffFlow& flow = form.Begin();
    if (!m_notice.empty()) flow.Text(m_notice, "notice", colors::kAccent);
    flow.Heading(StaffText("Staff screens"), "heading:staff");
    flow.Text(StaffText("Language of these screens (after Save, at once):"), "staff_language_hint",
              colors::kMuted);
    for (const StaffLanguage language : {StaffLanguage::Dutch, StaffLanguage::English}) {
        const std::string code = StaffLanguageCode(language);
        bool on = m_draft.staffLanguage == language;
        if (flow.Toggle("staff_language:" + code, LanguageName(code), on,
                        language == StaffLanguage::Dutch ? 0 : 1, 2))
            m_draft.staffLanguage = language;
    }
    flow.Heading(StaffText("This kiosk"), "heading:kiosk");
    flow.Field("kiosk.id", StaffText("Kiosk id (how the central monitor knows this kiosk)"), m_draft.kioskId,
               problemAt("kiosk.id"), 0, 2);
    flow.Field("kiosk.branch", StaffText("Branch"), m_draft.branch, problemAt("kiosk.branch"), 1, 2);
    flow.Heading(StaffText("Sync"), "heading:sync");
    flow.Field("sync.endpoint", StaffText("Central monitor address (https://...)"), m_draft.syncEndpoint,
               problemAt("sync.endpoint"));
    std::string& token = m_settingsText["sync.token"];
    flow.Field("sync.token",
               m_draft.tokenFile.empty()
                   ? std::string(StaffText("Token (from the network's operator)"))
                   : StaffText("New token (empty: keep the one in {0})", m_draft.tokenFile.string()),
               token, problemAt("sync.token"), 0, 2);
    flow.Field("sync.ca_file", StaffText("CA certificate file (empty: the system's)"),
               m_settingsText["sync.ca_file"], problemAt("sync.ca_file"), 1, 2);
    flow.Heading(StaffText("Visitors"), "heading:visitors");
    flow.Field("visitor.idle_timeout_seconds", StaffText("Seconds before \"are you still there?\""),
               m_settingsText["visitor.idle_timeout_seconds"], problemAt("visitor.idle_timeout_seconds"), 0,
               2);
    flow.Field("visitor.thanks_seconds", StaffText("Seconds the thank-you shows"),
               m_settingsText["visitor.thanks_seconds"], problemAt("visitor.thanks_seconds"), 1, 2);
    flow.Text(
        StaffText(
            "Languages offered to visitors (of those the questionnaire has; none ticked: all of them):"),
        "languages_hint", colors::kMuted);
    int slot = 0;
    for (const char* code : kStaffLanguages) {
        bool on =
            std::find(m_draft.languages.begin(), m_draft.languages.end(), code) != m_draft.languages.end();
        if (flow.Toggle(std::string("offer:") + code, LanguageName(code), on, slot, 4)) {
            if (on)
                m_draft.languages.push_back(code);
            else
                m_draft.languages.erase(std::find(m_draft.languages.begin(), m_draft.languages.end(), code));
        }
        slot = (slot + 1) % 4;
    }
    if (slot != 0) flow.EndRow(); // a last row of fewer than four toggles ends too
    flow.Heading(StaffText("Read aloud"), "heading:speech");
    SpeechProblemLine(flow);
    flow.Toggle("speech.start_on", StaffText("Read every screen aloud from the start of each visit"),
                m_draft.speech.startOn);
    flow.Field("speech.volume", StaffText("Volume (0-100)"), m_settingsText["speech.volume"],
               problemAt("speech.volume"), 0, 2);
    flow.Field("speech.rate", StaffText("Speed (words a minute, 80-300; 150 suits learners)"),
               m_settingsText["speech.rate"], problemAt("speech.rate"), 1, 2);
    flow.Heading(StaffText("Privacy"), "heading:privacy");
    flow.Field("privacy.min_group_size", StaffText("Smallest group shown in results"),
               m_settingsText["privacy.min_group_size"], problemAt("privacy.min_group_size"));
    flow.Toggle("privacy.free_text", StaffText("Show free-text questions to visitors"), m_draft.freeText);
    if (m_draft.freeText) {
        flow.Text(StaffText("Free text can identify a visitor (names, e-mail addresses). It is kept with the "
                            "answers on this kiosk, and goes to the central monitor only if you tick that "
                            "below. Turn it on only for questionnaires that need it."),
                  "free_text_warning", colors::kWarning);
        flow.Toggle("sync.send_free_text", StaffText("Also send free text to the central monitor"),
                    m_draft.sendFreeText);
    }
    flow.Heading(StaffText("Staff PIN"), "heading:pin");
    if (flow.Button("change_pin", StaffText("Change the staff PIN"), ButtonStyle::Secondary)) {
        m_changingPin = true;
        m_firstPin.clear();
        m_pin.clear();
        m_pinMessage.clear();
        save = false;
        Show(StaffScreen::SetPin, now);
    }
    flow.Text(StaffText("Saved to {0}", m_services.configFile.string()), "config_file", colors::kMuted);
    form.End();
    if (!save) return request;

    // Numbers as typed, then the same checks a config file gets.
    KioskConfig next = m_draft;
    m_settingsProblems.clear();
    auto number = [this](const std::string& key, auto& out) {
        const std::string& text = m_settingsText[key];
        char* end = nullptr;
        const double value = std::strtod(text.c_str(), &end);
        if (text.empty() || !end || *end) {
            m_settingsProblems.push_back({key, StaffText("type a number")});
            return;
        }
        out = static_cast<std::remove_reference_t<decltype(out)>>(value);
    };
    number("visitor.idle_timeout_seconds", next.idleTimeoutSeconds);
    number("visitor.thanks_seconds", next.thanksSeconds);
    number("privacy.min_group_size", next.minGroupSize);
    number("speech.volume", next.speech.volume);
    number("speech.rate", next.speech.rate);
    next.caFile = m_settingsText["sync.ca_file"];
    if (!token.empty() && token.find_first_of(" \t\n") != std::string::npos)
        m_settingsProblems.push_back({"sync.token", StaffText("a token has no spaces")});
    if (!next.syncEndpoint.empty() && next.tokenFile.empty() && token.empty())
        m_settingsProblems.push_back({"sync.token", StaffText("the monitor needs this kiosk's token")});
    for (ConfigProblem& p : CheckConfig(next))
        m_settingsProblems.push_back(std::move(p));
    if (!m_settingsProblems.empty()) {
        m_notice = StaffText("Not saved: see the messages next to the fields.");
        return request;
    }
    // The token first: a config that names a token file must never point at a missing one.
    if (!token.empty()) {
        if (next.tokenFile.empty()) next.tokenFile = m_services.dataDir / "sync.token";
        if (Status s = WriteSecretFile(next.tokenFile, token + "\n"); !s) {
            m_notice = Error("Not saved: {0}", s.error());
            return request;
        }
        token.clear();
    }
    if (Status s = SaveConfig(next, m_services.configFile); !s) {
        m_notice = Error("Not saved: {0}", s.error());
        return request;
    }
    const bool syncChanged = next.syncEndpoint != m_services.config.syncEndpoint ||
                             next.sendFreeText != m_services.config.sendFreeText ||
                             next.tokenFile != m_services.config.tokenFile ||
                             next.caFile != m_services.config.caFile;
    m_services.config = next;
    m_draft = next;
    SetStaffLanguage(next.staffLanguage); // at once: this notice is already in the language chosen
    Audit("changed settings");
    m_notice = syncChanged ? StaffText("Saved. Sync uses the new settings after a restart of the kiosk.")
                           : StaffText("Saved.");
    request.kind = StaffRequest::Kind::ApplySettings;
    request.config = next;
    return request;
}

} // namespace ik
