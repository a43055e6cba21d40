#include "text/fold.h"

#include <unicode/translit.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <memory>

namespace tremplin::text {
namespace {

bool IsAscii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

// ICU transliterators are not safe to share between threads: one per thread.
icu::Transliterator& FoldingTransliterator() {
  thread_local std::unique_ptr<icu::Transliterator> instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        "NFD; [:Nonspacing Mark:] Remove; NFC; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !t) std::abort();  // ICU data missing: the install is broken.
    return t;
  }();
  return *instance;
}

}  // namespace

std::string Fold(std::string_view utf8) {
  if (IsAscii(utf8)) {
    std::string out(utf8);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  FoldingTransliterator().transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string LowerCase(std::string_view utf8) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  u.toLower(icu::Locale::getFrench());
  std::string out;
  u.toUTF8String(out);
  return out;
}

}  // namespace tremplin::text
