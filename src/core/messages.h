// The one message catalogue: every sentence a user reads, in French and English, keyed by a
// stable id ("search.title", "error.place_not_found"). Data in src/core/messages/*.toml, compiled in.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/result.h"

namespace tremplin::core {

enum class Lang { kFr, kEn };

std::string_view LangCode(Lang lang);                  // "fr", "en"
std::optional<Lang> ParseLang(std::string_view code);  // "fr"/"en" → Lang

class Messages {
 public:
  // Parses a catalogue in the messages.toml format: tables [fr] and [en] of dotted keys.
  // Fails with "messages_invalid" when the text is not valid TOML or a language is missing.
  static Result<Messages> Parse(std::string_view toml);
  // Several such files merged; a key defined in two of them fails with "messages_invalid".
  static Result<Messages> Parse(std::span<const std::string_view> tomls);
  // The compiled-in catalogue (src/core/messages/*.toml). Aborts if it is broken: a build defect.
  static const Messages& Builtin();

  // The text of `key` in `lang`; the key itself when missing (visible, never a crash).
  std::string_view Text(Lang lang, std::string_view key) const;
  bool Has(Lang lang, std::string_view key) const;
  // Text with "{name}" placeholders replaced by `args`.
  std::string Format(Lang lang, std::string_view key,
                     const std::vector<std::pair<std::string, std::string>>& args) const;
  // The sentence for an error: "error.<id>" formatted with the error's args.
  std::string ErrorText(Lang lang, const Error& error) const;

  // All (key, text) pairs of a language, sorted by key.
  const std::vector<std::pair<std::string, std::string>>& All(Lang lang) const;

 private:
  std::vector<std::pair<std::string, std::string>> entries_[2];
  std::unordered_map<std::string, std::string_view> index_[2];
};

}  // namespace tremplin::core
