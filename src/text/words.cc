#include "text/words.h"

#include <array>

namespace tremplin::text {
namespace {

bool IsWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

bool IsElision(std::string_view word) {
  static constexpr std::array<std::string_view, 13> kElided = {
      "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"};
  for (std::string_view e : kElided)
    if (word == e) return true;
  return false;
}

}  // namespace

std::vector<std::string_view> Words(std::string_view folded) {
  std::vector<std::string_view> words;
  size_t i = 0, n = folded.size();
  while (i < n) {
    while (i < n && !IsWordByte(static_cast<unsigned char>(folded[i]))) ++i;
    size_t start = i;
    while (i < n && IsWordByte(static_cast<unsigned char>(folded[i]))) ++i;
    if (i == start) break;
    std::string_view word = folded.substr(start, i - start);
    if (i < n && folded[i] == '\'' && IsElision(word)) continue;
    words.push_back(word);
  }
  return words;
}

}  // namespace tremplin::text
