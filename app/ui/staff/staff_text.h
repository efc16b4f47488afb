// The staff screens' words in Dutch and English ([staff] language). One catalogue
// (staff_text_catalogue.h) holds every text with its translation; code names a text by its English
// words, and the compiler checks that they are in the catalogue. Numbers and names go in through
// placeholders {0}, {1}, ..., so a translation puts them where its grammar wants them. Messages that
// the layers below write in English (the validator, config checks, the PIN rules, sync, exports)
// are translated by pattern when they reach a staff screen (StaffMessage); the command line and the
// log keep them in English.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/config.h"
#include "ui/staff/staff_text_catalogue.h"

namespace ik {

// The language staff text comes in. Set by whoever draws staff screens, from the setting, before
// each frame (StaffMode, the desk editor); read on the UI thread (atomic all the same).
void SetStaffLanguage(StaffLanguage language);
StaffLanguage CurrentStaffLanguage();

// An English staff text that is in the catalogue: StaffText("Results"). A text that is not there
// does not compile ("... is not a constant expression" at the throw below): add it to
// staff_text_catalogue.h with its Dutch.
class StaffTextKey {
public:
    consteval StaffTextKey(const char* english) : m_index(IndexOf(english)) {}
    std::size_t Index() const { return m_index; }
    std::string_view English() const { return kStaffTexts[m_index].en; }

private:
    static consteval std::size_t IndexOf(std::string_view english) {
        for (std::size_t i = 0; i < std::size(kStaffTexts); ++i)
            if (kStaffTexts[i].en == english) return i;
        throw "not in the staff text catalogue (app/ui/staff/staff_text_catalogue.h)";
    }
    std::size_t m_index;
};

// `pattern` with {0}, {1}, ... replaced by `args` (a placeholder without an argument stays).
std::string FormatStaffText(std::string_view pattern, const std::vector<std::string>& args);

// The text in the current language, or in `language`.
const char* StaffText(StaffTextKey key);
const char* StaffTextIn(StaffLanguage language, StaffTextKey key);

namespace staff_text_detail {
inline std::string Arg(std::string_view text) {
    return std::string(text);
}
template <typename T>
requires std::is_integral_v<T> std::string Arg(T n) {
    return std::to_string(n);
}
} // namespace staff_text_detail

// The text with its placeholders filled: StaffText("{0} (version {1})", id, 3). Whole numbers go
// in as digits; counts that may be large go through StaffThousands, fractions through StaffDecimal.
template <typename... Args> std::string StaffText(StaffTextKey key, const Args&... args) {
    return FormatStaffText(StaffText(key), {staff_text_detail::Arg(args)...});
}
template <typename... Args>
std::string StaffTextIn(StaffLanguage language, StaffTextKey key, const Args&... args) {
    return FormatStaffText(StaffTextIn(language, key), {staff_text_detail::Arg(args)...});
}

// A count with the word that goes with it: StaffCount(3, "{0} try", "{0} tries") is "3 tries" or
// "3 pogingen".
std::string StaffCount(std::int64_t n, StaffTextKey one, StaffTextKey many);

// A message from a layer below, in English ("must be between 10 and 3600"), in the current
// language: the catalogue's message patterns are tried, each placeholder standing for any text,
// which is itself translated when it is a message too ("expected a string, got number"). Lines
// are translated one by one. Without a matching pattern the message stays as it is.
std::string StaffMessage(std::string_view english);

// Numbers as staff write them: "1.234" and "7,5" in Dutch, "1,234" and "7.5" in English.
std::string StaffThousands(std::int64_t n);
std::string StaffDecimal(double value, int decimals, bool sign = false);

} // namespace ik
