// Tests of the message catalogue: both languages complete and alike, formatting, errors, and
// that every error id the code creates has a message a person can read.
#include "core/messages.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace tremplin::core {
namespace {

// The "{name}" placeholders of a message.
std::set<std::string> Placeholders(std::string_view text) {
  std::set<std::string> out;
  for (size_t open = text.find('{'); open != std::string_view::npos;
       open = text.find('{', open + 1)) {
    size_t close = text.find('}', open);
    if (close == std::string_view::npos) break;
    out.emplace(text.substr(open + 1, close - open - 1));
  }
  return out;
}

std::set<std::string> Keys(const Messages& m, Lang lang) {
  std::set<std::string> keys;
  for (const auto& [key, text] : m.All(lang)) keys.insert(key);
  return keys;
}

TEST(Messages, BuiltinCatalogueParses) {
  const Messages& m = Messages::Builtin();
  EXPECT_GT(m.All(Lang::kFr).size(), 100u);
  EXPECT_EQ(m.Text(Lang::kFr, "money.free"), "Gratuit");
  EXPECT_EQ(m.Text(Lang::kEn, "money.free"), "Free");
  EXPECT_TRUE(m.Has(Lang::kFr, "error.generic"));
}

TEST(Messages, BothLanguagesHaveTheSameKeys) {
  const Messages& m = Messages::Builtin();
  std::set<std::string> fr = Keys(m, Lang::kFr), en = Keys(m, Lang::kEn);
  for (const std::string& key : fr) EXPECT_TRUE(en.contains(key)) << key << " lacks English";
  for (const std::string& key : en) EXPECT_TRUE(fr.contains(key)) << key << " lacks French";
}

TEST(Messages, BothLanguagesHaveTheSamePlaceholders) {
  const Messages& m = Messages::Builtin();
  for (const auto& [key, fr] : m.All(Lang::kFr)) {
    if (!m.Has(Lang::kEn, key)) continue;  // reported by the test above
    EXPECT_EQ(Placeholders(fr), Placeholders(m.Text(Lang::kEn, key))) << key;
  }
}

TEST(Messages, AllIsSortedByKey) {
  const auto& all = Messages::Builtin().All(Lang::kEn);
  EXPECT_TRUE(std::is_sorted(all.begin(), all.end(),
                             [](const auto& a, const auto& b) { return a.first < b.first; }));
}

TEST(Messages, MissingKeyShowsTheKey) {
  const Messages& m = Messages::Builtin();
  EXPECT_EQ(m.Text(Lang::kFr, "no.such.key"), "no.such.key");
  EXPECT_FALSE(m.Has(Lang::kFr, "no.such.key"));
  EXPECT_EQ(m.Format(Lang::kEn, "no.such.key", {{"n", "1"}}), "no.such.key");
}

TEST(Messages, ParseFlattensTablesIntoDottedKeys) {
  Result<Messages> m = Messages::Parse(
      "[fr]\na.b = \"un\"\n[fr.c]\nd = \"deux\"\n[en]\na.b = \"one\"\nc.d = \"two\"\n");
  ASSERT_TRUE(m.ok()) << ToLogString(m.error());
  EXPECT_EQ(m->Text(Lang::kFr, "a.b"), "un");
  EXPECT_EQ(m->Text(Lang::kFr, "c.d"), "deux");
  EXPECT_EQ(m->Text(Lang::kEn, "c.d"), "two");
}

TEST(Messages, FormatFillsPlaceholdersAndLeavesUnknownOnes) {
  Result<Messages> m = Messages::Parse(
      "[fr]\nt = \"{n} sur {total}, {n} encore, {inconnu} et {ouvert\"\n[en]\nt = \"x\"\n");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->Format(Lang::kFr, "t", {{"n", "3"}, {"total", "10"}}),
            "3 sur 10, 3 encore, {inconnu} et {ouvert");
  EXPECT_EQ(m->Format(Lang::kFr, "t", {}), "{n} sur {total}, {n} encore, {inconnu} et {ouvert");
  // A value is inserted as is, never formatted again.
  EXPECT_EQ(m->Format(Lang::kFr, "t", {{"n", "{total}"}, {"total", "10"}}),
            "{total} sur 10, {total} encore, {inconnu} et {ouvert");
}

TEST(Messages, FormatOfTheBuiltinCatalogue) {
  EXPECT_EQ(Messages::Builtin().Format(Lang::kFr, "duration.weeks", {{"n", "3"}}), "3 semaines");
}

TEST(Messages, ErrorTextFillsTheErrorArgs) {
  Error e = MakeError(ErrorCode::kInvalidArgument, "place_not_found_suggest", "where");
  e.With("query", "Lile").With("suggestion", "Lille");
  EXPECT_EQ(Messages::Builtin().ErrorText(Lang::kFr, e),
            "Nous ne connaissons pas la commune « Lile ». Vouliez-vous dire Lille ?");
  EXPECT_EQ(Messages::Builtin().ErrorText(Lang::kEn, e),
            "We do not know the town “Lile”. Did you mean Lille?");
}

TEST(Messages, ErrorTextFallsBackToTheGenericMessage) {
  const Messages& m = Messages::Builtin();
  Error e = MakeError(ErrorCode::kInvalidArgument, "no_such_error_id");
  EXPECT_EQ(m.ErrorText(Lang::kFr, e), m.Text(Lang::kFr, "error.generic"));
  EXPECT_EQ(m.ErrorText(Lang::kEn, e), m.Text(Lang::kEn, "error.generic"));
  EXPECT_NE(m.Text(Lang::kFr, "error.generic"), "error.generic");
}

TEST(Messages, ParseRejectsBadToml) {
  Result<Messages> m = Messages::Parse("[fr\nx = \"y\"\n");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().id, "messages_invalid");
  ASSERT_NE(m.error().Arg("reason"), nullptr);
  EXPECT_FALSE(m.error().Arg("reason")->empty());
  EXPECT_EQ(Messages::Parse("[fr]\nx = \"unclosed\n[en]\n").error().id, "messages_invalid");
}

TEST(Messages, ParseRejectsAMissingLanguage) {
  Result<Messages> m = Messages::Parse("[fr]\nx = \"y\"\n");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().id, "messages_invalid");
  ASSERT_NE(m.error().Arg("reason"), nullptr);
  EXPECT_THAT(*m.error().Arg("reason"), ::testing::HasSubstr("[en]"));
  EXPECT_FALSE(Messages::Parse("[en]\nx = \"y\"\n").ok());
  EXPECT_FALSE(Messages::Parse("fr = \"not a table\"\n[en]\nx = \"y\"\n").ok());
}

TEST(Messages, SeveralFilesAreMergedAndAKeyMayBeDefinedOnce) {
  const std::string_view two[] = {"[fr]\na = \"A\"\n[en]\na = \"A en\"\n",
                                  "[fr]\nb = \"B\"\n[en]\nb = \"B en\"\n"};
  Result<Messages> merged = Messages::Parse(two);
  ASSERT_TRUE(merged.ok());
  EXPECT_EQ(merged->Text(Lang::kFr, "a"), "A");
  EXPECT_EQ(merged->Text(Lang::kEn, "b"), "B en");

  const std::string_view clash[] = {"[fr]\na = \"A\"\n[en]\na = \"A en\"\n",
                                    "[fr]\na = \"other\"\n[en]\nc = \"C\"\n"};
  Result<Messages> refused = Messages::Parse(clash);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().id, "messages_invalid");
  EXPECT_THAT(*refused.error().Arg("reason"), ::testing::HasSubstr("key a is defined twice"));
}

TEST(Lang, CodesRoundTrip) {
  EXPECT_EQ(LangCode(Lang::kFr), "fr");
  EXPECT_EQ(LangCode(Lang::kEn), "en");
  EXPECT_EQ(ParseLang("fr"), Lang::kFr);
  EXPECT_EQ(ParseLang("en"), Lang::kEn);
  EXPECT_FALSE(ParseLang("de").has_value());
  EXPECT_FALSE(ParseLang("FR").has_value());
  EXPECT_FALSE(ParseLang("").has_value());
}

// ---- Every error id created in the code has a message -----------------------------------------

struct ErrorSite {
  std::string id;
  std::string where;  // "src/core/place.cc:123"
};

size_t SkipSpaces(std::string_view s, size_t i) {
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}

bool Consume(std::string_view s, size_t& i, std::string_view token) {
  if (s.substr(i, token.size()) != token) return false;
  i += token.size();
  return true;
}

// The ids in `MakeError(ErrorCode::k…, "id"` and `error(ErrorCode::k…, "id"` calls (the
// namespace prefix `core::` allowed before either name).
std::vector<ErrorSite> ErrorIdsIn(std::string_view code, const std::string& file) {
  std::vector<ErrorSite> out;
  for (std::string_view callee : {"MakeError(", "error("}) {
    for (size_t at = code.find(callee); at != std::string_view::npos;
         at = code.find(callee, at + 1)) {
      if (at > 0 && (std::isalnum(static_cast<unsigned char>(code[at - 1])) || code[at - 1] == '_'))
        continue;  // part of a longer name
      size_t i = SkipSpaces(code, at + callee.size());
      Consume(code, i, "core::");
      if (!Consume(code, i, "ErrorCode::")) continue;
      while (i < code.size() &&
             (std::isalnum(static_cast<unsigned char>(code[i])) || code[i] == '_'))
        ++i;
      i = SkipSpaces(code, i);
      if (!Consume(code, i, ",")) continue;
      i = SkipSpaces(code, i);
      if (!Consume(code, i, "\"")) continue;  // an id computed at run time
      size_t end = code.find('"', i);
      if (end == std::string_view::npos) continue;
      int line = 1 + static_cast<int>(std::count(code.begin(), code.begin() + at, '\n'));
      out.push_back({std::string(code.substr(i, end - i)), file + ":" + std::to_string(line)});
    }
  }
  return out;
}

TEST(ErrorIdsInCode, ScannerFindsBothCallForms) {
  std::vector<ErrorSite> found = ErrorIdsIn(
      "return core::MakeError(core::ErrorCode::kNotFound, \"a_b\");\n"
      "error(ErrorCode::kInvalidArgument,\n    \"c\", name);\n"
      "MakeError(code, id); my_error(ErrorCode::kInternal, \"no\"); x.error();\n",
      "f.cc");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].id, "a_b");
  EXPECT_EQ(found[0].where, "f.cc:1");
  EXPECT_EQ(found[1].id, "c");
  EXPECT_EQ(found[1].where, "f.cc:2");
}

TEST(ErrorIdsInCode, EveryErrorIdHasAMessageInBothLanguages) {
  namespace fs = std::filesystem;
  const char* root = std::getenv("TREMPLIN_SOURCE_DIR");
  if (!root || !*root)
    GTEST_SKIP() << "TREMPLIN_SOURCE_DIR is not set: cannot scan the sources for error ids";
  fs::path src = fs::path(root) / "src";
  if (!fs::is_directory(src)) GTEST_SKIP() << src << " is not a directory";

  std::vector<ErrorSite> sites;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(src)) {
    std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || !name.ends_with(".cc") || name.ends_with("_test.cc")) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    std::string relative = fs::relative(entry.path(), root).string();
    for (ErrorSite& site : ErrorIdsIn(content.str(), relative)) sites.push_back(std::move(site));
  }
  ASSERT_FALSE(sites.empty()) << "no error id found under " << src << ": is the scanner broken?";

  const Messages& m = Messages::Builtin();
  std::map<std::string, std::vector<std::string>> missing;  // id → where it is created
  for (const ErrorSite& site : sites) {
    std::string key = "error." + site.id;
    if (!m.Has(Lang::kFr, key) || !m.Has(Lang::kEn, key)) missing[site.id].push_back(site.where);
  }
  for (const auto& [id, where] : missing) {
    std::string places;
    for (const std::string& w : where) places += (places.empty() ? "" : ", ") + w;
    ADD_FAILURE() << "error id \"" << id << "\" has no error." << id
                  << " message in both languages (created at " << places << ")";
  }
}

}  // namespace
}  // namespace tremplin::core
