#include "store/catalogue_store.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <libpq-fe.h>

#include <chrono>
#include <cstdio>
#include <thread>
#include <optional>
#include <set>

#include "store/audit_log.h"
#include "store/migrations.h"
#include "store/test_support.h"

namespace tremplin::store {
namespace {

using testing::ExpectSameCourse;
using testing::ExpectSameOrganisation;
using testing::SampleCourse;
using testing::SampleOrganisation;
using testing::SampleSession;

// Every test runs on SQLite and on PostgreSQL.
class CatalogueStoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    db_ = scratch_.Open();
    ASSERT_TRUE(db_.has_value());
    core::Result<int> migrated = Migrate(*db_);
    ASSERT_TRUE(migrated.ok()) << migrated.error().id;
  }
  Database& db() { return *db_; }

  int64_t AddOrganisation(std::string siret = "73282932000074") {
    core::Result<int64_t> id = InsertOrganisation(db(), SampleOrganisation(std::move(siret)));
    EXPECT_TRUE(id.ok()) << id.error().id;
    return id.ok() ? *id : 0;
  }

  int CountRows(const std::string& table) {
    int count = -1;
    db().session() << "SELECT COUNT(*) FROM " + table, soci::into(count);
    return count;
  }

  testing::ScratchDatabase scratch_{GetParam()};
  std::optional<Database> db_;
};

TREMPLIN_ON_EVERY_BACKEND(CatalogueStoreTest);

TEST_P(CatalogueStoreTest, OrganisationRoundTrips) {
  core::Organisation organisation = SampleOrganisation();
  organisation.name = "Centre O'Brien; DROP TABLE organisations;-- « 100 % » 日本";
  organisation.is_demo = true;
  core::Result<int64_t> id = InsertOrganisation(db(), organisation);
  ASSERT_TRUE(id.ok());
  EXPECT_GT(*id, 0);
  core::Result<core::Organisation> found = FindOrganisation(db(), *id);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->id, *id);
  ExpectSameOrganisation(organisation, *found);
}

TEST_P(CatalogueStoreTest, MissingOrganisationIsNotFound) {
  core::Result<core::Organisation> found = FindOrganisation(db(), 404);
  ASSERT_FALSE(found.ok());
  EXPECT_EQ(found.error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(found.error().id, "organisation_not_found");
  EXPECT_EQ(*found.error().Arg("id"), "404");
}

TEST_P(CatalogueStoreTest, DuplicateSiretIsAConflict) {
  AddOrganisation("73282932000074");
  core::Result<int64_t> second = InsertOrganisation(db(), SampleOrganisation("73282932000074"));
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, core::ErrorCode::kConflict);
  EXPECT_EQ(second.error().id, "conflict_duplicate_siret");
  EXPECT_EQ(second.error().field, "siret");
  EXPECT_EQ(CountRows("organisations"), 1);
}

TEST_P(CatalogueStoreTest, CourseWithEveryFieldRoundTrips) {
  const int64_t organisation_id = AddOrganisation();
  core::Course course = SampleCourse(organisation_id);
  course.title = "O'Brien; DROP TABLE courses;-- \"quoted\" 100 % _x_ \\ Ça marche ? 🎓";
  core::Result<int64_t> id = InsertCourse(db(), course);
  ASSERT_TRUE(id.ok()) << id.error().id;
  EXPECT_GT(*id, 0);

  core::Result<core::Course> found = FindCourse(db(), *id);
  ASSERT_TRUE(found.ok()) << found.error().id;
  EXPECT_EQ(found->id, *id);
  ExpectSameCourse(course, *found);
  std::set<int64_t> session_ids;
  for (const core::Session& session : found->sessions) {
    EXPECT_GT(session.id, 0);
    EXPECT_EQ(session.course_id, *id);
    session_ids.insert(session.id);
  }
  EXPECT_EQ(session_ids.size(), course.sessions.size());
  EXPECT_EQ(CountRows("courses"), 1);  // the title's DROP TABLE stayed a title
}

TEST_P(CatalogueStoreTest, DeletingACourseDeletesItsProfessionsAndSessions) {
  const int64_t organisation_id = AddOrganisation();
  core::Result<int64_t> kept = InsertCourse(db(), SampleCourse(organisation_id));
  core::Result<int64_t> deleted = InsertCourse(db(), SampleCourse(organisation_id));
  ASSERT_TRUE(kept.ok() && deleted.ok());
  db().session() << "DELETE FROM courses WHERE id = :id", soci::use(*deleted);
  EXPECT_EQ(CountRows("course_sessions"), 3);
  EXPECT_EQ(CountRows("course_professions"), 3);
  EXPECT_TRUE(FindCourse(db(), *kept).ok());
}

TEST_P(CatalogueStoreTest, MissingCourseIsNotFound) {
  core::Result<core::Course> found = FindCourse(db(), 7);
  ASSERT_FALSE(found.ok());
  EXPECT_EQ(found.error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(found.error().id, "course_not_found");
}

TEST_P(CatalogueStoreTest, CourseOfAnUnknownOrganisationIsRefused) {
  core::Result<int64_t> id = InsertCourse(db(), SampleCourse(999));
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.error().code, core::ErrorCode::kConflict);
  EXPECT_EQ(id.error().id, "conflict_unknown_reference");
  EXPECT_EQ(CountRows("courses"), 0);
}

TEST_P(CatalogueStoreTest, FailedInsertLeavesNothingHalfWritten) {
  core::Course course = SampleCourse(AddOrganisation());
  course.profession_ids = {"M1805", "M1855", "M1805"};  // the third one fails
  core::Result<int64_t> id = InsertCourse(db(), course);
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.error().code, core::ErrorCode::kConflict);
  EXPECT_EQ(id.error().id, "conflict_duplicate_profession");
  EXPECT_EQ(CountRows("courses"), 0);
  EXPECT_EQ(CountRows("course_professions"), 0);
  EXPECT_EQ(CountRows("course_sessions"), 0);
  core::Result<int64_t> count = CountCourses(db());
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 0);
}

TEST_P(CatalogueStoreTest, UpdateReplacesEverythingKeepsSessionIdsAndBumpsVersion) {
  const int64_t first_organisation = AddOrganisation("73282932000074");
  const int64_t second_organisation = AddOrganisation("35600000000048");
  core::Result<int64_t> id = InsertCourse(db(), SampleCourse(first_organisation));
  ASSERT_TRUE(id.ok());
  core::Result<int64_t> version_before = CourseVersion(db(), *id);
  ASSERT_TRUE(version_before.ok());

  core::Result<core::Course> stored = FindCourse(db(), *id);
  ASSERT_TRUE(stored.ok());
  core::Course changed = *stored;
  const int64_t kept_session_id = changed.sessions[0].id;
  const int64_t dropped_session_id = changed.sessions[1].id;
  changed.organisation_id = second_organisation;
  changed.title = "Technicien·ne d'assistance informatique";
  changed.summary.clear();
  changed.mode = core::DeliveryMode::kRemote;
  changed.label_state = core::LabelState::kWithdrawn;
  changed.cost_to_learner_cents = 0;
  changed.profession_ids = {"I1401", "M1805"};
  changed.sessions[0].capacity = 24;
  changed.sessions[0].point.reset();
  changed.sessions[0].recruitment = core::RecruitmentState::kClosed;
  changed.sessions.erase(changed.sessions.begin() + 1);
  changed.sessions.push_back(SampleSession("75056", 28));

  core::Status updated = UpdateCourse(db(), changed);
  ASSERT_TRUE(updated.ok()) << updated.error().id;
  core::Result<core::Course> found = FindCourse(db(), *id);
  ASSERT_TRUE(found.ok());
  ExpectSameCourse(changed, *found);
  ASSERT_EQ(found->sessions.size(), 3u);
  EXPECT_EQ(found->sessions[0].id, kept_session_id);
  for (const core::Session& session : found->sessions) EXPECT_NE(session.id, dropped_session_id);
  EXPECT_EQ(CountRows("course_sessions"), 3);
  EXPECT_EQ(CountRows("course_professions"), 2);

  core::Result<int64_t> version_after = CourseVersion(db(), *id);
  ASSERT_TRUE(version_after.ok());
  EXPECT_GT(*version_after, *version_before);
}

TEST_P(CatalogueStoreTest, EveryWriteTakesANewChangeNumber) {
  const int64_t organisation_id = AddOrganisation();
  core::Result<int64_t> a = InsertCourse(db(), SampleCourse(organisation_id));
  core::Result<int64_t> b = InsertCourse(db(), SampleCourse(organisation_id));
  ASSERT_TRUE(a.ok() && b.ok());
  core::Course course = *FindCourse(db(), *a);
  ASSERT_TRUE(UpdateCourse(db(), course).ok());
  EXPECT_EQ(*CourseVersion(db(), *b), 2);
  EXPECT_EQ(*CourseVersion(db(), *a), 3);
}

TEST_P(CatalogueStoreTest, UpdateOfAMissingCourseIsNotFound) {
  core::Course course = SampleCourse(AddOrganisation());
  course.id = 12;
  core::Status updated = UpdateCourse(db(), course);
  ASSERT_FALSE(updated.ok());
  EXPECT_EQ(updated.error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(updated.error().id, "course_not_found");
}

TEST_P(CatalogueStoreTest, UpdateWithAnotherCoursesSessionChangesNothing) {
  const int64_t organisation_id = AddOrganisation();
  core::Result<int64_t> a = InsertCourse(db(), SampleCourse(organisation_id));
  core::Result<int64_t> b = InsertCourse(db(), SampleCourse(organisation_id));
  ASSERT_TRUE(a.ok() && b.ok());
  core::Course course_a = *FindCourse(db(), *a);
  const core::Course course_b = *FindCourse(db(), *b);
  const std::string original_title = course_a.title;
  course_a.title = "Changed";
  course_a.sessions.push_back(course_b.sessions[0]);

  core::Status updated = UpdateCourse(db(), course_a);
  ASSERT_FALSE(updated.ok());
  EXPECT_EQ(updated.error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(updated.error().id, "session_not_found");
  EXPECT_EQ(FindCourse(db(), *a)->title, original_title);
  EXPECT_EQ(FindCourse(db(), *b)->sessions.size(), course_b.sessions.size());
}

TEST_P(CatalogueStoreTest, LoadCatalogueReturnsEverythingInIdOrder) {
  const int64_t first = AddOrganisation("73282932000074");
  const int64_t second = AddOrganisation("35600000000048");
  std::vector<core::Course> inserted;
  for (int i = 0; i < 5; ++i) {
    core::Course course = SampleCourse(i % 2 == 0 ? second : first);
    course.title = "Course " + std::to_string(i);
    course.profession_ids = {"M180" + std::to_string(i)};
    if (i == 3) course.sessions.clear();
    core::Result<int64_t> id = InsertCourse(db(), course);
    ASSERT_TRUE(id.ok());
    course.id = *id;
    inserted.push_back(course);
  }

  core::Result<Catalogue> catalogue = LoadCatalogue(db());
  ASSERT_TRUE(catalogue.ok()) << catalogue.error().id;
  ASSERT_EQ(catalogue->organisations.size(), 2u);
  EXPECT_EQ(catalogue->organisations[0].id, first);
  EXPECT_EQ(catalogue->organisations[1].id, second);
  ExpectSameOrganisation(SampleOrganisation("35600000000048"), catalogue->organisations[1]);
  ASSERT_EQ(catalogue->courses.size(), inserted.size());
  for (size_t i = 0; i < inserted.size(); ++i) {
    SCOPED_TRACE("course " + std::to_string(i));
    EXPECT_EQ(catalogue->courses[i].id, inserted[i].id);
    ExpectSameCourse(inserted[i], catalogue->courses[i]);
    for (size_t s = 1; s < catalogue->courses[i].sessions.size(); ++s)
      EXPECT_LT(catalogue->courses[i].sessions[s - 1].id, catalogue->courses[i].sessions[s].id);
  }
  core::Result<int64_t> count = CountCourses(db());
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 5);
}

// A catalogue like the generated demo: `organisations`, `courses` and two sessions per course,
// with ids not in insertion order.
Catalogue MakeCatalogue(int organisations, int courses) {
  Catalogue catalogue;
  for (int i = 0; i < organisations; ++i) {
    char siret[16];
    std::snprintf(siret, sizeof siret, "%014d", 1000 + i);
    core::Organisation organisation = SampleOrganisation(siret);
    organisation.id = 10 * (organisations - i);
    organisation.is_demo = true;
    catalogue.organisations.push_back(organisation);
  }
  for (int i = 0; i < courses; ++i) {
    core::Course course = SampleCourse(catalogue.organisations[i % organisations].id);
    course.id = 1000 + 3 * i;
    course.title += " " + std::to_string(i);
    course.sessions.resize(2);
    course.sessions[0].id = 5000 + 2 * i;
    course.sessions[1].id = 0;  // the database picks one
    catalogue.courses.push_back(course);
  }
  return catalogue;
}

TEST_P(CatalogueStoreTest, SaveCatalogueKeepsIdsAndLoadsBack) {
  const Catalogue saved = MakeCatalogue(3, 4);
  core::Status status = SaveCatalogue(db(), saved, "test");
  ASSERT_TRUE(status.ok()) << status.error().id;

  core::Result<Catalogue> loaded = LoadCatalogue(db());
  ASSERT_TRUE(loaded.ok());
  ASSERT_EQ(loaded->organisations.size(), 3u);
  EXPECT_EQ(loaded->organisations[0].id, 10);  // ordered by id, not by position in `saved`
  EXPECT_EQ(loaded->organisations[2].id, 30);
  ExpectSameOrganisation(saved.organisations[2], loaded->organisations[0]);
  ASSERT_EQ(loaded->courses.size(), 4u);
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(loaded->courses[i].id, saved.courses[i].id);
    ExpectSameCourse(saved.courses[i], loaded->courses[i]);
    EXPECT_EQ(loaded->courses[i].sessions[0].id, saved.courses[i].sessions[0].id);
    EXPECT_GT(loaded->courses[i].sessions[1].id, 0);
  }

  // Later inserts get ids past the saved ones and the next change number.
  core::Result<int64_t> next = InsertCourse(db(), SampleCourse(10));
  ASSERT_TRUE(next.ok());
  EXPECT_GT(*next, saved.courses.back().id);
  EXPECT_EQ(*CourseVersion(db(), *next), 5);
}

TEST_P(CatalogueStoreTest, SaveCatalogueRefusesANonEmptyDatabase) {
  ASSERT_TRUE(InsertCourse(db(), SampleCourse(AddOrganisation())).ok());
  core::Status status = SaveCatalogue(db(), MakeCatalogue(2, 2), "test");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, core::ErrorCode::kConflict);
  EXPECT_EQ(status.error().id, "database_not_empty");
  EXPECT_EQ(CountRows("courses"), 1);
  EXPECT_EQ(CountRows("organisations"), 1);
}

TEST_P(CatalogueStoreTest, SaveCatalogueWritesNothingWhenARowFails) {
  Catalogue catalogue = MakeCatalogue(3, 6);
  catalogue.courses[5].organisation_id = 12345;  // the last course fails
  core::Status status = SaveCatalogue(db(), catalogue, "test");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().id, "conflict_unknown_reference");
  EXPECT_EQ(CountRows("organisations"), 0);
  EXPECT_EQ(CountRows("courses"), 0);
  EXPECT_EQ(CountRows("course_sessions"), 0);
  EXPECT_EQ(CountRows("course_professions"), 0);

  catalogue = MakeCatalogue(2, 1);
  catalogue.organisations[1].id = 0;
  status = SaveCatalogue(db(), catalogue, "test");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().id, "catalogue_id_missing");
}

TEST_P(CatalogueStoreTest, DemoSizedCatalogueSavesAndLoadsQuickly) {
  const Catalogue demo = MakeCatalogue(150, 500);
  auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(SaveCatalogue(db(), demo, "test").ok());
  auto saved = std::chrono::steady_clock::now();
  core::Result<Catalogue> loaded = LoadCatalogue(db());
  auto done = std::chrono::steady_clock::now();
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->organisations.size(), 150u);
  ASSERT_EQ(loaded->courses.size(), 500u);
  size_t sessions = 0;
  for (const core::Course& course : loaded->courses) sessions += course.sessions.size();
  EXPECT_EQ(sessions, 1000u);
  ExpectSameCourse(demo.courses[499], loaded->courses[499]);
  using ms = std::chrono::duration<double, std::milli>;
  std::printf(
      "demo catalogue (150 organisations, 500 courses, 1000 sessions): save %.1f ms, "
      "load %.1f ms\n",
      ms(saved - start).count(), ms(done - saved).count());
}

TEST_P(CatalogueStoreTest, ChangeLogListsEveryWriteInOrder) {
  EXPECT_EQ(*CatalogueVersion(db()), 0);
  EXPECT_TRUE(ChangesSince(db(), 0)->empty());
  const int64_t organisation = AddOrganisation();
  core::Result<int64_t> first = InsertCourse(db(), SampleCourse(organisation));
  core::Result<int64_t> second = InsertCourse(db(), SampleCourse(organisation));
  ASSERT_TRUE(first.ok() && second.ok());
  core::Result<core::Course> stored = FindCourse(db(), *first);
  ASSERT_TRUE(stored.ok());
  stored->title = "Titre modifié";
  ASSERT_TRUE(UpdateCourse(db(), *stored).ok());
  // A write that fails takes no number and leaves no change.
  core::Course duplicate = SampleCourse(organisation);
  duplicate.profession_ids = {"M1805", "M1805"};
  ASSERT_FALSE(InsertCourse(db(), duplicate).ok());

  using Change = CatalogueChange;
  EXPECT_EQ(*ChangesSince(db(), 0),
            (std::vector<Change>{{1, *first}, {2, *second}, {3, *first}}));
  EXPECT_EQ(*ChangesSince(db(), 2), (std::vector<Change>{{3, *first}}));
  EXPECT_TRUE(ChangesSince(db(), 3)->empty());
  EXPECT_EQ(*CatalogueVersion(db()), 3);
  EXPECT_EQ(*CourseVersion(db(), *first), 3);
}

TEST_P(CatalogueStoreTest, SaveCatalogueRecordsOneChangePerCourse) {
  const Catalogue catalogue = MakeCatalogue(2, 3);
  ASSERT_TRUE(SaveCatalogue(db(), catalogue, "test").ok());
  EXPECT_EQ(*ChangesSince(db(), 0), (std::vector<CatalogueChange>{{1, catalogue.courses[0].id},
                                                                  {2, catalogue.courses[1].id},
                                                                  {3, catalogue.courses[2].id}}));
  EXPECT_EQ(*CatalogueVersion(db()), 3);
}

TEST_P(CatalogueStoreTest, EditCourseStoresTheEditWithANewChangeNumber) {
  int64_t organisation = AddOrganisation();
  core::Result<int64_t> id = InsertCourse(db(), SampleCourse(organisation));
  ASSERT_TRUE(id.ok());
  core::Result<int64_t> version = EditCourse(db(), *id, "test", [](core::Course& course) -> core::Status {
    course.title = "Technicien « fibre » O'Neil";
    return core::Ok{};
  });
  ASSERT_TRUE(version.ok()) << version.error().id;
  EXPECT_EQ(*version, 2);
  EXPECT_EQ(*CatalogueVersion(db()), 2);
  core::Course expected = SampleCourse(organisation);
  expected.id = *id;
  expected.title = "Technicien « fibre » O'Neil";
  core::Result<core::Course> stored = FindCourse(db(), *id);
  ASSERT_TRUE(stored.ok());
  for (size_t i = 0; i < expected.sessions.size(); ++i) {
    expected.sessions[i].id = stored->sessions[i].id;
    expected.sessions[i].course_id = *id;
  }
  ExpectSameCourse(*stored, expected);
}

TEST_P(CatalogueStoreTest, AnEditThatFailsStoresNothing) {
  int64_t organisation = AddOrganisation();
  core::Result<int64_t> id = InsertCourse(db(), SampleCourse(organisation));
  ASSERT_TRUE(id.ok());
  core::Result<int64_t> refused = EditCourse(db(), *id, "test", [](core::Course& course) -> core::Status {
    course.title = "Jamais enregistré";
    return core::MakeError(core::ErrorCode::kInvalidArgument, "course_title_required");
  });
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().id, "course_title_required");
  EXPECT_EQ(FindCourse(db(), *id)->title, SampleCourse(organisation).title);
  EXPECT_EQ(*CatalogueVersion(db()), 1);

  core::Result<int64_t> missing = EditCourse(db(), *id + 1, "test", [](core::Course&) -> core::Status {
    ADD_FAILURE() << "edit called for a course that does not exist";
    return core::Ok{};
  });
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().id, "course_not_found");
}

// Two connections edit different fields of one course at the same time, many times: each
// edit reads the course after the other's commit, so none undoes the other.
TEST_P(CatalogueStoreTest, ConcurrentEditsOfDifferentFieldsAreAllKept) {
  int64_t organisation = AddOrganisation();
  core::Result<int64_t> id = InsertCourse(db(), SampleCourse(organisation));
  ASSERT_TRUE(id.ok());
  constexpr int kEdits = 25;
  auto editor = [&](std::string core::Course::*field) {
    std::optional<Database> own = scratch_.Open();
    ASSERT_TRUE(own.has_value());
    for (int i = 1; i <= kEdits; ++i) {
      core::Result<int64_t> edited = EditCourse(*own, *id, "test", [&](core::Course& course) -> core::Status {
        EXPECT_EQ(course.*field, "#" + std::to_string(i - 1));  // the last edit, not an older one
        course.*field = "#" + std::to_string(i);
        return core::Ok{};
      });
      ASSERT_TRUE(edited.ok()) << edited.error().id;
    }
  };
  ASSERT_TRUE(EditCourse(db(), *id, "test", [](core::Course& course) -> core::Status {
                course.summary = "#0";
                course.content = "#0";
                return core::Ok{};
              }).ok());
  std::thread a(editor, &core::Course::summary), b(editor, &core::Course::content);
  a.join();
  b.join();
  core::Result<core::Course> final_course = FindCourse(db(), *id);
  ASSERT_TRUE(final_course.ok());
  EXPECT_EQ(final_course->summary, "#" + std::to_string(kEdits));
  EXPECT_EQ(final_course->content, "#" + std::to_string(kEdits));
  EXPECT_EQ(*CatalogueVersion(db()), 2 + 2 * kEdits);
}

// The notifications a listening connection has received so far: (channel, payload).
std::vector<std::pair<std::string, std::string>> Received(PGconn* listener) {
  std::vector<std::pair<std::string, std::string>> received;
  PQconsumeInput(listener);
  while (PGnotify* n = PQnotifies(listener)) {
    received.emplace_back(n->relname, n->extra);
    PQfreemem(n);
  }
  return received;
}

TEST(CatalogueChanges, PostgresqlNotifiesListenersWhenAWriteCommits) {
  testing::ScratchDatabase scratch(Backend::kPostgresql);
  std::optional<Database> db = scratch.Open();
  ASSERT_TRUE(db.has_value());
  ASSERT_TRUE(Migrate(*db).ok());
  core::Result<int64_t> organisation = InsertOrganisation(*db, SampleOrganisation());
  ASSERT_TRUE(organisation.ok());

  // libpq takes the URL as it is.
  PGconn* listener = PQconnectdb(scratch.url().c_str());
  ASSERT_EQ(PQstatus(listener), CONNECTION_OK) << PQerrorMessage(listener);
  PQclear(PQexec(listener, ("LISTEN " + std::string(kCatalogueChannel)).c_str()));

  // Inside a transaction, nothing is sent before the commit.
  core::Status written = db->Transaction([&](soci::session&) -> core::Status {
    core::Result<int64_t> id = InsertCourse(*db, SampleCourse(*organisation));
    if (!id.ok()) return id.error();
    EXPECT_TRUE(Received(listener).empty());
    return core::Ok{};
  });
  ASSERT_TRUE(written.ok());
  std::vector<std::pair<std::string, std::string>> received;
  for (int i = 0; i < 100 && received.empty(); ++i) {
    received = Received(listener);
    if (received.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(received, (std::vector<std::pair<std::string, std::string>>{
                          {std::string(kCatalogueChannel), "1"}}));

  // A write that fails sends nothing.
  core::Course duplicate = SampleCourse(*organisation);
  duplicate.profession_ids = {"M1805", "M1805"};
  ASSERT_FALSE(InsertCourse(*db, duplicate).ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_TRUE(Received(listener).empty());
  PQfinish(listener);
}

// The back office's writes: a draft course keeps its status, a new organisation and an edited
// profile take change numbers (nodes follow them), and each is audited with who and what.
TEST_P(CatalogueStoreTest, BackOfficeWritesAreAuditedAndTakeChangeNumbers) {
  core::Result<int64_t> organisation = CreateOrganisation(db(), SampleOrganisation(), "user:7");
  ASSERT_TRUE(organisation.ok()) << organisation.error().id;
  core::Result<std::vector<CatalogueChange>> changes = ChangesSince(db(), 0);
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ(changes->front(), (CatalogueChange{1, 0, *organisation}));

  core::Course draft = SampleCourse(*organisation);
  draft.status = core::CourseStatus::kDraft;
  core::Result<int64_t> course = CreateCourse(db(), draft, "user:7");
  ASSERT_TRUE(course.ok()) << course.error().id;
  EXPECT_EQ(FindCourse(db(), *course)->status, core::CourseStatus::kDraft);

  core::Result<int64_t> version =
      EditOrganisation(db(), *organisation, "user:8", [](core::Organisation& o) -> core::Status {
        o.description = "Nouvelle présentation ; 'guillemets' \"doubles\"";
        return core::Ok{};
      });
  ASSERT_TRUE(version.ok()) << version.error().id;
  EXPECT_EQ(*version, 3);
  EXPECT_EQ(FindOrganisation(db(), *organisation)->description, "Nouvelle présentation ; 'guillemets' \"doubles\"");
  changes = ChangesSince(db(), 2);
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ(changes->front(), (CatalogueChange{3, 0, *organisation})) << "one change, not one per course";

  core::Result<std::vector<AuditEntry>> audit = ReadAudit(db());
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 3u);
  EXPECT_EQ((*audit)[0].action, "organisation.create");
  EXPECT_EQ((*audit)[1].action, "course.create");
  EXPECT_EQ((*audit)[1].entity, "course:" + std::to_string(*course));
  EXPECT_NE((*audit)[1].after_state.find("\"status\":\"draft\""), std::string::npos);
  EXPECT_EQ((*audit)[2].action, "organisation.edit");
  EXPECT_EQ((*audit)[2].actor, "user:8");
  EXPECT_EQ((*audit)[2].before_state.find("Nouvelle présentation"), std::string::npos);
  EXPECT_NE((*audit)[2].after_state.find("Nouvelle présentation"), std::string::npos);
}

TEST_P(CatalogueStoreTest, AFailedOrganisationEditStoresNothing) {
  int64_t organisation = AddOrganisation();
  core::Result<int64_t> version = EditOrganisation(db(), organisation, "user:1", [](core::Organisation& o) -> core::Status {
    o.name = "Changed";
    return core::MakeError(core::ErrorCode::kInvalidArgument, "refused");
  });
  ASSERT_FALSE(version.ok());
  EXPECT_EQ(version.error().id, "refused");
  EXPECT_EQ(FindOrganisation(db(), organisation)->name, SampleOrganisation().name);
  EXPECT_EQ(*CatalogueVersion(db()), 0);
  EXPECT_EQ(CountRows("audit_log"), 0);
  EXPECT_EQ(EditOrganisation(db(), organisation + 100, "user:1", [](core::Organisation&) -> core::Status {
              return core::Ok{};
            }).error().id,
            "organisation_not_found");
}

}  // namespace
}  // namespace tremplin::store
