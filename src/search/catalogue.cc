#include "search/catalogue.h"

#include <algorithm>
#include <climits>
#include <iterator>
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

namespace {

constexpr auto kById = [](const auto& a, const auto& b) { return a.id < b.id; };
constexpr auto kByPointeeId = [](const auto& a, const auto& b) { return a->id < b->id; };

}  // namespace

Catalogue::Catalogue(std::vector<core::Organisation> organisations,
                     std::vector<core::Course> courses, const core::Taxonomy& taxonomy,
                     const core::Geography& geography)
    : taxonomy_(taxonomy), geography_(geography) {
  std::sort(organisations.begin(), organisations.end(), kById);
  organisations_ = std::make_shared<const std::vector<core::Organisation>>(std::move(organisations));
  courses_.reserve(courses.size());
  for (core::Course& c : courses) courses_.push_back(std::make_shared<const core::Course>(std::move(c)));
  std::sort(courses_.begin(), courses_.end(), kByPointeeId);
  for (const auto& course : courses_) by_organisation_.emplace_back(course->organisation_id, course->id);
  std::sort(by_organisation_.begin(), by_organisation_.end());
  std::vector<Document> documents;
  for (const auto& course : courses_)
    for (Document& d : DocumentsOf(*course)) documents.push_back(std::move(d));
  index_ = std::make_shared<IndexedEngine>(std::move(documents));
  engine_ = index_->Pinned();
}

std::vector<Document> Catalogue::DocumentsOf(const core::Course& course) const {
  const core::Organisation* organisation = FindOrganisation(course.organisation_id);
  if (!organisation || !course.IsSearchable()) return {};
  return MakeDocuments(course, *organisation, taxonomy_, geography_);
}

std::shared_ptr<const Catalogue> Catalogue::WithChanges(CatalogueChanges changes) const {
  auto next = std::shared_ptr<Catalogue>(new Catalogue(taxonomy_, geography_));
  next->index_ = index_;
  std::unordered_set<int64_t> reindexed;  // course ids
  next->organisations_ = organisations_;
  if (!changes.organisations.empty()) {
    std::vector<core::Organisation> organisations = *organisations_;
    for (core::Organisation& o : changes.organisations) {
      for (const core::Course* c : CoursesOf(o.id)) reindexed.insert(c->id);
      auto it = std::lower_bound(organisations.begin(), organisations.end(), o, kById);
      if (it != organisations.end() && it->id == o.id) *it = std::move(o);
      else organisations.insert(it, std::move(o));
    }
    next->organisations_ = std::make_shared<const std::vector<core::Organisation>>(std::move(organisations));
  }

  // The new list of courses: a merge of the old one (minus the replaced and removed) with the
  // changed ones, in id order.
  std::vector<std::shared_ptr<const core::Course>> changed;
  for (core::Course& c : changes.courses) {
    reindexed.insert(c.id);
    changed.push_back(std::make_shared<const core::Course>(std::move(c)));
  }
  // The last version of a course listed twice wins: stable sort, then keep the last of each id.
  std::stable_sort(changed.begin(), changed.end(), kByPointeeId);
  std::vector<std::shared_ptr<const core::Course>> unique;
  for (size_t i = 0; i < changed.size(); ++i)
    if (i + 1 == changed.size() || changed[i + 1]->id != changed[i]->id) unique.push_back(std::move(changed[i]));
  std::unordered_set<int64_t> removed(changes.removed_course_ids.begin(),
                                      changes.removed_course_ids.end());
  next->courses_.reserve(courses_.size() + unique.size());
  auto u = unique.begin();
  for (const auto& course : courses_) {
    for (; u != unique.end() && (*u)->id < course->id; ++u)
      if (!removed.contains((*u)->id)) next->courses_.push_back(*u);
    if (u != unique.end() && (*u)->id == course->id) {
      if (!removed.contains(course->id)) next->courses_.push_back(*u);
      ++u;
    } else if (!removed.contains(course->id)) {
      next->courses_.push_back(course);
    }
  }
  for (; u != unique.end(); ++u)
    if (!removed.contains((*u)->id)) next->courses_.push_back(*u);

  // The organisation index: the pairs of unchanged courses kept in order (those only re-indexed
  // for their organisation's sake included), merged with those of the changed courses.
  std::unordered_set<int64_t> replaced;
  for (const auto& course : unique) replaced.insert(course->id);
  std::vector<std::pair<int64_t, int64_t>> kept, added;
  kept.reserve(by_organisation_.size());
  for (const auto& pair : by_organisation_)
    if (!replaced.contains(pair.second) && !removed.contains(pair.second)) kept.push_back(pair);
  for (const auto& course : unique)
    if (!removed.contains(course->id)) added.emplace_back(course->organisation_id, course->id);
  std::sort(added.begin(), added.end());
  next->by_organisation_.reserve(kept.size() + added.size());
  std::merge(kept.begin(), kept.end(), added.begin(), added.end(),
             std::back_inserter(next->by_organisation_));

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
  auto it = std::lower_bound(courses_.begin(), courses_.end(), id,
                             [](const auto& course, int64_t value) { return course->id < value; });
  return it != courses_.end() && (*it)->id == id ? it->get() : nullptr;
}

const core::Organisation* Catalogue::FindOrganisation(int64_t id) const {
  auto it = std::lower_bound(organisations_->begin(), organisations_->end(), id,
                             [](const core::Organisation& o, int64_t value) { return o.id < value; });
  return it != organisations_->end() && it->id == id ? &*it : nullptr;
}

std::vector<const core::Course*> Catalogue::CoursesOf(int64_t organisation_id) const {
  std::vector<const core::Course*> courses;
  auto it = std::lower_bound(by_organisation_.begin(), by_organisation_.end(),
                             std::pair<int64_t, int64_t>(organisation_id, INT64_MIN));
  for (; it != by_organisation_.end() && it->first == organisation_id; ++it)
    if (const core::Course* c = FindCourse(it->second)) courses.push_back(c);
  return courses;
}

std::vector<const core::Course*> Catalogue::PublishedCoursesOf(int64_t organisation_id) const {
  std::vector<const core::Course*> courses = CoursesOf(organisation_id);
  std::erase_if(courses, [](const core::Course* c) { return !c->IsPublished(); });
  return courses;
}

}  // namespace tremplin::search
