// Tests of the catalogue snapshot: which search documents a course gives, which courses are
// searchable, and the lookups pages rely on.
#include "search/catalogue.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

namespace tremplin::search {
namespace {

using core::Date;
using core::DeliveryMode;
using core::LabelState;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

core::Commune MakeCommune(std::string code, std::string name, std::string department,
                          std::string region, core::GeoPoint point) {
  core::Commune c;
  c.code = std::move(code);
  c.name = std::move(name);
  c.department_code = std::move(department);
  c.region_code = std::move(region);
  c.population = 1000;
  c.point = point;
  return c;
}

core::Geography SmallGeography() {
  return core::Geography({{"32", "Hauts-de-France"}, {"11", "Île-de-France"}},
                         {{"59", "Nord", "32"}, {"75", "Paris", "11"}},
                         {MakeCommune("59350", "Lille", "59", "32", {50.6292, 3.0573}),
                          MakeCommune("59512", "Roubaix", "59", "32", {50.6942, 3.1746}),
                          MakeCommune("75056", "Paris", "75", "11", {48.8566, 2.3522})});
}

core::Organisation MakeOrganisation(int64_t id, std::string name, std::string commune) {
  core::Organisation o;
  o.id = id;
  o.name = std::move(name);
  o.commune_code = std::move(commune);
  return o;
}

core::Session MakeSession(int64_t id, std::string commune, const char* start) {
  core::Session s;
  s.id = id;
  s.commune_code = std::move(commune);
  s.start = *Date::Parse(start);
  s.end = s.start.AddMonths(6);
  return s;
}

core::Course MakeCourse(int64_t id, int64_t organisation, std::string title, DeliveryMode mode,
                        std::vector<core::Session> sessions) {
  core::Course c;
  c.id = id;
  c.organisation_id = organisation;
  c.title = std::move(title);
  c.summary = "Un résumé";
  c.objectives = "Des objectifs";
  c.content = "Un programme";
  c.certification_title = "Développeur web et web mobile";
  c.certification_level = 5;
  c.family_id = "development";
  c.profession_ids = {"web-developer"};
  c.mode = mode;
  c.duration_weeks = 30;
  for (core::Session& s : sessions) s.course_id = id;
  c.sessions = std::move(sessions);
  return c;
}

std::set<std::string> Communes(const std::vector<Document>& docs) {
  std::set<std::string> out;
  for (const Document& d : docs) out.insert(d.remote ? "(remote)" : d.commune_code);
  return out;
}

class MakeDocumentsTest : public ::testing::Test {
 protected:
  std::vector<Document> Make(const core::Course& course) {
    return MakeDocuments(course, organisation_, core::GenTaxonomy(), geo_);
  }
  core::Geography geo_ = SmallGeography();
  core::Organisation organisation_ = MakeOrganisation(1, "École du code", "75056");
};

TEST_F(MakeDocumentsTest, OneDocumentPerCommuneOfTheSessions) {
  core::Course c =
      MakeCourse(10, 1, "Développeur web", DeliveryMode::kOnSite,
                 {MakeSession(1, "59350", "2027-09-01"), MakeSession(2, "59512", "2027-03-01"),
                  MakeSession(3, "59350", "2027-03-01")});
  std::vector<Document> docs = Make(c);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(Communes(docs), (std::set<std::string>{"59350", "59512"}));
  for (const Document& d : docs) {
    EXPECT_EQ(d.course_id, 10);
    EXPECT_FALSE(d.remote);
    EXPECT_EQ(d.department_code, "59");
    EXPECT_EQ(d.region_code, "32");
    ASSERT_TRUE(d.point.has_value());
    EXPECT_DOUBLE_EQ(d.point->lat, geo_.FindCommune(d.commune_code)->point->lat);
    if (d.commune_code == "59350") {
      EXPECT_THAT(d.session_starts,
                  ElementsAre(Date::FromYmd(2027, 3, 1), Date::FromYmd(2027, 9, 1)));
    } else {
      EXPECT_THAT(d.session_starts, ElementsAre(Date::FromYmd(2027, 3, 1)));
    }
  }
}

TEST_F(MakeDocumentsTest, DocumentsCarryTheCourseAndItsText) {
  core::Course c = MakeCourse(10, 1, "Développeur web", DeliveryMode::kOnSite,
                              {MakeSession(1, "59350", "2027-09-01")});
  std::vector<Document> docs = Make(c);
  ASSERT_EQ(docs.size(), 1u);
  const Document& d = docs[0];
  EXPECT_EQ(d.title, "Développeur web");
  EXPECT_EQ(d.organisation, "École du code");
  EXPECT_EQ(d.family_id, "development");
  EXPECT_THAT(d.profession_ids, ElementsAre("web-developer"));
  EXPECT_EQ(d.mode, DeliveryMode::kOnSite);
  EXPECT_EQ(d.duration_weeks, 30);
  EXPECT_EQ(d.certification_level, 5);
  // Family and profession names in both languages, and the profession's synonyms.
  EXPECT_THAT(d.professions, HasSubstr("Développement"));
  EXPECT_THAT(d.professions, HasSubstr("Development"));
  EXPECT_THAT(d.professions, HasSubstr("programmeur"));
  EXPECT_THAT(d.body, HasSubstr("Un résumé"));
  EXPECT_THAT(d.body, HasSubstr("Un programme"));
  EXPECT_THAT(d.body, HasSubstr("Développeur web et web mobile"));
}

TEST_F(MakeDocumentsTest, RemoteCourseIsOneDocument) {
  core::Course c = MakeCourse(11, 1, "À distance", DeliveryMode::kRemote,
                              {MakeSession(1, "", "2027-05-01"), MakeSession(2, "", "2027-02-01"),
                               MakeSession(3, "59350", "2027-03-01")});
  std::vector<Document> docs = Make(c);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_TRUE(docs[0].remote);
  EXPECT_EQ(docs[0].commune_code, "");
  EXPECT_EQ(docs[0].department_code, "");
  EXPECT_FALSE(docs[0].point.has_value());
  EXPECT_EQ(docs[0].mode, DeliveryMode::kRemote);
  EXPECT_THAT(
      docs[0].session_starts,
      ElementsAre(Date::FromYmd(2027, 2, 1), Date::FromYmd(2027, 3, 1), Date::FromYmd(2027, 5, 1)));
}

TEST_F(MakeDocumentsTest, BlendedCourseWithRemoteSessionsHasARemoteDocumentToo) {
  core::Course c =
      MakeCourse(12, 1, "Hybride", DeliveryMode::kBlended,
                 {MakeSession(1, "59350", "2027-05-01"), MakeSession(2, "", "2027-02-01")});
  EXPECT_EQ(Communes(Make(c)), (std::set<std::string>{"59350", "(remote)"}));
}

TEST_F(MakeDocumentsTest, CourseWithoutSessionsIsAtItsOrganisation) {
  core::Course c = MakeCourse(13, 1, "Sans session", DeliveryMode::kOnSite, {});
  std::vector<Document> docs = Make(c);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].commune_code, "75056");
  EXPECT_FALSE(docs[0].remote);
  EXPECT_THAT(docs[0].session_starts, IsEmpty());
}

TEST_F(MakeDocumentsTest, RemoteCourseWithoutSessionsIsOnceRemote) {
  core::Course c = MakeCourse(14, 1, "Sans session", DeliveryMode::kRemote, {});
  std::vector<Document> docs = Make(c);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_TRUE(docs[0].remote);
}

TEST_F(MakeDocumentsTest, UnknownCommuneCannotBeSearchedByPlace) {
  core::Course c =
      MakeCourse(15, 1, "Ailleurs", DeliveryMode::kOnSite,
                 {MakeSession(1, "99999", "2027-05-01"), MakeSession(2, "59350", "2027-05-01")});
  EXPECT_EQ(Communes(Make(c)), (std::set<std::string>{"59350"}));
}

class CatalogueTest : public ::testing::Test {
 protected:
  CatalogueTest() {
    std::vector<core::Organisation> organisations = {MakeOrganisation(1, "École du code", "59350"),
                                                     MakeOrganisation(2, "Campus", "75056")};
    std::vector<core::Course> courses;
    courses.push_back(
        MakeCourse(10, 1, "Développeur web", DeliveryMode::kOnSite,
                   {MakeSession(1, "59350", "2027-03-01"), MakeSession(2, "75056", "2027-04-01")}));
    courses.push_back(MakeCourse(11, 1, "Développeur à distance", DeliveryMode::kRemote,
                                 {MakeSession(3, "", "2027-03-01")}));
    courses.push_back(MakeCourse(12, 2, "Label retiré", DeliveryMode::kOnSite,
                                 {MakeSession(4, "75056", "2027-03-01")}));
    courses.back().label_state = LabelState::kWithdrawn;
    courses.push_back(MakeCourse(13, 2, "Label expiré", DeliveryMode::kOnSite,
                                 {MakeSession(5, "75056", "2027-03-01")}));
    courses.back().label_state = LabelState::kExpired;
    courses.push_back(MakeCourse(14, 2, "Renouvellement en cours", DeliveryMode::kOnSite,
                                 {MakeSession(6, "75056", "2027-03-01")}));
    courses.back().label_state = LabelState::kRenewalPending;
    courses.push_back(MakeCourse(15, 99, "Organisme inconnu", DeliveryMode::kOnSite,
                                 {MakeSession(7, "75056", "2027-03-01")}));
    catalogue_ = std::make_unique<Catalogue>(std::move(organisations), std::move(courses),
                                             core::GenTaxonomy(), geo_);
  }

  std::set<int64_t> SearchableCourses() const {
    SearchQuery q;
    q.per_page = kMaxPerPage;
    std::set<int64_t> ids;
    for (const Hit& h : catalogue_->Search(q).hits)
      ids.insert(h.course_id);
    return ids;
  }

  core::Geography geo_ = SmallGeography();
  std::unique_ptr<Catalogue> catalogue_;
};

TEST_F(CatalogueTest, LabelledCoursesAreSearchable) {
  EXPECT_EQ(SearchableCourses(), (std::set<int64_t>{10, 11, 14}));
  // Course 10 in two towns, course 11 once remote, course 14 once.
  EXPECT_EQ(catalogue_->engine().document_count(), 4u);
}

TEST_F(CatalogueTest, WithdrawnAndExpiredCoursesKeepTheirPage) {
  ASSERT_NE(catalogue_->FindCourse(12), nullptr);
  EXPECT_EQ(catalogue_->FindCourse(12)->title, "Label retiré");
  ASSERT_NE(catalogue_->FindCourse(13), nullptr);
  EXPECT_EQ(catalogue_->FindCourse(13)->label_state, LabelState::kExpired);
  EXPECT_NE(catalogue_->FindCourse(15), nullptr);
  EXPECT_EQ(catalogue_->FindCourse(999), nullptr);
}

TEST_F(CatalogueTest, FindOrganisation) {
  ASSERT_NE(catalogue_->FindOrganisation(2), nullptr);
  EXPECT_EQ(catalogue_->FindOrganisation(2)->name, "Campus");
  EXPECT_EQ(catalogue_->FindOrganisation(99), nullptr);
}

TEST_F(CatalogueTest, CoursesOfAnOrganisation) {
  std::vector<int64_t> ids;
  for (const core::Course* c : catalogue_->CoursesOf(2)) ids.push_back(c->id);
  EXPECT_THAT(ids, ElementsAre(12, 13, 14));
  ids.clear();
  for (const core::Course* c : catalogue_->CoursesOf(1)) ids.push_back(c->id);
  EXPECT_THAT(ids, ElementsAre(10, 11));
  EXPECT_THAT(catalogue_->CoursesOf(3), IsEmpty());
}

TEST_F(CatalogueTest, SearchFindsTheTextOfACourse) {
  SearchQuery q;
  q.text = "developpeur distance";
  SearchResult r = catalogue_->Search(q);
  ASSERT_EQ(r.total, 1);
  EXPECT_EQ(r.remote_total, 1);
  EXPECT_EQ(r.hits[0].course_id, 11);
}

TEST_F(CatalogueTest, KeepsItsReferences) {
  EXPECT_EQ(&catalogue_->geography(), &geo_);
  EXPECT_EQ(&catalogue_->taxonomy(), &core::GenTaxonomy());
  EXPECT_EQ(catalogue_->courses().size(), 6u);
  EXPECT_EQ(catalogue_->organisations().size(), 2u);
}

// The ids of the courses a text search finds in `catalogue`.
std::set<int64_t> Found(const Catalogue& catalogue, std::string text) {
  SearchQuery q;
  q.text = std::move(text);
  q.per_page = kMaxPerPage;
  std::set<int64_t> ids;
  for (const Hit& h : catalogue.Search(q).hits) ids.insert(h.course_id);
  return ids;
}

TEST_F(CatalogueTest, WithChangesReplacesACourseAndLeavesTheOldSnapshotAsItWas) {
  core::Course edited = *catalogue_->FindCourse(10);
  edited.title = "Technicien fibre optique";
  auto next = catalogue_->WithChanges({.courses = {edited}});

  EXPECT_EQ(next->FindCourse(10)->title, "Technicien fibre optique");
  EXPECT_EQ(Found(*next, "fibre"), (std::set<int64_t>{10}));
  EXPECT_EQ(next->engine().document_count(), 4u);
  // A request still holding the old snapshot sees the old course and the old index.
  EXPECT_EQ(catalogue_->FindCourse(10)->title, "Développeur web");
  EXPECT_THAT(Found(*catalogue_, "fibre"), IsEmpty());
  // Unchanged courses are shared, not copied.
  EXPECT_EQ(next->FindCourse(11), catalogue_->FindCourse(11));
}

TEST_F(CatalogueTest, WithChangesAddsACourseOfANewOrganisation) {
  core::Course added = MakeCourse(20, 3, "Data analyst", DeliveryMode::kOnSite,
                                  {MakeSession(30, "59512", "2027-06-01")});
  auto next = catalogue_->WithChanges(
      {.courses = {added}, .organisations = {MakeOrganisation(3, "Data école", "59512")}});
  ASSERT_NE(next->FindCourse(20), nullptr);
  ASSERT_NE(next->FindOrganisation(3), nullptr);
  EXPECT_EQ(Found(*next, "analyst"), (std::set<int64_t>{20}));
  EXPECT_EQ(Found(*next, "data ecole"), (std::set<int64_t>{20}));  // the organisation's name
  EXPECT_EQ(next->courses().size(), 7u);
  EXPECT_EQ(next->courses().back()->id, 20);  // still ordered by id
  EXPECT_EQ(next->CoursesOf(3).size(), 1u);
}

TEST_F(CatalogueTest, WithChangesRemovesCoursesAndWithdrawnOnesLeaveSearch) {
  core::Course withdrawn = *catalogue_->FindCourse(14);
  withdrawn.label_state = LabelState::kWithdrawn;
  auto next = catalogue_->WithChanges({.courses = {withdrawn}, .removed_course_ids = {11}});
  EXPECT_EQ(next->FindCourse(11), nullptr);
  ASSERT_NE(next->FindCourse(14), nullptr);  // keeps its page
  SearchQuery all;
  all.per_page = kMaxPerPage;
  std::set<int64_t> ids;
  for (const Hit& h : next->Search(all).hits) ids.insert(h.course_id);
  EXPECT_EQ(ids, (std::set<int64_t>{10}));
  EXPECT_EQ(next->engine().document_count(), 2u);
  EXPECT_THAT(next->CoursesOf(1), ::testing::SizeIs(1));
}

TEST_F(CatalogueTest, ARenamedOrganisationIsFoundByItsNewName) {
  auto next = catalogue_->WithChanges({.organisations = {MakeOrganisation(1, "Simplon Lille", "59350")}});
  EXPECT_EQ(Found(*next, "simplon"), (std::set<int64_t>{10, 11}));
  EXPECT_THAT(Found(*next, "ecole"), IsEmpty());
  EXPECT_EQ(Found(*catalogue_, "ecole"), (std::set<int64_t>{10, 11}));
  EXPECT_EQ(next->FindOrganisation(1)->name, "Simplon Lille");
  EXPECT_EQ(next->CoursesOf(1).size(), catalogue_->CoursesOf(1).size())
      << "its courses are re-indexed, and still its courses";
  EXPECT_THAT(next->CoursesOf(1), ::testing::SizeIs(2));
}

TEST_F(CatalogueTest, SuccessiveChangesBuildOnEachOther) {
  std::shared_ptr<const Catalogue> current = catalogue_->WithChanges({});
  for (int i = 0; i < 50; ++i) {
    core::Course c = *current->FindCourse(10);
    c.title = "Version " + std::to_string(i) + " mot" + std::string(1, static_cast<char>('a' + i % 26)) + "zz";
    current = current->WithChanges({.courses = {c}});
  }
  EXPECT_EQ(current->FindCourse(10)->title, "Version 49 motxzz");
  EXPECT_EQ(Found(*current, "motxzz"), (std::set<int64_t>{10}));
  EXPECT_EQ(current->engine().document_count(), 4u);
}

TEST(CatalogueHolder, SwapsSnapshots) {
  core::Geography geo = SmallGeography();
  CatalogueHolder holder;
  EXPECT_EQ(holder.Get(), nullptr);
  auto first = std::make_shared<const Catalogue>(
      std::vector<core::Organisation>{}, std::vector<core::Course>{}, core::GenTaxonomy(), geo);
  holder.Set(first);
  std::shared_ptr<const Catalogue> reader = holder.Get();
  EXPECT_EQ(reader, first);
  auto second = std::make_shared<const Catalogue>(
      std::vector<core::Organisation>{}, std::vector<core::Course>{}, core::GenTaxonomy(), geo);
  holder.Set(second);
  EXPECT_EQ(holder.Get(), second);
  EXPECT_EQ(reader, first);  // a reader keeps its snapshot
}

}  // namespace
}  // namespace tremplin::search
