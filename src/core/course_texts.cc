#include "core/course_texts.h"

#include "core/text_rules.h"
#include "text/utf8.h"

namespace tremplin::core {

CourseText FindCourseText(std::string_view name) {
  for (const auto& [field, member] : kCourseTexts)
    if (field == name) return member;
  return nullptr;
}

Result<std::string> CheckCourseText(std::string_view name, std::string_view value) {
  const std::string field(name);
  const bool title = name == "title";
  std::string text(title ? Trimmed(value) : value);  // a title is one line
  const size_t max = title ? kMaxTitleCharacters : kMaxCourseTextCharacters;
  if (title && text.empty()) return MakeError(ErrorCode::kInvalidArgument, "course_title_required", field);
  if (HasControlCharacter(text, Lines::kMany))
    return MakeError(ErrorCode::kInvalidArgument, "text_control_character", field).With("name", field);
  if (text::CharacterCount(text) > max) {
    return MakeError(ErrorCode::kInvalidArgument, "text_too_long", field)
        .With("name", field)
        .With("max", std::to_string(max));
  }
  return text;
}

Result<std::string> CheckTextLine(std::string_view name, std::string_view value, size_t max) {
  const std::string field(name);
  std::string text(Trimmed(value));
  if (HasControlCharacter(text)) return MakeError(ErrorCode::kInvalidArgument, "text_control_character", field).With("name", field);
  if (text::CharacterCount(text) > max) {
    return MakeError(ErrorCode::kInvalidArgument, "text_too_long", field)
        .With("name", field)
        .With("max", std::to_string(max));
  }
  return text;
}

}  // namespace tremplin::core
