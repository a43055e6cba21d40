#include "core/messages.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <toml++/toml.h>

#include "core/embedded_files.h"

namespace tremplin::core {
namespace {

void Flatten(const toml::table& table, const std::string& prefix,
             std::vector<std::pair<std::string, std::string>>& out) {
  for (const auto& [key, node] : table) {
    std::string name = prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
    if (const toml::table* sub = node.as_table()) {
      Flatten(*sub, name, out);
    } else if (const auto* text = node.as_string()) {
      out.emplace_back(name, text->get());
    }
  }
}

}  // namespace

std::string_view LangCode(Lang lang) { return lang == Lang::kEn ? "en" : "fr"; }

std::optional<Lang> ParseLang(std::string_view code) {
  if (code == "fr") return Lang::kFr;
  if (code == "en") return Lang::kEn;
  return std::nullopt;
}

Result<Messages> Messages::Parse(std::string_view text) {
  const std::string_view texts[] = {text};
  return Parse(texts);
}

Result<Messages> Messages::Parse(std::span<const std::string_view> texts) {
  Messages messages;
  for (std::string_view text : texts) {
    toml::table parsed;
    try {
      parsed = toml::parse(text);
    } catch (const toml::parse_error& e) {
      return MakeError(ErrorCode::kInternal, "messages_invalid")
          .With("reason", std::string(e.description()));
    }
    for (Lang lang : {Lang::kFr, Lang::kEn}) {
      const toml::table* table = parsed[LangCode(lang)].as_table();
      if (!table) {
        return MakeError(ErrorCode::kInternal, "messages_invalid")
            .With("reason", "missing table [" + std::string(LangCode(lang)) + "]");
      }
      Flatten(*table, "", messages.entries_[static_cast<int>(lang)]);
    }
  }
  for (auto& entries : messages.entries_) {
    std::sort(entries.begin(), entries.end());
    for (size_t i = 1; i < entries.size(); ++i)
      if (entries[i].first == entries[i - 1].first)
        return MakeError(ErrorCode::kInternal, "messages_invalid")
            .With("reason", "key " + entries[i].first + " is defined twice");
  }
  for (int l = 0; l < 2; ++l)
    for (const auto& [key, value] : messages.entries_[l]) messages.index_[l].emplace(key, value);
  return messages;
}

const Messages& Messages::Builtin() {
  // One file per part of the product (site.toml, accounts.toml…), merged; a key may be
  // defined in one file only.
  static constexpr std::string_view kFolder = "src/core/messages/";
  static const Messages messages = [] {
    std::vector<std::string_view> texts;
    for (const EmbeddedFile& file : EmbeddedFiles())
      if (file.path.starts_with(kFolder) && file.path.ends_with(".toml")) texts.push_back(file.data);
    Result<Messages> parsed = texts.empty()
        ? MakeError(ErrorCode::kInternal, "messages_invalid").With("reason", "not embedded")
        : Parse(texts);
    if (!parsed.ok()) {
      const std::string* reason = parsed.error().Arg("reason");
      std::fprintf(stderr, "message catalogue is broken: %s\n", reason ? reason->c_str() : "?");
      for (const EmbeddedFile& file : EmbeddedFiles())  // which file, when one alone is wrong
        if (file.path.starts_with(kFolder) && !Parse(file.data).ok())
          std::fprintf(stderr, "  in %.*s\n", static_cast<int>(file.path.size()), file.path.data());
      std::abort();
    }
    return std::move(parsed).value();
  }();
  return messages;
}

bool Messages::Has(Lang lang, std::string_view key) const {
  return index_[static_cast<int>(lang)].contains(std::string(key));
}

std::string_view Messages::Text(Lang lang, std::string_view key) const {
  const auto& index = index_[static_cast<int>(lang)];
  auto it = index.find(std::string(key));
  return it == index.end() ? key : it->second;
}

std::string Messages::Format(Lang lang, std::string_view key,
                             const std::vector<std::pair<std::string, std::string>>& args) const {
  std::string_view text = Text(lang, key);
  std::string out;
  out.reserve(text.size() + 32);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{') {
      size_t close = text.find('}', i);
      if (close != std::string_view::npos) {
        std::string_view name = text.substr(i + 1, close - i - 1);
        auto arg = std::find_if(args.begin(), args.end(),
                                [&](const auto& a) { return a.first == name; });
        if (arg != args.end()) {
          out += arg->second;
          i = close;
          continue;
        }
      }
    }
    out += text[i];
  }
  return out;
}

std::string Messages::ErrorText(Lang lang, const Error& error) const {
  std::string key = "error." + error.id;
  if (!Has(lang, key)) key = "error.generic";
  return Format(lang, key, error.args);
}

const std::vector<std::pair<std::string, std::string>>& Messages::All(Lang lang) const {
  return entries_[static_cast<int>(lang)];
}

}  // namespace tremplin::core
