#include "text/words.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>

namespace tremplin::text {
namespace {

// Length in bytes of the word character at `text[i]` (a letter or digit, in any script), or 0
// when it is not one: spaces, punctuation and symbols such as the inclusive-writing dot
// ("développeur·se") separate words.
inline size_t WordCharLength(std::string_view text, size_t i) {
  unsigned char c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
  // French accented letters (U+00C0–U+017F) are most of the rest: letters but × and ÷.
  if (i + 1 < text.size() && (c == 0xC3 || c == 0xC4 || c == 0xC5)) {
    unsigned char next = static_cast<unsigned char>(text[i + 1]);
    if ((next & 0xC0) == 0x80 && !(c == 0xC3 && (next == 0x97 || next == 0xB7))) return 2;
  }
  int32_t pos = static_cast<int32_t>(i);
  UChar32 cp;
  U8_NEXT(text.data(), pos, static_cast<int32_t>(text.size()), cp);
  if (cp < 0 || !u_isalnum(cp)) return 0;
  return static_cast<size_t>(pos) - i;
}

// Length of the non-word character at `text[i]` (at least one byte).
size_t OtherCharLength(std::string_view text, size_t i) {
  int32_t pos = static_cast<int32_t>(i);
  UChar32 cp;
  U8_NEXT(text.data(), pos, static_cast<int32_t>(text.size()), cp);
  return std::max<size_t>(1, static_cast<size_t>(pos) - i);
}

// Compared without case, since the text may not be folded yet ("L’informatique").
bool IsElision(std::string_view word) {
  static constexpr std::array<std::string_view, 13> kElided = {
      "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"};
  for (std::string_view e : kElided) {
    if (word.size() != e.size()) continue;
    bool same = true;
    for (size_t i = 0; i < e.size() && same; ++i)
      same = (word[i] | 0x20) == e[i];  // ASCII letters only: lower-case by setting bit 5
    if (same) return true;
  }
  return false;
}

// An apostrophe, ASCII or typographic (U+2019), at text[i].
bool IsApostrophe(std::string_view text, size_t i) {
  return text[i] == '\'' || text.substr(i, 3) == "\u2019";
}

}  // namespace

std::vector<std::string_view> Words(std::string_view text) {
  std::vector<std::string_view> words;
  AppendWords(text, words);
  return words;
}

// ASCII letters and digits; the other ASCII characters separate words.
constexpr std::array<bool, 128> kAsciiWord = [] {
  std::array<bool, 128> t{};
  for (int c = 0; c < 128; ++c)
    t[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  return t;
}();

void AppendWords(std::string_view text, std::vector<std::string_view>& words) {
  size_t i = 0, n = text.size();
  const unsigned char* p = reinterpret_cast<const unsigned char*>(text.data());
  while (i < n) {
    while (i < n) {  // skip separators; ASCII ones without decoding
      if (p[i] < 0x80) {
        if (kAsciiWord[p[i]]) break;
        ++i;
      } else if (WordCharLength(text, i) == 0) {
        i += OtherCharLength(text, i);
      } else {
        break;
      }
    }
    size_t start = i;
    while (i < n) {  // the word; ASCII letters without decoding
      if (p[i] < 0x80) {
        if (!kAsciiWord[p[i]]) break;
        ++i;
      } else if (size_t len = WordCharLength(text, i); len > 0) {
        i += len;
      } else {
        break;
      }
    }
    if (i == start) break;
    std::string_view word = text.substr(start, i - start);
    if (i < n && IsApostrophe(text, i) && IsElision(word)) continue;
    words.push_back(word);
  }
}

}  // namespace tremplin::text
