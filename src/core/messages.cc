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
  toml::table parsed;
  try {
    parsed = toml::parse(text);
  } catch (const toml::parse_error& e) {
    return MakeError(ErrorCode::kInternal, "messages_invalid")
        .With("reason", std::string(e.description()));
  }
  Messages messages;
  for (Lang lang : {Lang::kFr, Lang::kEn}) {
    const toml::table* table = parsed[LangCode(lang)].as_table();
    if (!table) {
      return MakeError(ErrorCode::kInternal, "messages_invalid")
          .With("reason", "missing table [" + std::string(LangCode(lang)) + "]");
    }
    auto& entries = messages.entries_[static_cast<int>(lang)];
    Flatten(*table, "", entries);
    std::sort(entries.begin(), entries.end());
  }
  for (int l = 0; l < 2; ++l)
    for (const auto& [key, value] : messages.entries_[l]) messages.index_[l].emplace(key, value);
  return messages;
}

const Messages& Messages::Builtin() {
  static const Messages messages = [] {
    auto file = FindEmbeddedFile("src/core/messages.toml");
    Result<Messages> parsed = file ? Parse(*file) : MakeError(ErrorCode::kInternal, "messages_invalid").With("reason", "not embedded");
    if (!parsed.ok()) {
      const std::string* reason = parsed.error().Arg("reason");
      std::fprintf(stderr, "message catalogue is broken: %s\n", reason ? reason->c_str() : "?");
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
