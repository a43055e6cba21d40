// An immutable snapshot of the published catalogue — organisations, courses with their
// sessions, and the search engine over them — shared by every request thread. A change builds
// a new snapshot and swaps it in (CatalogueHolder), so readers never see half an update.
#pragma once

#include <atomic>
#include <memory>
#include <unordered_map>
#include <vector>

#include "core/course.h"
#include "core/geography.h"
#include "core/organisation.h"
#include "core/taxonomy.h"
#include "search/engine.h"
#include "search/snapshot.h"

namespace tremplin::search {

class Catalogue {
 public:
  // Indexes `courses` (whose organisations are in `organisations`). Keeps references to
  // `taxonomy` and `geography`, which must outlive it.
  Catalogue(std::vector<core::Organisation> organisations, std::vector<core::Course> courses,
            const core::Taxonomy& taxonomy, const core::Geography& geography);

  const std::vector<core::Organisation>& organisations() const { return organisations_; }
  const std::vector<core::Course>& courses() const { return courses_; }
  const core::Taxonomy& taxonomy() const { return taxonomy_; }
  const core::Geography& geography() const { return geography_; }
  const SearchEngine& engine() const { return *engine_; }

  // nullptr when unknown.
  const core::Course* FindCourse(int64_t id) const;
  const core::Organisation* FindOrganisation(int64_t id) const;
  // The courses of an organisation, by id.
  std::vector<const core::Course*> CoursesOf(int64_t organisation_id) const;

  SearchResult Search(const SearchQuery& query) const { return engine_->Search(query); }

 private:
  std::vector<core::Organisation> organisations_;
  std::vector<core::Course> courses_;
  const core::Taxonomy& taxonomy_;
  const core::Geography& geography_;
  std::unordered_map<int64_t, size_t> course_index_, organisation_index_;
  std::unordered_map<int64_t, std::vector<const core::Course*>> courses_by_organisation_;
  std::unique_ptr<SearchEngine> engine_;
};

// The search documents of one course: one per commune where it has sessions, one for its
// remote sessions; a course without sessions appears at its organisation's commune (or once,
// remote, when it is taught remotely).
std::vector<Document> MakeDocuments(const core::Course& course,
                                    const core::Organisation& organisation,
                                    const core::Taxonomy& taxonomy,
                                    const core::Geography& geography);

// Holds the current catalogue; readers take a shared_ptr and keep it for their request.
using CatalogueHolder = Snapshot<Catalogue>;

}  // namespace tremplin::search
