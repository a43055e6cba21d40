#include "peers/postgres_peer.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "peers/peer_semantics.h"
#include "peers/peer_test_support.h"
#include "peers/peers.h"
#include "search/engine.h"

namespace tremplin::bench {
namespace {

using testing::TextDocument;

TEST(PostgresPeer, FilterOnlyQueriesAnswerExactlyAsTremplin) {
  PeerCorpus corpus = RandomCorpus(7, 400);
  PostgresPeer peer;
  TREMPLIN_LOAD_OR_SKIP(peer, corpus.documents, corpus.geography);
  EXPECT_GT(peer.load_seconds(), 0);
  testing::ExpectFilterOnlyAnswersAsTheReference(peer, corpus);
}

TEST(PostgresPeer, RadiusKeepsEveryPointWithinItWhateverItsBearing) {
  // Rings of 72 points just inside and just outside 5 and 100 km around far apart centers.
  const core::GeoPoint centers[] = {{45.0, 4.8}, {64.0, -20.0}, {-21.1, 55.5}, {0.0, 0.0}};
  std::vector<search::Document> documents;
  for (core::GeoPoint center : centers)
    for (double radius : {5.0, 100.0})
      for (search::Document& d : RingCorpus(center, radius).documents)
        documents.push_back(std::move(d));
  PostgresPeer peer;
  TREMPLIN_LOAD_OR_SKIP(peer, documents, core::Geography());
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

TEST(PostgresPeer, TextUsesFrenchStemsAccentFreeWithPrefixOnTheLast) {
  std::vector<search::Document> docs = {
      TextDocument(1, "Développeur web", "Développeur web et mobile", "Créer des sites."),
      TextDocument(2, "Technicien réseau", "Technicien réseaux", "Installer des réseaux."),
      TextDocument(3, "Data analyst", "Analyste de données", "Tableaux de bord.")};
  PostgresPeer peer;
  TREMPLIN_LOAD_OR_SKIP(peer, docs, core::Geography());
  search::SearchQuery query;
  query.text = "DEVELOPPEURS Web";
  EXPECT_EQ(peer.Search(query).page, (std::vector<search::DocId>{0}));
  query.text = "réseaux techni";
  EXPECT_EQ(peer.Search(query).page, (std::vector<search::DocId>{1}));
  query.text = "donnée";  // the stem of the plural
  EXPECT_EQ(peer.Search(query).page, (std::vector<search::DocId>{2}));
  query.text = "plombier";
  EXPECT_EQ(peer.Search(query).total, 0);
}

TEST(PostgresPeer, ProfessionsWeighMoreThanTheBody) {
  std::vector<search::Document> docs = {
      TextDocument(1, "Métier du numérique", "Formation", "Devenir jardinier du web."),
      TextDocument(2, "Jardinier du web", "Formation", "Devenir métier du numérique.")};
  PostgresPeer peer;
  TREMPLIN_LOAD_OR_SKIP(peer, docs, core::Geography());
  search::SearchQuery query;
  query.text = "jardinier";
  EXPECT_EQ(peer.Search(query).page, (std::vector<search::DocId>{1, 0}));
}

TEST(PostgresPeer, DestructionStopsTheClusterAndDeletesItsFolder) {
  size_t before = 0, during = 0, after = 0;
  auto count = [] {
    size_t n = 0;
    for (const auto& entry :
         std::filesystem::directory_iterator(std::filesystem::temp_directory_path()))
      n += entry.path().filename().string().starts_with("tremplin-pg-");
    return n;
  };
  before = count();
  {
    std::unique_ptr<PeerEngine> peer = MakePostgresPeer();
    EXPECT_EQ(peer->Name(), "postgresql");
    core::Status status = peer->Load({}, core::Geography());
    if (!status.ok() && status.error().code == core::ErrorCode::kUnavailable)
      GTEST_SKIP() << "PostgreSQL unavailable: " << *status.error().Arg("reason");
    ASSERT_TRUE(status.ok()) << core::ToLogString(status.error());
    EXPECT_EQ(peer->Search(search::SearchQuery()).total, 0);
    during = count();
  }
  after = count();
  EXPECT_EQ(during, before + 1);
  EXPECT_EQ(after, before);
}

}  // namespace
}  // namespace tremplin::bench
