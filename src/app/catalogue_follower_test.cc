// The catalogue a node serves follows the database: writes made through another connection
// (another node) reach its search, and a lost connection is caught up with.
#include "app/catalogue_follower.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <chrono>
#include <set>
#include <thread>

#include "store/catalogue_store.h"
#include "store/migrations.h"
#include "store/test_support.h"

namespace tremplin::app {
namespace {

using namespace std::chrono_literals;
using store::Backend;
using Clock = std::chrono::steady_clock;

core::Geography LilleOnly() {
  core::Commune lille;
  lille.code = "59350";
  lille.name = "Lille";
  lille.department_code = "59";
  lille.region_code = "32";
  lille.population = 236000;
  lille.point = {50.6292, 3.0573};
  return core::Geography({{"32", "Hauts-de-France"}}, {{"59", "Nord", "32"}}, {lille});
}

class CatalogueFollowerTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    writer_ = scratch_.Open();
    ASSERT_TRUE(writer_.has_value());
    ASSERT_TRUE(store::Migrate(*writer_).ok());
    core::Result<int64_t> organisation = store::InsertOrganisation(*writer_, store::testing::SampleOrganisation());
    ASSERT_TRUE(organisation.ok());
    organisation_ = *organisation;
    core::Course course = store::testing::SampleCourse(organisation_);
    course.label_state = core::LabelState::kLabelled;
    core::Result<int64_t> id = store::InsertCourse(*writer_, course);
    ASSERT_TRUE(id.ok());
    course_ = *id;
    // What a node does at start: the change number, then the catalogue.
    version_ = *store::CatalogueVersion(*writer_);
    core::Result<store::Catalogue> loaded = store::LoadCatalogue(*writer_);
    ASSERT_TRUE(loaded.ok());
    holder_.Set(std::make_shared<const search::Catalogue>(
        std::move(loaded->organisations), std::move(loaded->courses), core::GenTaxonomy(), geo_));
  }

  // Sets course `id`'s title through the writer's connection; its change number.
  int64_t Retitle(int64_t id, std::string title) {
    core::Result<int64_t> version = store::EditCourse(*writer_, id, "test", [&](core::Course& c) -> core::Status {
      c.title = title;
      return core::Ok{};
    });
    EXPECT_TRUE(version.ok()) << version.error().id;
    return version.ok() ? *version : 0;
  }

  // How many courses the served catalogue finds for `text`.
  size_t Found(std::string text) {
    search::SearchQuery q;
    q.text = std::move(text);
    std::set<int64_t> courses;
    for (const search::Hit& hit : holder_.Get()->Search(q).hits) courses.insert(hit.course_id);
    return courses.size();
  }

  // Waits up to `limit` for `text` to be found; how long it took, or nullopt.
  std::optional<Clock::duration> TimeUntilFound(const std::string& text, Clock::duration limit) {
    auto start = Clock::now();
    while (Clock::now() - start < limit) {
      if (Found(text) > 0) return Clock::now() - start;
      std::this_thread::sleep_for(5ms);
    }
    return std::nullopt;
  }

  store::testing::ScratchDatabase scratch_{GetParam()};
  std::optional<store::Database> writer_;
  core::Geography geo_ = LilleOnly();
  search::CatalogueHolder holder_;
  int64_t organisation_ = 0, course_ = 0, version_ = 0;
};

TREMPLIN_ON_EVERY_BACKEND(CatalogueFollowerTest);

TEST_P(CatalogueFollowerTest, AWriteByAnotherConnectionIsSearchableWithinASecond) {
  CatalogueFollower follower(scratch_.url(), holder_, version_);
  follower.Start();
  ASSERT_EQ(Found("zorglub"), 0u);
  Retitle(course_, "Zorglub numérique");
  std::optional<Clock::duration> delay = TimeUntilFound("zorglub", 3s);
  ASSERT_TRUE(delay.has_value()) << "not applied within 3 s";
  // PostgreSQL notifies the follower at once; SQLite has no notifications (one node: another
  // process's writes are rare), so there the follower's once-a-second look finds the change.
  EXPECT_LT(*delay, GetParam() == Backend::kPostgresql ? 1s : 2s);
  EXPECT_EQ(follower.applied(), version_ + 1);
  EXPECT_EQ(holder_.Get()->FindCourse(course_)->title, "Zorglub numérique");
}

TEST_P(CatalogueFollowerTest, WaitUntilAppliedReturnsOnceTheChangeIsServed) {
  CatalogueFollower follower(scratch_.url(), holder_, version_);
  follower.Start();
  core::Course added = store::testing::SampleCourse(organisation_);
  added.title = "Technicien fibre optique";
  added.label_state = core::LabelState::kLabelled;
  core::Result<int64_t> id = store::InsertCourse(*writer_, added);
  ASSERT_TRUE(id.ok());
  int64_t version = Retitle(course_, "Soudeur connecté");
  ASSERT_TRUE(follower.WaitUntilApplied(version, 5s));
  EXPECT_EQ(Found("fibre"), 1u);
  EXPECT_EQ(Found("soudeur"), 1u);
  EXPECT_EQ(holder_.Get()->courses().size(), 2u);
  EXPECT_FALSE(follower.WaitUntilApplied(version + 1, 50ms));  // no such change yet
}

// An organisation's profile edited, or a new organisation, reaches the node: its pages and its
// courses' search documents (which carry its name) follow.
TEST_P(CatalogueFollowerTest, OrganisationsCreatedOrEditedElsewhereAreApplied) {
  CatalogueFollower follower(scratch_.url(), holder_, version_);
  follower.Start();
  core::Result<int64_t> edited =
      store::EditOrganisation(*writer_, organisation_, "test", [](core::Organisation& o) -> core::Status {
        o.name = "Fabrique Zorglub";
        return core::Ok{};
      });
  ASSERT_TRUE(edited.ok()) << edited.error().id;
  ASSERT_TRUE(follower.WaitUntilApplied(*edited, 5s));
  EXPECT_EQ(holder_.Get()->FindOrganisation(organisation_)->name, "Fabrique Zorglub");
  EXPECT_EQ(holder_.Get()->FindCourse(course_)->organisation_id, organisation_);

  core::Result<int64_t> created =
      store::CreateOrganisation(*writer_, store::testing::SampleOrganisation("44306184100047"), "test");
  ASSERT_TRUE(created.ok()) << created.error().id;
  ASSERT_TRUE(follower.WaitUntilApplied(*store::CatalogueVersion(*writer_), 5s));
  ASSERT_NE(holder_.Get()->FindOrganisation(*created), nullptr) << "a new organisation, without course yet";
}

TEST_P(CatalogueFollowerTest, ChangesMadeWhileStoppedAreCaughtUpAtStart) {
  Retitle(course_, "Premier titre");
  int64_t last = Retitle(course_, "Dernier titre");
  CatalogueFollower follower(scratch_.url(), holder_, version_);
  follower.Start();
  ASSERT_TRUE(follower.WaitUntilApplied(last, 5s));
  EXPECT_EQ(holder_.Get()->FindCourse(course_)->title, "Dernier titre");
}

// As when a backup is restored under a running node: the database's last change number is
// below the node's, so the node takes the database's catalogue as it is.
TEST_P(CatalogueFollowerTest, ADatabaseBehindTheNodeIsReloaded) {
  holder_.Set(std::make_shared<const search::Catalogue>(std::vector<core::Organisation>{},
                                                        std::vector<core::Course>{},
                                                        core::GenTaxonomy(), geo_));
  CatalogueFollower follower(scratch_.url(), holder_, version_ + 100);
  follower.Start();
  auto start = Clock::now();
  while (follower.applied() != version_ && Clock::now() - start < 5s) std::this_thread::sleep_for(10ms);
  EXPECT_EQ(follower.applied(), version_);
  EXPECT_EQ(holder_.Get()->courses().size(), 1u);
  // From there on it follows as usual.
  int64_t version = Retitle(course_, "Après restauration");
  ASSERT_TRUE(follower.WaitUntilApplied(version, 5s));
  EXPECT_EQ(holder_.Get()->FindCourse(course_)->title, "Après restauration");
}

TEST(CatalogueFollower, PostgresqlCatchesUpAfterItsConnectionsAreCut) {
  store::testing::ScratchDatabase scratch(Backend::kPostgresql);
  std::optional<store::Database> writer = scratch.Open();
  ASSERT_TRUE(writer.has_value());
  ASSERT_TRUE(store::Migrate(*writer).ok());
  core::Result<int64_t> organisation = store::InsertOrganisation(*writer, store::testing::SampleOrganisation());
  ASSERT_TRUE(organisation.ok());
  core::Geography geo = LilleOnly();
  search::CatalogueHolder holder;
  holder.Set(std::make_shared<const search::Catalogue>(std::vector<core::Organisation>{},
                                                       std::vector<core::Course>{},
                                                       core::GenTaxonomy(), geo));
  CatalogueFollower follower(scratch.url(), holder, 0);
  follower.Start();
  core::Course course = store::testing::SampleCourse(*organisation);
  course.label_state = core::LabelState::kLabelled;
  ASSERT_TRUE(store::InsertCourse(*writer, course).ok());
  ASSERT_TRUE(follower.WaitUntilApplied(1, 5s));
  ASSERT_NE(holder.Get()->FindOrganisation(*organisation), nullptr);  // brought by its course

  // Every other connection to the database is cut (as in a server restart), then a write.
  writer->session() << "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                       "WHERE datname = current_database() AND pid <> pg_backend_pid()";
  course.title = "Écrit pendant la coupure";
  ASSERT_TRUE(store::InsertCourse(*writer, course).ok());
  EXPECT_TRUE(follower.WaitUntilApplied(2, 5s));
  EXPECT_EQ(holder.Get()->courses().size(), 2u);
  EXPECT_EQ(holder.Get()->courses().back()->title, "Écrit pendant la coupure");
}

}  // namespace
}  // namespace tremplin::app
