#include "peers/sphinx_peer.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include "peers/peer_semantics.h"
#include "peers/peers.h"
#include "search/engine.h"

namespace tremplin::bench {
namespace {

search::Document TextDocument(int64_t course_id, std::string professions, std::string title,
                              std::string body) {
  search::Document d;
  d.course_id = course_id;
  d.commune_code = "75001";
  d.department_code = "75";
  d.region_code = "11";
  d.point = core::GeoPoint{48.86, 2.34};
  d.family_id = "dev";
  d.profession_ids = {"dev.web"};
  d.duration_weeks = 30;
  d.professions = std::move(professions);
  d.title = std::move(title);
  d.organisation = "Organisme de formation";
  d.body = std::move(body);
  return d;
}

// Loads `documents`, or skips the test when sphinxsearch is not installed here.
#define LOAD_OR_SKIP(peer, documents, geography)                                     \
  do {                                                                               \
    core::Status status = (peer).Load((documents), (geography));                     \
    if (!status.ok() && status.error().code == core::ErrorCode::kUnavailable)        \
      GTEST_SKIP() << "sphinxsearch unavailable: " << *status.error().Arg("reason"); \
    ASSERT_TRUE(status.ok()) << core::ToLogString(status.error());                   \
  } while (false)

TEST(SphinxPeer, FilterOnlyQueriesAnswerExactlyAsTremplin) {
  PeerCorpus corpus = RandomCorpus(7, 400);
  std::unique_ptr<search::SearchEngine> reference = search::MakeMemoryEngine(corpus.documents);
  SphinxPeer peer;
  LOAD_OR_SKIP(peer, corpus.documents, corpus.geography);
  EXPECT_GT(peer.load_seconds(), 0);

  core::Random random(11);
  int widened = 0, remote_seen = 0, paged = 0;
  for (int i = 0; i < 600; ++i) {
    search::SearchQuery query = RandomFilterQuery(random, corpus);
    PeerResult expected = ToPeerResult(reference->Search(query));
    PeerResult actual = peer.Search(query);
    ASSERT_EQ(DescribeDifference(expected, actual), "")
        << "query #" << i << ": " << DescribeQuery(query);
    widened += expected.radius_widened;
    remote_seen += expected.remote_total > 0;
    paged += !expected.page.empty();
  }
  // The random queries did exercise the rules compared.
  EXPECT_GT(widened, 10);
  EXPECT_GT(remote_seen, 100);
  EXPECT_GT(paged, 300);
}

TEST(SphinxPeer, TextMatchesEveryWordStemmedAccentFreeWithPrefixOnTheLast) {
  std::vector<search::Document> docs = {
      TextDocument(1, "Développeur web", "Développeur web et mobile", "Créer des sites."),
      TextDocument(2, "Technicien réseau", "Technicien réseaux", "Installer des réseaux."),
      TextDocument(3, "Data analyst", "Analyste de données", "Développer des tableaux de bord.")};
  SphinxPeer peer;
  LOAD_OR_SKIP(peer, docs, core::Geography());
  search::SearchQuery query;
  query.text = "DEVELOPPEURS Web";
  EXPECT_EQ(peer.Search(query).page, (std::vector<search::DocId>{0}));
  query.text = "technicien rés";
  EXPECT_EQ(peer.Search(query).page, (std::vector<search::DocId>{1}));
  query.text = "l'installation des réseaux";  // elision and stop word dropped, stems meet
  EXPECT_EQ(peer.Search(query).page, (std::vector<search::DocId>{1}));
  query.text = "développ";
  PeerResult both = peer.Search(query);
  EXPECT_EQ(both.total, 2);
  EXPECT_EQ(both.facets["family"]["dev"], 2);
  query.text = "développeur plombier";
  EXPECT_EQ(peer.Search(query).total, 0);
}

TEST(SphinxPeer, ProfessionsWeighMoreThanTheBody) {
  std::vector<search::Document> docs = {
      TextDocument(1, "Métier du numérique", "Formation", "Devenir jardinier du web."),
      TextDocument(2, "Jardinier du web", "Formation", "Devenir métier du numérique.")};
  SphinxPeer peer;
  LOAD_OR_SKIP(peer, docs, core::Geography());
  search::SearchQuery query;
  query.text = "jardinier";
  EXPECT_EQ(peer.Search(query).page, (std::vector<search::DocId>{1, 0}));
}

TEST(SphinxPeer, EqualRelevanceGoesByNextStartThenDistance) {
  // One course given in three places scores the same everywhere: the sooner start comes first,
  // then, for the same start, the nearer place.
  auto at = [](std::string commune, core::GeoPoint point, core::Date start) {
    search::Document d = TextDocument(5, "Développeur web", "Développeur", "");
    d.commune_code = std::move(commune);
    d.point = point;
    d.session_starts = {start};
    return d;
  };
  core::Date may = core::Date::FromYmd(2026, 5, 4), september = core::Date::FromYmd(2026, 9, 1);
  std::vector<search::Document> docs = {at("75002", {48.87, 2.34}, september),
                                        at("78646", {48.80, 2.13}, may),
                                        at("75003", {48.86, 2.36}, may)};
  SphinxPeer peer;
  LOAD_OR_SKIP(peer, docs, core::Geography());
  search::SearchQuery query;
  query.text = "developpeur";
  query.today = core::Date::FromYmd(2026, 3, 1);
  query.place.kind = core::PlaceKind::kCommune;
  query.place.point = core::GeoPoint{48.86, 2.35};
  EXPECT_EQ(peer.Search(query).page, (std::vector<search::DocId>{2, 1, 0}));
  query.sort = search::SortOrder::kDistance;
  EXPECT_EQ(peer.Search(query).page, (std::vector<search::DocId>{2, 0, 1}));
}

TEST(SphinxPeer, IsUnavailableWithoutItsPrograms) {
  const char* path = std::getenv("PATH");
  std::string saved = path ? path : "";
  ::setenv("PATH", "/nonexistent", 1);
  SphinxPeer peer;
  core::Status status = peer.Load({TextDocument(1, "Web", "Web", "")}, core::Geography());
  ::setenv("PATH", saved.c_str(), 1);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, core::ErrorCode::kUnavailable);
  EXPECT_EQ(status.error().id, "peer_unavailable");
}

TEST(SphinxPeer, IsMadeByTheFactory) { EXPECT_EQ(MakeSphinxPeer()->Name(), "sphinxsearch"); }

}  // namespace
}  // namespace tremplin::bench
