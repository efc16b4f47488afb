// The bundled sample questionnaire ("digital skills confidence"), compiled into the program.
#pragma once

#include <string_view>

namespace ik {

std::string_view EmbeddedSampleQuestionnaire();

} // namespace ik
