#include "core/text_rules.h"

#include <algorithm>
#include <charconv>

namespace tremplin::core {

std::string_view Trimmed(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

bool HasControlCharacter(std::string_view text, Lines lines) {
  return std::any_of(text.begin(), text.end(), [lines](char c) {
    if (lines == Lines::kMany && (c == '\t' || c == '\n' || c == '\r')) return false;
    auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  });
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool AllDigits(std::string_view text) { return std::all_of(text.begin(), text.end(), IsDigit); }

std::optional<int> ParseDigits(std::string_view text, size_t max_digits) {
  if (text.empty() || text.size() > std::min<size_t>(max_digits, 9) || !AllDigits(text)) return std::nullopt;
  int value = 0;
  for (char c : text) value = value * 10 + (c - '0');
  return value;
}

std::optional<int64_t> ParsePositiveId(std::string_view text) {
  if (text.empty() || !AllDigits(text)) return std::nullopt;  // from_chars would take "-3"
  int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

bool PlausibleEmail(std::string_view email) {
  size_t at = email.find('@');
  if (email.size() > kMaxEmailBytes || at == std::string_view::npos ||
      email.find('@', at + 1) != std::string_view::npos)
    return false;
  std::string_view local = email.substr(0, at), domain = email.substr(at + 1);
  auto dotted_well = [](std::string_view part) {
    return !part.empty() && part.front() != '.' && part.back() != '.' &&
           part.find("..") == std::string_view::npos;
  };
  if (!dotted_well(local) || local.size() > 64 || !dotted_well(domain) ||
      domain.find('.') == std::string_view::npos)
    return false;
  auto alphanumeric = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c);
  };
  bool local_ok = std::all_of(local.begin(), local.end(), [&](char c) {
    return alphanumeric(c) ||
           std::string_view("!#$%&'*+-/=?^_`{|}~.").find(c) != std::string_view::npos;
  });
  bool domain_ok = std::all_of(domain.begin(), domain.end(),
                               [&](char c) { return alphanumeric(c) || c == '-' || c == '.'; });
  return local_ok && domain_ok && domain.front() != '-' && domain.back() != '-';
}

}  // namespace tremplin::core
