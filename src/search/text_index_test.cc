// Tests of the inverted index: how a query word meets a document word, field weights, every
// term required, and the last word matched as a prefix.
#include "search/text_index.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

namespace tremplin::search {
namespace {

Document WithTitle(std::string title) {
  Document d;
  d.title = std::move(title);
  return d;
}

// DocId → score of the documents matching `query`.
std::map<DocId, double> Scores(const TextIndex& index, std::string_view query) {
  std::map<DocId, double> out;
  for (const TextMatch& m : index.Match(text::Analyze(query))) out[m.doc] = m.score;
  return out;
}

TEST(FieldWeight, ProfessionsAboveTitleAboveOrganisationAboveBody) {
  EXPECT_GT(FieldWeight(kFieldProfessions), FieldWeight(kFieldTitle));
  EXPECT_GT(FieldWeight(kFieldTitle), FieldWeight(kFieldOrganisation));
  EXPECT_GT(FieldWeight(kFieldOrganisation), FieldWeight(kFieldBody));
  EXPECT_GT(FieldWeight(kFieldBody), 0);
  EXPECT_EQ(FieldWeight(0), 0);
  // Several fields: the best one counts.
  EXPECT_EQ(FieldWeight(kFieldTitle | kFieldBody), FieldWeight(kFieldTitle));
  EXPECT_EQ(FieldWeight(kFieldBody | kFieldProfessions), FieldWeight(kFieldProfessions));
}

TEST(TextIndex, ExactWordBeatsStemBeatsPrefix) {
  // "formation" and "formations" share the stem "format"; "formationnel" only starts alike.
  ASSERT_EQ(text::Analyze("formations")[0].stem, text::Analyze("formation")[0].stem);
  ASSERT_NE(text::Analyze("formationnel")[0].stem, text::Analyze("formation")[0].stem);
  TextIndex index({WithTitle("formation"), WithTitle("formations"), WithTitle("formationnel"),
                   WithTitle("information")});
  std::map<DocId, double> s = Scores(index, "formation");
  ASSERT_EQ(s.size(), 3u);
  EXPECT_GT(s[0], s[1]);
  EXPECT_GT(s[1], s[2]);
  EXPECT_GT(s[2], 0);
  EXPECT_DOUBLE_EQ(s[0], FieldWeight(kFieldTitle));
}

TEST(TextIndex, FieldWeightsOrderTheMatches) {
  Document professions, title, organisation, body;
  professions.professions = "java";
  title.title = "java";
  organisation.organisation = "java";
  body.body = "java";
  TextIndex index({body, organisation, title, professions});
  std::map<DocId, double> s = Scores(index, "java");
  ASSERT_EQ(s.size(), 4u);
  EXPECT_DOUBLE_EQ(s[3], FieldWeight(kFieldProfessions));
  EXPECT_DOUBLE_EQ(s[2], FieldWeight(kFieldTitle));
  EXPECT_DOUBLE_EQ(s[1], FieldWeight(kFieldOrganisation));
  EXPECT_DOUBLE_EQ(s[0], FieldWeight(kFieldBody));
}

TEST(TextIndex, AWordInSeveralFieldsCountsItsBestField) {
  Document d;
  d.title = "java";
  d.body = "java java";
  TextIndex index({d});
  EXPECT_DOUBLE_EQ(Scores(index, "java")[0], FieldWeight(kFieldTitle));
}

TEST(TextIndex, EveryTermIsRequiredAndScoresAdd) {
  TextIndex index({WithTitle("java python"), WithTitle("java"), WithTitle("python")});
  std::map<DocId, double> s = Scores(index, "python java");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_DOUBLE_EQ(s[0], 2 * FieldWeight(kFieldTitle));
  EXPECT_TRUE(Scores(index, "java cobol").empty());
}

TEST(TextIndex, OnlyTheLastWordMatchesAsAPrefix) {
  TextIndex index({WithTitle("developpeur webmaster")});
  EXPECT_EQ(Scores(index, "developpeur web").size(), 1u);
  EXPECT_EQ(Scores(index, "develop").size(), 1u);
  EXPECT_TRUE(Scores(index, "web developpeur").empty());
  EXPECT_TRUE(Scores(index, "develop webmaster").empty());
}

TEST(TextIndex, AccentsCaseAndPluralsMeet) {
  TextIndex index({WithTitle("Développeur Web"), WithTitle("Réseaux")});
  EXPECT_EQ(Scores(index, "DEVELOPPEUR").size(), 1u);
  EXPECT_EQ(Scores(index, "développeurs web").size(), 1u);
  std::map<DocId, double> s = Scores(index, "reseau");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s.begin()->first, 1u);
}

TEST(TextIndex, MatchesAreSortedByDocument) {
  std::vector<Document> docs;
  for (int i = 0; i < 50; ++i) docs.push_back(WithTitle(i % 3 ? "java" : "python"));
  TextIndex index(docs);
  std::vector<TextMatch> matches = index.Match(text::Analyze("java"));
  ASSERT_EQ(matches.size(), 33u);
  for (size_t i = 1; i < matches.size(); ++i) EXPECT_LT(matches[i - 1].doc, matches[i].doc);
}

TEST(TextIndex, NoTermsNoMatch) {
  TextIndex index({WithTitle("java")});
  EXPECT_TRUE(index.Match({}).empty());
  EXPECT_TRUE(TextIndex({}).Match(text::Analyze("java")).empty());
}

}  // namespace
}  // namespace tremplin::search
