// The texts of a course that its organisation (or GEN staff, or a machine client) may edit, and
// the rules each new value must follow — the same for the API and the back office.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/course.h"
#include "core/result.h"

namespace tremplin::core {

inline constexpr size_t kMaxTitleCharacters = 200;
inline constexpr size_t kMaxCourseTextCharacters = 20000;

using CourseText = std::string Course::*;

// The editable texts, by field name (the API's and the form's).
inline constexpr std::array<std::pair<std::string_view, CourseText>, 10> kCourseTexts = {{
    {"title", &Course::title},
    {"summary", &Course::summary},
    {"objectives", &Course::objectives},
    {"content", &Course::content},
    {"prerequisites", &Course::prerequisites},
    {"target_public", &Course::target_public},
    {"access_modalities", &Course::access_modalities},
    {"teaching_methods", &Course::teaching_methods},
    {"assessment_methods", &Course::assessment_methods},
    {"accessibility", &Course::accessibility},
}};

// The field `name`, or nullptr when it is not an editable text.
CourseText FindCourseText(std::string_view name);

// `value` as it is to be stored in field `name` (a title loses the spaces around it), or the
// reason it cannot be (field = name): "course_title_required", "text_control_character" (a
// control character other than tab and line breaks: PostgreSQL cannot even store NUL),
// "text_too_long" (arg max; characters, not bytes). `value` must be valid UTF-8.
Result<std::string> CheckCourseText(std::string_view name, std::string_view value);

// `value` as a one-line text field `name` is to be stored: without the spaces around it, or the
// reason it cannot be (field = name): "text_control_character" (any control character, line
// breaks included), "text_too_long" (args name, max; characters). Empty is allowed: whether a
// field is required is its form's rule. `value` must be valid UTF-8.
Result<std::string> CheckTextLine(std::string_view name, std::string_view value, size_t max);

}  // namespace tremplin::core
