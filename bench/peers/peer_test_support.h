// What the peers' tests share: a document with text at one place, loading a peer or skipping
// the test when its engine is not installed, and the check that a peer answers random
// filter-only queries exactly as the reference engine does.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "peers/peer_engine.h"
#include "peers/peer_semantics.h"
#include "search/engine.h"

namespace tremplin::bench::testing {

// A document in Paris (75001) with the given text, course `course_id`.
inline search::Document TextDocument(int64_t course_id, std::string professions, std::string title,
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

// Loads `documents` into `peer`, or skips the test when its engine is not installed here.
#define TREMPLIN_LOAD_OR_SKIP(peer, documents, geography)                                   \
  do {                                                                                      \
    core::Status status = (peer).Load((documents), (geography));                            \
    if (!status.ok() && status.error().code == core::ErrorCode::kUnavailable)               \
      GTEST_SKIP() << (peer).Name() << " unavailable: " << *status.error().Arg("reason");   \
    ASSERT_TRUE(status.ok()) << core::ToLogString(status.error());                          \
  } while (false)

// 600 random filter-only queries over `corpus` (loaded into `peer`): the peer must give
// exactly the reference engine's answers, and the queries must have exercised widening,
// remote courses and pages.
inline void ExpectFilterOnlyAnswersAsTheReference(PeerEngine& peer, const PeerCorpus& corpus) {
  std::unique_ptr<search::SearchEngine> reference = search::MakeMemoryEngine(corpus.documents);
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

}  // namespace tremplin::bench::testing
