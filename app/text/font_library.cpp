// See font_library.h.
#include "text/font_library.h"

#include <hb-ot.h>
#include <hb.h>

namespace ik::text {
namespace {

constexpr const char* kFamilyFiles[] = {"NotoSans", "NotoSansArabic", "NotoSansEthiopic", "NotoSansHebrew"};

std::unique_ptr<FontFace> Load(const std::filesystem::path& file, Weight weight) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) return nullptr;
    hb_blob_t* blob = hb_blob_create_from_file_or_fail(file.c_str()); // mapped, not copied
    if (!blob) return nullptr;
    hb_face_t* face = hb_face_create(blob, 0);
    hb_blob_destroy(blob);
    auto out = std::make_unique<FontFace>();
    out->file = file;
    out->weight = weight;
    out->unitsPerEm = hb_face_get_upem(face);
    out->font = hb_font_create(face); // OpenType functions, scale = upem: glyph positions in font units
    hb_face_destroy(face);
    hb_font_extents_t extents{};
    hb_font_get_h_extents(out->font, &extents);
    const float upem = static_cast<float>(out->unitsPerEm);
    out->ascender = static_cast<float>(extents.ascender) / upem;
    out->descender = static_cast<float>(extents.descender) / upem;
    return out;
}

} // namespace

bool FontFace::HasCodepoint(char32_t cp) const {
    hb_codepoint_t glyph = 0;
    return hb_font_get_nominal_glyph(font, cp, &glyph) != 0;
}

std::string FaceFileName(Family family, Weight weight) {
    return std::string(kFamilyFiles[static_cast<size_t>(family)]) +
           (weight == Weight::Bold ? "-Bold.ttf" : "-Regular.ttf");
}

Result<std::unique_ptr<FontLibrary>> FontLibrary::Open(const std::filesystem::path& dir) {
    std::unique_ptr<FontLibrary> library(new FontLibrary(dir));
    for (Weight weight : {Weight::Regular, Weight::Bold})
        if (!library->Face(Family::Sans, weight))
            return Error{"font not found: " + (dir / FaceFileName(Family::Sans, weight)).string() +
                         " (install fonts-noto-core or set IMPACTKIOSK_FONT_DIR)"};
    return library;
}

FontLibrary::~FontLibrary() {
    for (auto& family : m_faces)
        for (auto& face : family)
            if (face) hb_font_destroy(face->font);
}

const FontFace* FontLibrary::Face(Family family, Weight weight) {
    std::lock_guard lock(m_mutex);
    const auto f = static_cast<size_t>(family), w = static_cast<size_t>(weight);
    if (!m_tried[f][w]) {
        m_tried[f][w] = true;
        m_faces[f][w] = Load(m_dir / FaceFileName(family, weight), weight);
    }
    return m_faces[f][w].get();
}

const FontFace& FontLibrary::Main(Weight weight) {
    return *Face(Family::Sans, weight); // Open() made sure it exists
}

const FontFace* FontLibrary::FaceFor(std::uint32_t script, Weight weight, char32_t cp) {
    Family preferred = Family::Sans;
    switch (static_cast<hb_script_t>(script)) {
    case HB_SCRIPT_ARABIC:
        preferred = Family::Arabic;
        break;
    case HB_SCRIPT_ETHIOPIC:
        preferred = Family::Ethiopic;
        break;
    case HB_SCRIPT_HEBREW:
        preferred = Family::Hebrew;
        break;
    default:
        break;
    }
    if (const FontFace* face = Face(preferred, weight); face && face->HasCodepoint(cp)) return face;
    for (size_t f = 0; f < static_cast<size_t>(Family::Count_); ++f)
        if (const FontFace* face = Face(static_cast<Family>(f), weight); face && face->HasCodepoint(cp))
            return face;
    return &Main(weight); // draws the font's "missing glyph" box: visible, never a crash
}

} // namespace ik::text
