#include "peers/xapian_peer.h"

#include <gtest/gtest.h>

#include "peers/peer_semantics.h"
#include "peers/peer_test_support.h"
#include "peers/peers.h"
#include "search/engine.h"

namespace tremplin::bench {
namespace {

using testing::TextDocument;

TEST(XapianPeer, FilterOnlyQueriesAnswerExactlyAsTremplin) {
  PeerCorpus corpus = RandomCorpus(7, 400);
  XapianPeer peer;
  core::Status loaded = peer.Load(corpus.documents, corpus.geography);
  ASSERT_TRUE(loaded.ok()) << core::ToLogString(loaded.error());
  EXPECT_GT(peer.load_seconds(), 0);
  testing::ExpectFilterOnlyAnswersAsTheReference(peer, corpus);
}

TEST(XapianPeer, TextMatchesEveryWordStemmedAccentFreeWithPrefixOnTheLast) {
  std::vector<search::Document> docs = {
      TextDocument(1, "Développeur web", "Développeur web et mobile", "Créer des sites."),
      TextDocument(2, "Technicien réseau", "Technicien réseaux", "Installer des réseaux."),
      TextDocument(3, "Data analyst", "Analyste de données", "Développer des tableaux de bord.")};
  XapianPeer peer;
  ASSERT_TRUE(peer.Load(docs, core::Geography()).ok());
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

TEST(XapianPeer, ProfessionsWeighMoreThanTheBody) {
  std::vector<search::Document> docs = {
      TextDocument(1, "Métier du numérique", "Formation", "Devenir jardinier du web."),
      TextDocument(2, "Jardinier du web", "Formation", "Devenir métier du numérique.")};
  XapianPeer peer;
  ASSERT_TRUE(peer.Load(docs, core::Geography()).ok());
  search::SearchQuery query;
  query.text = "jardinier";
  EXPECT_EQ(peer.Search(query).page, (std::vector<search::DocId>{1, 0}));
}

TEST(XapianPeer, EqualRelevanceGoesByNextStartThenDistance) {
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
  XapianPeer peer;
  ASSERT_TRUE(peer.Load(docs, core::Geography()).ok());
  search::SearchQuery query;
  query.text = "developpeur";
  query.today = core::Date::FromYmd(2026, 3, 1);
  query.place.kind = core::PlaceKind::kCommune;
  query.place.point = core::GeoPoint{48.86, 2.35};
  EXPECT_EQ(peer.Search(query).page, (std::vector<search::DocId>{2, 1, 0}));
  query.sort = search::SortOrder::kDistance;
  EXPECT_EQ(peer.Search(query).page, (std::vector<search::DocId>{2, 0, 1}));
}

TEST(XapianPeer, IsMadeByTheFactory) { EXPECT_EQ(MakeXapianPeer()->Name(), "xapian"); }

}  // namespace
}  // namespace tremplin::bench
