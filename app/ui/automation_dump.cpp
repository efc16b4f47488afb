// See automation_dump.h.
#include "ui/automation_dump.h"

#include <nlohmann/json.hpp>

#include "core/atomic_file.h"

namespace ik {
namespace {

nlohmann::json ElementsJson(const std::vector<DumpElement>& elements) {
    nlohmann::json out = nlohmann::json::array();
    for (const DumpElement& e : elements) {
        out.push_back({{"id", e.id},
                       {"label", e.label},
                       {"role", e.role},
                       {"x", static_cast<int>(e.x + 0.5f)},
                       {"y", static_cast<int>(e.y + 0.5f)},
                       {"w", static_cast<int>(e.w + 0.5f)},
                       {"h", static_cast<int>(e.h + 0.5f)},
                       {"enabled", e.enabled},
                       {"selected", e.selected}});
    }
    return out;
}

} // namespace

void AutomationDump::BeginFrame(std::string screen) {
    m_screen = std::move(screen);
    m_elements.clear();
    m_texts.clear();
}

void AutomationDump::Add(DumpElement element) {
    m_elements.push_back(std::move(element));
}

const DumpElement* AutomationDump::Find(const std::string& id) const {
    for (const DumpElement& e : m_elements)
        if (e.id == id) return &e;
    return nullptr;
}

std::string AutomationDump::ToJson(long frame) const {
    nlohmann::json doc = {{"screen", m_screen}, {"frame", frame},     {"input_ready", m_inputReady},
                          {"taps", m_taps},     {"spoken", m_spoken}, {"elements", ElementsJson(m_elements)}};
    if (!m_speaking.empty()) doc["speaking"] = m_speaking;
    if (m_rtl) doc["rtl"] = true;
    return doc.dump(1);
}

bool AutomationDump::ChangedSinceLastCheck() {
    std::string content = m_screen + "\n" + (m_inputReady ? "ready " : "blocked ") + std::to_string(m_taps) +
                          " " + std::to_string(m_spoken) + (m_rtl ? " rtl\n" : "\n") + m_speaking + "\n" +
                          ElementsJson(m_elements).dump();
    if (content == m_lastContent) return false;
    m_lastContent = std::move(content);
    return true;
}

Status AutomationDump::WriteAtomically(const std::filesystem::path& file, const std::string& text) {
    return WriteFileAtomically(file, text + "\n", /*durable=*/false); // read by tests, never kept
}

} // namespace ik
