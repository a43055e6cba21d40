// An immutable snapshot of the published catalogue — organisations, courses with their
// sessions, and the search engine over them — shared by every request thread. A change builds
// a new snapshot (WithChanges) and swaps it in (CatalogueHolder), so readers never see half an
// update: a snapshot's searches and its courses always agree.
#pragma once

#include <atomic>
#include <memory>
#include <vector>

#include "core/course.h"
#include "core/geography.h"
#include "core/metrics.h"
#include "core/organisation.h"
#include "core/taxonomy.h"
#include "search/engine.h"
#include "search/indexed_engine.h"
#include "search/snapshot.h"

namespace tremplin::search {

// What changed in the database since a catalogue was made.
struct CatalogueChanges {
  std::vector<core::Course> courses = {};              // added or replaced, by id
  std::vector<int64_t> removed_course_ids = {};        // no longer stored
  std::vector<core::Organisation> organisations = {};  // added or replaced, by id
};

class Catalogue {
 public:
  // Indexes `courses` (whose organisations are in `organisations`). Keeps references to
  // `taxonomy` and `geography`, which must outlive it.
  Catalogue(std::vector<core::Organisation> organisations, std::vector<core::Course> courses,
            const core::Taxonomy& taxonomy, const core::Geography& geography);

  // A new snapshot with `changes` applied; this one stays as it was. The search index is
  // updated in place for the courses that changed (their organisation's name is indexed too,
  // so the courses of a changed organisation are re-indexed). Call it on the newest snapshot
  // only, from one thread: snapshots share the index and each takes the index as it is then.
  std::shared_ptr<const Catalogue> WithChanges(CatalogueChanges changes) const;

  // Ordered by id.
  const std::vector<core::Organisation>& organisations() const { return *organisations_; }
  const std::vector<std::shared_ptr<const core::Course>>& courses() const { return courses_; }
  const core::Taxonomy& taxonomy() const { return taxonomy_; }
  const core::Geography& geography() const { return geography_; }
  const SearchEngine& engine() const { return *engine_; }

  // nullptr when unknown.
  const core::Course* FindCourse(int64_t id) const;
  const core::Organisation* FindOrganisation(int64_t id) const;
  // The courses of an organisation, by id.
  std::vector<const core::Course*> CoursesOf(int64_t organisation_id) const;
  // Those with a public page (not drafts, not archived).
  std::vector<const core::Course*> PublishedCoursesOf(int64_t organisation_id) const;

  SearchResult Search(const SearchQuery& query) const {
    core::ScopedTimer timer(core::SearchSeconds());
    return engine_->Search(query);
  }

 private:
  Catalogue(const core::Taxonomy& taxonomy, const core::Geography& geography)
      : taxonomy_(taxonomy), geography_(geography) {}
  // The documents of `course` in search: none unless it is published.
  std::vector<Document> DocumentsOf(const core::Course& course) const;

  // Sorted vectors searched by bisection rather than hash tables: a change copies them (a few
  // milliseconds for a national catalogue) where rebuilding tables would take far longer.
  // Organisations change rarely: a snapshot shares its predecessor's list until they do.
  std::shared_ptr<const std::vector<core::Organisation>> organisations_;
  std::vector<std::shared_ptr<const core::Course>> courses_;  // shared with later snapshots
  std::vector<std::pair<int64_t, int64_t>> by_organisation_;  // (organisation id, course id)
  const core::Taxonomy& taxonomy_;
  const core::Geography& geography_;
  std::shared_ptr<IndexedEngine> index_;         // the live index, shared by the snapshots
  std::shared_ptr<const SearchEngine> engine_;   // index_ as it was when this one was made
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
