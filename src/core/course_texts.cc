#include "core/course_texts.h"

#include <algorithm>

#include "text/utf8.h"

namespace tremplin::core {
namespace {

bool HasControlCharacter(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && c != '\t' && c != '\n' && c != '\r') || u == 0x7f;
  });
}

std::string_view Trimmed(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

}  // namespace

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
  if (HasControlCharacter(text))
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
  bool control = std::any_of(text.begin(), text.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  });
  if (control) return MakeError(ErrorCode::kInvalidArgument, "text_control_character", field).With("name", field);
  if (text::CharacterCount(text) > max) {
    return MakeError(ErrorCode::kInvalidArgument, "text_too_long", field)
        .With("name", field)
        .With("max", std::to_string(max));
  }
  return text;
}

}  // namespace tremplin::core
