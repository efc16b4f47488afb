// The automation dump: what is on screen (screen id, and each target's id, label, role and
// rectangle), so tests can find what to tap. Written atomically to $IMPACTKIOSK_UI_DUMP after every
// frame in which it changed. Ids are a contract (DESIGN.md "Automation dump").
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"

namespace ik {

struct DumpElement {
    std::string id;    // "option:4", "next", "lang:nl"
    std::string label; // what the visitor reads on it
    std::string role;  // "button", "toggle", "text"
    float x = 0, y = 0, w = 0, h = 0;
    bool enabled = true;
    bool selected = false; // toggles and chosen answers
};

// Where a block of words was drawn, for layout tests (kept in memory, not written to the file).
struct DumpText {
    std::string text;
    float x = 0, y = 0, w = 0, h = 0;
};

class AutomationDump {
public:
    void BeginFrame(std::string screen);
    void AddText(DumpText text) { m_texts.push_back(std::move(text)); }
    const std::vector<DumpText>& Texts() const { return m_texts; }
    void SetScreen(std::string screen) { m_screen = std::move(screen); }
    void Add(DumpElement element);
    // `input_ready`: a press now would count (not within the pause after a screen change); `taps`:
    // releases the kiosk has taken in so far, counted or ignored. Tests wait on these, not on time.
    void SetInputState(bool ready, long taps) {
        m_inputReady = ready;
        m_taps = taps;
    }
    // What read-aloud is saying now ("" when silent) and how many utterances have ended.
    void SetSpeech(std::string speaking, long spoken) {
        m_speaking = std::move(speaking);
        m_spoken = spoken;
    }
    // The screen reads right to left.
    void SetRtl(bool rtl) { m_rtl = rtl; }

    const std::string& Screen() const { return m_screen; }
    const std::vector<DumpElement>& Elements() const { return m_elements; }
    const DumpElement* Find(const std::string& id) const;

    // The JSON document for frame `frame`.
    std::string ToJson(long frame) const;
    // True when screen or elements differ from the last time this returned true.
    bool ChangedSinceLastCheck();
    // Writes FILE.tmp then renames it over FILE, so a reader never sees half a document.
    static Status WriteAtomically(const std::filesystem::path& file, const std::string& text);

private:
    std::string m_screen;
    std::vector<DumpElement> m_elements;
    std::vector<DumpText> m_texts;
    std::string m_lastContent;
    bool m_inputReady = true;
    long m_taps = 0;
    std::string m_speaking;
    long m_spoken = 0;
    bool m_rtl = false;
};

} // namespace ik
