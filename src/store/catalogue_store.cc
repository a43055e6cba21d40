#include "store/catalogue_store.h"

#include <soci/soci.h>

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "store/audit_log.h"
#include "store/course_state.h"
#include "store/rows.h"

namespace tremplin::store {
namespace {

using namespace rows;

core::Error NotFound(std::string id, int64_t value) {
  core::Error error = core::MakeError(core::ErrorCode::kNotFound, std::move(id));
  error.With("id", std::to_string(value));
  return error;
}

// On PostgreSQL, NOTIFY kCatalogueChannel with change number `version` (sent at commit).
void NotifyChange(Database& db, soci::session& sql, int64_t version) {
  if (db.backend() != Backend::kPostgresql) return;
  const std::string channel(kCatalogueChannel);
  sql << "SELECT pg_notify(:channel, CAST(:version AS TEXT))", soci::use(channel),
      soci::use(version);
}

// The next catalogue change number (see the change_counters table).
int64_t NextChangeNumber(soci::session& sql) {
  int64_t value = 0;
  sql << "UPDATE change_counters SET value = value + 1 WHERE name = 'catalogue' RETURNING value",
      soci::into(value);
  return value;
}

// Records that course `course_id` (or, with course_id 0, organisation `organisation_id`)
// changed with change number `version` (catalogue_changes), and on PostgreSQL tells the nodes
// listening, once the transaction commits.
void RecordChange(Database& db, soci::session& sql, int64_t version, int64_t course_id,
                  int64_t organisation_id = 0) {
  const std::string now = UtcTimestamp();
  sql << "INSERT INTO catalogue_changes (version, course_id, organisation_id, changed_at) "
         "VALUES (:version, :course_id, :organisation_id, :changed_at)",
      soci::use(version), soci::use(course_id), soci::use(organisation_id), soci::use(now);
  NotifyChange(db, sql, version);
}

// A prepared insert of course professions, reused across courses.
class ProfessionWriter {
 public:
  explicit ProfessionWriter(soci::session& sql)
      : insert_(PrepareInsert(sql, "course_professions", row_, false)) {}
  ProfessionWriter(const ProfessionWriter&) = delete;
  ProfessionWriter& operator=(const ProfessionWriter&) = delete;

  void Write(int64_t course_id, const std::vector<std::string>& profession_ids) {
    row_.course_id = course_id;
    for (size_t i = 0; i < profession_ids.size(); ++i) {
      row_.profession_id = profession_ids[i];
      row_.position = static_cast<int>(i);
      insert_.execute(true);
    }
  }

 private:
  ProfessionRow row_;  // bound to insert_: declared first
  soci::statement insert_;
};

// Reads the courses selected by `tail` (without professions and sessions) into `courses`.
core::Status ReadCourses(soci::session& sql, std::string_view tail, const int64_t* key,
                         std::vector<core::Course>& courses) {
  CourseRow row;
  soci::statement st = PrepareSelect(sql, "courses", row, tail, key);
  st.execute();
  while (st.fetch()) {
    core::Result<core::Course> course = row.Take();
    if (!course.ok()) return course.error();
    courses.push_back(std::move(*course));
  }
  return core::Ok{};
}

// Adds to `courses` their professions and sessions, selected by `where` ("WHERE course_id =
// :id", or "" for all): two queries whatever the number of courses.
core::Status ReadCourseChildren(soci::session& sql, std::string_view where, const int64_t* key,
                                std::vector<core::Course>& courses) {
  std::unordered_map<int64_t, core::Course*> by_id;
  by_id.reserve(courses.size());
  for (core::Course& course : courses) by_id.emplace(course.id, &course);

  ProfessionRow profession;
  soci::statement professions =
      PrepareSelect(sql, "course_professions", profession,
                    std::string(where) + " ORDER BY course_id, position", key);
  professions.execute();
  while (professions.fetch()) {
    auto found = by_id.find(profession.course_id);
    if (found != by_id.end()) found->second->profession_ids.push_back(profession.profession_id);
  }

  SessionRow session;
  soci::statement sessions = PrepareSelect(sql, "course_sessions", session,
                                           std::string(where) + " ORDER BY course_id, id", key);
  sessions.execute();
  while (sessions.fetch()) {
    core::Result<core::Session> read = session.Take();
    if (!read.ok()) return read.error();
    auto found = by_id.find(read->course_id);
    if (found != by_id.end()) found->second->sessions.push_back(std::move(*read));
  }
  return core::Ok{};
}

int64_t Count(soci::session& sql, std::string_view table) {
  int64_t count = 0;
  sql << "SELECT COUNT(*) FROM " + std::string(table), soci::into(count);
  return count;
}

}  // namespace

core::Result<int64_t> InsertOrganisation(Database& db, const core::Organisation& organisation) {
  return db.Transaction([&](soci::session& sql) -> core::Result<int64_t> {
    OrganisationRow row;
    row.From(organisation);
    row.created_at = row.updated_at = UtcTimestamp();
    int64_t id = 0;
    PrepareInsert(sql, "organisations", row, false, &id).execute(true);
    return id;
  });
}

core::Result<core::Organisation> FindOrganisation(Database& db, int64_t id) {
  return db.ReadTransaction([&](soci::session& sql) -> core::Result<core::Organisation> {
    OrganisationRow row;
    soci::statement st = PrepareSelect(sql, "organisations", row, "WHERE id = :id", &id);
    if (!st.execute(true)) return NotFound("organisation_not_found", id);
    return row.Take();
  });
}

core::Result<int64_t> CreateOrganisation(Database& db, const core::Organisation& organisation,
                                         std::string_view actor) {
  return db.Transaction([&](soci::session& sql) -> core::Result<int64_t> {
    core::Result<int64_t> id = InsertOrganisation(db, organisation);
    if (!id.ok()) return id.error();
    RecordChange(db, sql, NextChangeNumber(sql), 0, *id);
    core::Result<core::Organisation> stored = FindOrganisation(db, *id);
    if (!stored.ok()) return stored.error();
    AuditEntry entry;
    entry.actor = std::string(actor);
    entry.action = "organisation.create";
    entry.entity = "organisation:" + std::to_string(*id);
    entry.after_state = OrganisationState(*stored);
    core::Result<int64_t> audited = AppendAudit(db, std::move(entry));
    if (!audited.ok()) return audited.error();
    return *id;
  });
}

core::Result<int64_t> EditOrganisation(Database& db, int64_t id, std::string_view actor,
                                       const std::function<core::Status(core::Organisation&)>& edit) {
  return db.Transaction([&](soci::session& sql) -> core::Result<int64_t> {
    if (db.backend() == Backend::kPostgresql) {  // as EditCourse
      int64_t locked = 0;
      sql << "SELECT id FROM organisations WHERE id = :id FOR UPDATE", soci::use(id), soci::into(locked);
    }
    core::Result<core::Organisation> organisation = FindOrganisation(db, id);
    if (!organisation.ok()) return organisation.error();
    AuditEntry entry;
    entry.before_state = OrganisationState(*organisation);
    core::Status edited = edit(*organisation);
    if (!edited.ok()) return edited.error();
    organisation->id = id;
    OrganisationRow row;
    row.From(*organisation);
    row.updated_at = UtcTimestamp();
    PrepareUpdate(sql, "organisations", row).execute(true);

    const int64_t version = NextChangeNumber(sql);
    RecordChange(db, sql, version, 0, id);
    entry.actor = std::string(actor);
    entry.action = "organisation.edit";
    entry.entity = "organisation:" + std::to_string(id);
    entry.after_state = OrganisationState(*organisation);
    core::Result<int64_t> audited = AppendAudit(db, std::move(entry));
    if (!audited.ok()) return audited.error();
    return version;
  });
}

core::Result<int64_t> CreateCourse(Database& db, const core::Course& course, std::string_view actor) {
  return db.Transaction([&](soci::session& sql) -> core::Result<int64_t> {
    core::Result<int64_t> id = InsertCourse(db, course);
    if (!id.ok()) return id.error();
    core::Result<core::Course> stored = FindCourse(db, *id);
    if (!stored.ok()) return stored.error();
    AuditEntry entry;
    entry.actor = std::string(actor);
    entry.action = "course.create";
    entry.entity = "course:" + std::to_string(*id);
    entry.after_state = CourseState(*stored);
    core::Result<int64_t> audited = AppendAudit(db, std::move(entry));
    if (!audited.ok()) return audited.error();
    return *id;
  });
}

core::Result<int64_t> InsertCourse(Database& db, const core::Course& course) {
  return db.Transaction([&](soci::session& sql) -> core::Result<int64_t> {
    CourseRow row;
    row.From(course);
    row.version = NextChangeNumber(sql);
    row.created_at = row.updated_at = UtcTimestamp();
    int64_t id = 0;
    PrepareInsert(sql, "courses", row, false, &id).execute(true);

    ProfessionWriter(sql).Write(id, course.profession_ids);
    SessionRow session;
    soci::statement insert_session = PrepareInsert(sql, "course_sessions", session, false);
    for (const core::Session& s : course.sessions) {
      session.From(s, id);
      insert_session.execute(true);
    }
    RecordChange(db, sql, row.version, id);
    return id;
  });
}

core::Status UpdateCourse(Database& db, const core::Course& course) {
  return db.Transaction([&](soci::session& sql) -> core::Status {
    const int64_t course_id = course.id;
    int exists = 0;
    sql << "SELECT COUNT(*) FROM courses WHERE id = :id", soci::use(course_id), soci::into(exists);
    if (exists == 0) return NotFound("course_not_found", course_id);

    CourseRow row;
    row.From(course);
    row.version = NextChangeNumber(sql);
    row.updated_at = UtcTimestamp();
    PrepareUpdate(sql, "courses", row).execute(true);
    RecordChange(db, sql, row.version, course_id);

    sql << "DELETE FROM course_professions WHERE course_id = :id", soci::use(course_id);
    ProfessionWriter(sql).Write(course_id, course.profession_ids);

    std::unordered_set<int64_t> stored;
    {
      int64_t stored_id = 0;
      soci::statement st = (sql.prepare << "SELECT id FROM course_sessions WHERE course_id = :id",
                            soci::use(course_id), soci::into(stored_id));
      st.execute();
      while (st.fetch()) stored.insert(stored_id);
    }
    std::unordered_set<int64_t> kept;
    SessionRow session;
    soci::statement update_session = PrepareUpdate(sql, "course_sessions", session);
    soci::statement insert_session = PrepareInsert(sql, "course_sessions", session, false);
    for (const core::Session& s : course.sessions) {
      session.From(s, course_id);
      if (s.id == 0) {
        insert_session.execute(true);
        continue;
      }
      if (!stored.contains(s.id)) return NotFound("session_not_found", s.id);
      if (!kept.insert(s.id).second) {
        core::Error error = core::MakeError(core::ErrorCode::kConflict, "conflict_duplicate_id");
        error.With("id", std::to_string(s.id));
        return error;
      }
      update_session.execute(true);
    }
    for (int64_t stored_id : stored) {
      if (!kept.contains(stored_id))
        sql << "DELETE FROM course_sessions WHERE id = :id", soci::use(stored_id);
    }
    return core::Ok{};
  });
}

core::Result<int64_t> EditCourse(Database& db, int64_t id, std::string_view actor,
                                 const std::function<core::Status(core::Course&)>& edit) {
  return db.Transaction([&](soci::session& sql) -> core::Result<int64_t> {
    // SQLite's write transaction already excludes every other writer; PostgreSQL's row lock
    // makes a concurrent edit of this course wait until this one commits.
    if (db.backend() == Backend::kPostgresql) {
      int64_t locked = 0;
      sql << "SELECT id FROM courses WHERE id = :id FOR UPDATE", soci::use(id), soci::into(locked);
    }
    core::Result<core::Course> course = FindCourse(db, id);
    if (!course.ok()) return course.error();
    AuditEntry entry;
    entry.before_state = CourseState(*course);
    core::Status edited = edit(*course);
    if (!edited.ok()) return edited.error();
    core::Status updated = UpdateCourse(db, *course);
    if (!updated.ok()) return updated.error();
    core::Result<core::Course> after = FindCourse(db, id);  // as stored: new session ids…
    if (!after.ok()) return after.error();
    entry.actor = std::string(actor);
    entry.action = "course.edit";
    entry.entity = "course:" + std::to_string(id);
    entry.after_state = CourseState(*after);
    core::Result<int64_t> audited = AppendAudit(db, std::move(entry));
    if (!audited.ok()) return audited.error();
    return CourseVersion(db, id);
  });
}

core::Result<core::Course> FindCourse(Database& db, int64_t id) {
  return db.ReadTransaction([&](soci::session& sql) -> core::Result<core::Course> {
    std::vector<core::Course> courses;
    core::Status read = ReadCourses(sql, "WHERE id = :id", &id, courses);
    if (!read.ok()) return read.error();
    if (courses.empty()) return NotFound("course_not_found", id);
    read = ReadCourseChildren(sql, "WHERE course_id = :id", &id, courses);
    if (!read.ok()) return read.error();
    return std::move(courses.front());
  });
}

core::Result<int64_t> CourseVersion(Database& db, int64_t id) {
  return db.ReadTransaction([&](soci::session& sql) -> core::Result<int64_t> {
    int64_t version = 0;
    sql << "SELECT version FROM courses WHERE id = :id", soci::use(id), soci::into(version);
    if (!sql.got_data()) return NotFound("course_not_found", id);
    return version;
  });
}

core::Result<int64_t> CountCourses(Database& db) {
  return db.ReadTransaction(
      [&](soci::session& sql) -> core::Result<int64_t> { return Count(sql, "courses"); });
}

core::Result<Catalogue> LoadCatalogue(Database& db) {
  return db.ReadTransaction([&](soci::session& sql) -> core::Result<Catalogue> {
    Catalogue catalogue;
    OrganisationRow row;
    soci::statement organisations =
        PrepareSelect(sql, "organisations", row, "ORDER BY id", nullptr);
    organisations.execute();
    while (organisations.fetch()) catalogue.organisations.push_back(row.Take());

    core::Status read = ReadCourses(sql, "ORDER BY id", nullptr, catalogue.courses);
    if (!read.ok()) return read.error();
    read = ReadCourseChildren(sql, "", nullptr, catalogue.courses);
    if (!read.ok()) return read.error();
    return catalogue;
  });
}

core::Status SaveCatalogue(Database& db, const Catalogue& catalogue, std::string_view actor) {
  auto id_missing = [](std::string table) {
    core::Error error = core::MakeError(core::ErrorCode::kInvalidArgument, "catalogue_id_missing");
    error.With("table", std::move(table));
    return error;
  };
  for (const core::Organisation& o : catalogue.organisations)
    if (o.id <= 0) return id_missing("organisations");
  for (const core::Course& c : catalogue.courses)
    if (c.id <= 0) return id_missing("courses");

  return db.Transaction([&](soci::session& sql) -> core::Status {
    if (Count(sql, "organisations") + Count(sql, "courses") > 0)
      return core::MakeError(core::ErrorCode::kConflict, "database_not_empty");
    const std::string now = UtcTimestamp();

    OrganisationRow organisation;
    soci::statement insert_organisation =
        PrepareInsert(sql, "organisations", organisation, /*with_id=*/true);
    for (const core::Organisation& o : catalogue.organisations) {
      organisation.From(o);
      organisation.created_at = organisation.updated_at = now;
      insert_organisation.execute(true);
    }

    // One change number per course, taken from the counter in one step.
    int64_t change_number = 0;
    sql << "SELECT value FROM change_counters WHERE name = 'catalogue'", soci::into(change_number);
    CourseRow course;
    soci::statement insert_course = PrepareInsert(sql, "courses", course, /*with_id=*/true);
    ProfessionWriter professions(sql);
    SessionRow session;
    soci::statement insert_session_with_id =
        PrepareInsert(sql, "course_sessions", session, /*with_id=*/true);
    soci::statement insert_session = PrepareInsert(sql, "course_sessions", session, false);
    std::vector<std::pair<const core::Session*, int64_t>> without_id;  // (session, course)
    int64_t changed_course = 0;
    soci::statement insert_change =
        (sql.prepare << "INSERT INTO catalogue_changes (version, course_id, changed_at) "
                        "VALUES (:version, :course_id, :changed_at)",
         soci::use(course.version), soci::use(changed_course), soci::use(now));
    for (const core::Course& c : catalogue.courses) {
      course.From(c);
      course.version = ++change_number;
      course.created_at = course.updated_at = now;
      insert_course.execute(true);
      changed_course = c.id;
      insert_change.execute(true);
      professions.Write(c.id, c.profession_ids);
      for (const core::Session& s : c.sessions) {
        if (s.id == 0) {
          without_id.emplace_back(&s, c.id);
          continue;
        }
        session.From(s, c.id);
        insert_session_with_id.execute(true);
      }
    }
    sql << "UPDATE change_counters SET value = :value WHERE name = 'catalogue'",
        soci::use(change_number);
    NotifyChange(db, sql, change_number);
    // Sessions without an id get theirs after every given one, as later inserts will (on
    // PostgreSQL, once the identities are past the ids given).
    if (db.backend() == Backend::kPostgresql) AdvanceIdentities(sql);
    for (const auto& [s, course_id] : without_id) {
      session.From(*s, course_id);
      insert_session.execute(true);
    }
    // One audit entry for the whole import: its size, not a copy of every course.
    AuditEntry entry;
    entry.actor = std::string(actor);
    entry.action = "catalogue.import";
    entry.entity = "catalogue";
    entry.after_state = "{\"organisations\":" + std::to_string(catalogue.organisations.size()) +
                        ",\"courses\":" + std::to_string(catalogue.courses.size()) +
                        ",\"last_change\":" + std::to_string(change_number) + "}";
    core::Result<int64_t> audited = AppendAudit(db, std::move(entry));
    if (!audited.ok()) return audited.error();
    return core::Ok{};
  });
}

core::Result<int64_t> CatalogueVersion(Database& db) {
  return db.ReadTransaction([&](soci::session& sql) -> core::Result<int64_t> {
    int64_t version = 0;
    sql << "SELECT value FROM change_counters WHERE name = 'catalogue'", soci::into(version);
    return version;
  });
}

core::Result<std::vector<CatalogueChange>> ChangesSince(Database& db, int64_t version) {
  return db.ReadTransaction([&](soci::session& sql) -> core::Result<std::vector<CatalogueChange>> {
    std::vector<CatalogueChange> changes;
    CatalogueChange change;
    soci::statement st =
        (sql.prepare << "SELECT version, course_id, organisation_id FROM catalogue_changes "
                        "WHERE version > :version ORDER BY version",
         soci::use(version), soci::into(change.version), soci::into(change.course_id),
         soci::into(change.organisation_id));
    st.execute();
    while (st.fetch()) changes.push_back(change);
    return changes;
  });
}

}  // namespace tremplin::store
