#include "peers/sqlite_fts5_peer.h"

#include <gtest/gtest.h>

#include "peers/peer_semantics.h"
#include "peers/peer_test_support.h"
#include "peers/peers.h"
#include "search/engine.h"

namespace tremplin::bench {
namespace {

using testing::TextDocument;

TEST(SqliteFts5Peer, FilterOnlyQueriesAnswerExactlyAsTremplin) {
  PeerCorpus corpus = RandomCorpus(7, 400);
  SqliteFts5Peer peer;
  ASSERT_TRUE(peer.Load(corpus.documents, corpus.geography).ok());
  EXPECT_GT(peer.load_seconds(), 0);
  testing::ExpectFilterOnlyAnswersAsTheReference(peer, corpus);
}

TEST(SqliteFts5Peer, RadiusKeepsEveryPointWithinItWhateverItsBearing) {
  // Rings of 72 points just inside and just outside 5 and 100 km around far apart centers.
  const core::GeoPoint centers[] = {{45.0, 4.8}, {64.0, -20.0}, {-21.1, 55.5}, {0.0, 0.0}};
  std::vector<search::Document> documents;
  for (core::GeoPoint center : centers)
    for (double radius : {5.0, 100.0})
      for (search::Document& d : RingCorpus(center, radius).documents)
        documents.push_back(std::move(d));
  SqliteFts5Peer peer;
  ASSERT_TRUE(peer.Load(documents, core::Geography()).ok());
  for (core::GeoPoint center : centers) {
    search::SearchQuery query;
    query.place.kind = core::PlaceKind::kCommune;
    query.place.code = "00000";
    query.place.point = center;
    query.widen_radius = false;
    query.radius_km = 5;
    EXPECT_EQ(peer.Search(query).nearby_total, 72) << center.lat << ", " << center.lon;
    query.radius_km = 100;  // both 5 km rings and the inner 100 km one
    EXPECT_EQ(peer.Search(query).nearby_total, 3 * 72) << center.lat << ", " << center.lon;
  }
}

TEST(SqliteFts5Peer, TextMatchesEveryWordAccentFreeWithPrefixOnTheLast) {
  std::vector<search::Document> docs = {
      TextDocument(1, "Développeur web", "Développeur web et mobile", "Créer des sites."),
      TextDocument(2, "Technicien réseau", "Technicien réseaux", "Installer des réseaux."),
      TextDocument(3, "Data analyst", "Analyste de données", "Développer des tableaux de bord.")};
  SqliteFts5Peer peer;
  ASSERT_TRUE(peer.Load(docs, core::Geography()).ok());
  search::SearchQuery query;
  query.text = "DEVELOPPEUR Web";
  EXPECT_EQ(peer.Search(query).page, (std::vector<search::DocId>{0}));
  query.text = "technicien rés";
  EXPECT_EQ(peer.Search(query).page, (std::vector<search::DocId>{1}));
  query.text = "développ";
  PeerResult both = peer.Search(query);
  EXPECT_EQ(both.total, 2);
  EXPECT_EQ(both.facets["family"]["dev"], 2);
  query.text = "plombier";
  EXPECT_EQ(peer.Search(query).total, 0);
}

TEST(SqliteFts5Peer, ProfessionsWeighMoreThanTheBody) {
  std::vector<search::Document> docs = {
      TextDocument(1, "Métier du numérique", "Formation", "Devenir jardinier du web."),
      TextDocument(2, "Jardinier du web", "Formation", "Devenir métier du numérique.")};
  SqliteFts5Peer peer;
  ASSERT_TRUE(peer.Load(docs, core::Geography()).ok());
  search::SearchQuery query;
  query.text = "jardinier";
  EXPECT_EQ(peer.Search(query).page, (std::vector<search::DocId>{1, 0}));
}

TEST(SqliteFts5Peer, IsMadeByTheFactory) { EXPECT_EQ(MakeSqliteFts5Peer()->Name(), "sqlite-fts5"); }

}  // namespace
}  // namespace tremplin::bench
