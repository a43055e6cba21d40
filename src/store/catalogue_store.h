// Reading and writing the catalogue — organisations, courses, their professions and sessions —
// in the database. Values are stored as given: domain rules are checked in core, the store only
// turns constraint violations (duplicate SIRET, unknown organisation…) into core::Errors.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "core/course.h"
#include "core/organisation.h"
#include "core/result.h"
#include "store/database.h"

namespace tremplin::store {

// The whole catalogue, each list ordered by id; a course's sessions are ordered by id and its
// professions keep their order.
struct Catalogue {
  std::vector<core::Organisation> organisations;
  std::vector<core::Course> courses;
};

// Stores a new organisation and returns its id (organisation.id is ignored). A SIRET already
// stored fails with kConflict "conflict_duplicate_siret".
core::Result<int64_t> InsertOrganisation(Database& db, const core::Organisation& organisation);

// The organisation `id`, or kNotFound "organisation_not_found" (arg "id").
core::Result<core::Organisation> FindOrganisation(Database& db, int64_t id);

// Stores a new organisation as InsertOrganisation does, records the change (nodes add it to
// their catalogue) and appends to the audit log that `actor` created it. Returns its id.
core::Result<int64_t> CreateOrganisation(Database& db, const core::Organisation& organisation,
                                         std::string_view actor);

// Reads organisation `id`, lets `edit` change it and stores the result, in one transaction
// that holds the organisation, with an audit entry (who, before, after) and a change number
// (nodes read it again, and re-index its courses, which show its name). Returns the change
// number. Fails with
// kNotFound "organisation_not_found", or with the error `edit` returns (nothing is stored).
core::Result<int64_t> EditOrganisation(Database& db, int64_t id, std::string_view actor,
                                       const std::function<core::Status(core::Organisation&)>& edit);

// Stores a new course with its professions and sessions in one transaction and returns its id.
// The ids in `course` (course.id, sessions' id and course_id) are ignored: the database assigns
// them. An unknown organisation_id fails with kConflict "conflict_unknown_reference", a
// profession listed twice with kConflict "conflict_duplicate_profession".
core::Result<int64_t> InsertCourse(Database& db, const core::Course& course);

// Replaces the fields, professions and sessions of the stored course `course.id`, in one
// transaction, and gives it a new change number (CourseVersion). A session with an id keeps it
// (so what refers to it stays valid) and must already belong to this course, else kNotFound
// "session_not_found"; a session with id 0 is added; a stored session missing from
// `course.sessions` is deleted. Fails with kNotFound "course_not_found" when there is no such
// course.
core::Status UpdateCourse(Database& db, const core::Course& course);

// Reads course `id`, lets `edit` change it and stores the result (as UpdateCourse), in one
// transaction that holds the course against concurrent edits, so that two edits of different
// fields never undo each other, and appends to the audit log who (`actor`) changed it from
// what to what. Returns the course's new change number. Fails with kNotFound
// "course_not_found", or with the error `edit` returns (nothing is then stored).
core::Result<int64_t> EditCourse(Database& db, int64_t id, std::string_view actor,
                                 const std::function<core::Status(core::Course&)>& edit);

// InsertCourse with an audit entry: `actor` created it (with what). Returns its id.
core::Result<int64_t> CreateCourse(Database& db, const core::Course& course, std::string_view actor);

// The course `id` with its professions and sessions, or kNotFound "course_not_found" (arg "id").
core::Result<core::Course> FindCourse(Database& db, int64_t id);

// The catalogue change number of the last write to course `id`: every insert or update of a
// course takes the next number of one counter shared by all courses, so it grows with each
// change and lets a reader catch up with "what changed since number N".
core::Result<int64_t> CourseVersion(Database& db, int64_t id);

core::Result<int64_t> CountCourses(Database& db);

// The change log (catalogue_changes): every write of a course takes a change number and
// records it with the course's id — inserts, updates, SaveCatalogue (one per course) — and so
// does every creation or edit of an organisation (CreateOrganisation, EditOrganisation). A node
// that keeps a copy of the catalogue remembers the last number it has applied and asks for
// what came after; on PostgreSQL each committed write also sends NOTIFY on this channel with
// its number as payload, so that listeners know at once.
inline constexpr std::string_view kCatalogueChannel = "tremplin_catalogue";

struct CatalogueChange {
  int64_t version = 0;    // the change number
  int64_t course_id = 0;  // the course written (it may since have been removed); 0 for…
  int64_t organisation_id = 0;  // …an organisation created or edited
  friend bool operator==(const CatalogueChange&, const CatalogueChange&) = default;
};

// The last change number given (0 before any write).
core::Result<int64_t> CatalogueVersion(Database& db);

// The changes numbered after `version`, in order.
core::Result<std::vector<CatalogueChange>> ChangesSince(Database& db, int64_t version);

// Everything, in four queries inside one read transaction (a consistent snapshot).
core::Result<Catalogue> LoadCatalogue(Database& db);

// Stores a whole generated catalogue in one transaction, keeping the given ids: organisations
// and courses must have positive ids (else kInvalidArgument "catalogue_id_missing"); sessions
// keep theirs when non-zero, get new ones otherwise; each session's course_id is taken from
// its course. Refuses with kConflict "database_not_empty" when an organisation or a course is
// already stored, so that ids never collide. Appends one audit entry by `actor` (the counts).
// Nothing is written when anything fails.
core::Status SaveCatalogue(Database& db, const Catalogue& catalogue, std::string_view actor);

}  // namespace tremplin::store
