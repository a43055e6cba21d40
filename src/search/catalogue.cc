#include "search/catalogue.h"

#include <algorithm>
#include <map>
#include <unordered_set>

namespace tremplin::search {
namespace {

std::string ProfessionText(const core::Course& course, const core::Taxonomy& taxonomy) {
  std::string text;
  auto append = [&](std::string_view part) {
    if (!text.empty()) text += " · ";
    text += part;
  };
  if (const core::Family* f = taxonomy.FindFamily(course.family_id)) {
    append(f->name_fr);
    append(f->name_en);
  }
  for (const std::string& id : course.profession_ids) {
    const core::Profession* p = taxonomy.FindProfession(id);
    if (!p) continue;
    append(p->name_fr);
    append(p->name_en);
    for (std::string_view s : p->synonyms) append(s);
  }
  return text;
}

}  // namespace

std::vector<Document> MakeDocuments(const core::Course& course,
                                    const core::Organisation& organisation,
                                    const core::Taxonomy& taxonomy,
                                    const core::Geography& geography) {
  Document base;
  base.course_id = course.id;
  base.mode = course.mode;
  base.family_id = course.family_id;
  base.profession_ids = course.profession_ids;
  base.duration_weeks = course.duration_weeks;
  base.certification_level = course.certification_level;
  base.title = course.title;
  base.professions = ProfessionText(course, taxonomy);
  base.organisation = organisation.name;
  base.body = course.summary + "\n" + course.objectives + "\n" + course.content + "\n" +
              course.certification_title;

  // Sessions grouped by commune; "" collects remote sessions.
  std::map<std::string, std::vector<const core::Session*>> by_place;
  for (const core::Session& s : course.sessions)
    by_place[course.mode == core::DeliveryMode::kRemote ? "" : s.commune_code].push_back(&s);
  if (by_place.empty())
    by_place[course.mode == core::DeliveryMode::kRemote ? "" : organisation.commune_code];

  std::vector<Document> documents;
  for (const auto& [commune_code, sessions] : by_place) {
    Document d = base;
    d.remote = commune_code.empty();
    if (!d.remote) {
      const core::Commune* commune = geography.FindCommune(commune_code);
      if (!commune) continue;  // unknown place: cannot be searched by place
      d.commune_code = commune_code;
      d.department_code = commune->department_code;
      d.region_code = commune->region_code;
      d.point = commune->point;
    }
    for (const core::Session* s : sessions) d.session_starts.push_back(s->start);
    std::sort(d.session_starts.begin(), d.session_starts.end());
    documents.push_back(std::move(d));
  }
  return documents;
}

Catalogue::Catalogue(std::vector<core::Organisation> organisations,
                     std::vector<core::Course> courses, const core::Taxonomy& taxonomy,
                     const core::Geography& geography)
    : organisations_(std::move(organisations)), taxonomy_(taxonomy), geography_(geography) {
  courses_.reserve(courses.size());
  for (core::Course& c : courses) courses_.push_back(std::make_shared<const core::Course>(std::move(c)));
  Index();
  std::vector<Document> documents;
  for (const auto& course : courses_)
    for (Document& d : DocumentsOf(*course)) documents.push_back(std::move(d));
  index_ = std::make_shared<IndexedEngine>(std::move(documents));
  engine_ = index_->Pinned();
}

void Catalogue::Index() {
  auto by_id = [](const auto& a, const auto& b) { return a.id < b.id; };
  std::sort(organisations_.begin(), organisations_.end(), by_id);
  std::sort(courses_.begin(), courses_.end(), [](const auto& a, const auto& b) { return a->id < b->id; });
  organisation_index_.clear();
  course_index_.clear();
  courses_by_organisation_.clear();
  for (size_t i = 0; i < organisations_.size(); ++i) organisation_index_[organisations_[i].id] = i;
  for (const auto& course : courses_) {
    course_index_[course->id] = course.get();
    courses_by_organisation_[course->organisation_id].push_back(course.get());
  }
}

std::vector<Document> Catalogue::DocumentsOf(const core::Course& course) const {
  const core::Organisation* organisation = FindOrganisation(course.organisation_id);
  // Only labelled courses are searchable; a withdrawn or expired one keeps its page.
  bool published = course.label_state == core::LabelState::kLabelled ||
                   course.label_state == core::LabelState::kRenewalPending;
  if (!organisation || !published) return {};
  return MakeDocuments(course, *organisation, taxonomy_, geography_);
}

std::shared_ptr<const Catalogue> Catalogue::WithChanges(CatalogueChanges changes) const {
  auto next = std::shared_ptr<Catalogue>(new Catalogue(taxonomy_, geography_));
  next->organisations_ = organisations_;
  next->index_ = index_;
  std::unordered_set<int64_t> reindexed;  // course ids
  for (core::Organisation& o : changes.organisations) {
    for (const core::Course* c : CoursesOf(o.id)) reindexed.insert(c->id);
    auto it = organisation_index_.find(o.id);
    if (it != organisation_index_.end()) next->organisations_[it->second] = std::move(o);
    else next->organisations_.push_back(std::move(o));
  }
  std::unordered_map<int64_t, std::shared_ptr<const core::Course>> replaced;
  for (core::Course& c : changes.courses) {
    reindexed.insert(c.id);
    replaced[c.id] = std::make_shared<const core::Course>(std::move(c));
  }
  std::unordered_set<int64_t> removed(changes.removed_course_ids.begin(),
                                      changes.removed_course_ids.end());
  next->courses_.reserve(courses_.size() + replaced.size());
  for (const auto& course : courses_) {
    if (removed.contains(course->id)) continue;
    auto it = replaced.find(course->id);
    if (it == replaced.end()) {
      next->courses_.push_back(course);
    } else {
      next->courses_.push_back(std::move(it->second));
      replaced.erase(it);
    }
  }
  for (auto& [id, course] : replaced)
    if (!removed.contains(id)) next->courses_.push_back(std::move(course));
  next->Index();

  std::vector<IndexedEngine::CourseDocuments> updates;
  for (int64_t id : removed) updates.push_back({id, {}});
  for (int64_t id : reindexed) {
    if (removed.contains(id)) continue;
    const core::Course* course = next->FindCourse(id);
    updates.push_back({id, course ? next->DocumentsOf(*course) : std::vector<Document>{}});
  }
  if (!updates.empty()) index_->Upsert(std::move(updates));
  next->engine_ = index_->Pinned();
  return next;
}

const core::Course* Catalogue::FindCourse(int64_t id) const {
  auto it = course_index_.find(id);
  return it == course_index_.end() ? nullptr : it->second;
}

const core::Organisation* Catalogue::FindOrganisation(int64_t id) const {
  auto it = organisation_index_.find(id);
  return it == organisation_index_.end() ? nullptr : &organisations_[it->second];
}

std::vector<const core::Course*> Catalogue::CoursesOf(int64_t organisation_id) const {
  auto it = courses_by_organisation_.find(organisation_id);
  return it == courses_by_organisation_.end() ? std::vector<const core::Course*>{} : it->second;
}

}  // namespace tremplin::search
