// The fonts text is set in: Noto Sans for Latin, Cyrillic and Greek, Noto Sans Arabic for Arabic and
// Farsi, Noto Sans Ethiopic for Tigrinya and Amharic, Noto Sans Hebrew, each regular and bold. A face
// is opened (mapped, not read) only when a text first needs it, so a Latin-only kiosk never loads
// the others. Used by the layout (HarfBuzz) and by the glyph rasteriser (FreeType). No ImGui.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/result.h"

struct hb_font_t;

namespace ik::text {

enum class Weight { Regular, Bold };

// One font file, ready to shape with. Metrics are in em (font units / units per em).
struct FontFace {
    std::filesystem::path file;
    Weight weight = Weight::Regular;
    hb_font_t* font = nullptr; // HarfBuzz, at scale = units per em (as hb-shape measures)
    unsigned unitsPerEm = 1000;
    float ascender = 0;  // above the baseline, em
    float descender = 0; // below it, em (negative)
    bool HasCodepoint(char32_t cp) const;
};

// The faces by family; which one a script uses.
enum class Family { Sans, Arabic, Ethiopic, Hebrew, Count_ };

class FontLibrary {
public:
    // `dir`: where the Noto fonts are (see FontDirectory in ui/fonts.h). Fails when the main face
    // (NotoSans-Regular.ttf) is missing; the other families are optional until a text needs them.
    static Result<std::unique_ptr<FontLibrary>> Open(const std::filesystem::path& dir);
    ~FontLibrary();
    FontLibrary(const FontLibrary&) = delete;
    FontLibrary& operator=(const FontLibrary&) = delete;

    // The face of `family` and `weight`, opened on first use; null when its file is missing.
    const FontFace* Face(Family family, Weight weight);
    // The face for a run of text in this script (an hb_script_t), with `cp` as its first character:
    // the script's family when it has the character, else any family that has it, else Sans.
    const FontFace* FaceFor(std::uint32_t script, Weight weight, char32_t cp);
    // Line metrics of the main face (Sans): the reference for pixel sizes (see TextLayout).
    const FontFace& Main(Weight weight);
    const std::filesystem::path& Directory() const { return m_dir; }

private:
    explicit FontLibrary(std::filesystem::path dir) : m_dir(std::move(dir)) {}
    std::filesystem::path m_dir;
    std::mutex m_mutex; // faces open lazily; layout may run on a worker (the PDF report, benchmarks)
    std::array<std::array<std::unique_ptr<FontFace>, 2>, static_cast<size_t>(Family::Count_)> m_faces;
    std::array<std::array<bool, 2>, static_cast<size_t>(Family::Count_)> m_tried{};
};

// The file name of a family's face, e.g. "NotoSansArabic-Bold.ttf".
std::string FaceFileName(Family family, Weight weight);

} // namespace ik::text
