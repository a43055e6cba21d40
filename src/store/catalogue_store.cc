#include "store/catalogue_store.h"

#include <soci/soci.h>

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace tremplin::store {
namespace {

core::Error NotFound(std::string id, int64_t value) {
  core::Error error = core::MakeError(core::ErrorCode::kNotFound, std::move(id));
  error.With("id", std::to_string(value));
  return error;
}

// A stored value that core cannot read back: the database was written by something else.
core::Error StoredValueInvalid(std::string column, std::string value) {
  core::Error error = core::MakeError(core::ErrorCode::kInternal, "stored_value_invalid");
  error.With("column", std::move(column)).With("value", std::move(value));
  return error;
}

// Rows: flat copies of the domain values in the types SOCI binds, so that one prepared
// statement can be bound once to a row and run for many values. Visit() lists the columns
// in one order used by every statement, except `id` and `created_at` which only some use.

struct NullableDouble {
  double value = 0;
  soci::indicator indicator = soci::i_null;
};

enum class Direction { kUse, kInto };

template <typename T>
void Exchange(soci::statement& st, Direction direction, T& field) {
  if (direction == Direction::kUse)
    st.exchange(soci::use(field));
  else
    st.exchange(soci::into(field));
}

void Exchange(soci::statement& st, Direction direction, NullableDouble& field) {
  if (direction == Direction::kUse)
    st.exchange(soci::use(field.value, field.indicator));
  else
    st.exchange(soci::into(field.value, field.indicator));
}

struct OrganisationRow {
  int64_t id = 0;
  std::string siret, name, description, address, postcode, commune_code, website, email, phone;
  int qualiopi_certified = 0;  // booleans are INTEGER 0/1 (see the migration)
  int is_demo = 0;
  std::string created_at, updated_at;

  template <typename F>
  void Visit(F&& f) {
    f("siret", siret);
    f("name", name);
    f("description", description);
    f("address", address);
    f("postcode", postcode);
    f("commune_code", commune_code);
    f("website", website);
    f("email", email);
    f("phone", phone);
    f("qualiopi_certified", qualiopi_certified);
    f("is_demo", is_demo);
    f("updated_at", updated_at);
  }

  void From(const core::Organisation& o) {
    id = o.id;
    siret = o.siret;
    name = o.name;
    description = o.description;
    address = o.address;
    postcode = o.postcode;
    commune_code = o.commune_code;
    website = o.website;
    email = o.email;
    phone = o.phone;
    qualiopi_certified = o.qualiopi_certified ? 1 : 0;
    is_demo = o.is_demo ? 1 : 0;
  }

  core::Organisation Take() {
    core::Organisation o;
    o.id = id;
    o.siret = std::move(siret);
    o.name = std::move(name);
    o.description = std::move(description);
    o.address = std::move(address);
    o.postcode = std::move(postcode);
    o.commune_code = std::move(commune_code);
    o.website = std::move(website);
    o.email = std::move(email);
    o.phone = std::move(phone);
    o.qualiopi_certified = qualiopi_certified != 0;
    o.is_demo = is_demo != 0;
    return o;
  }
};

core::Result<core::Date> ReadDate(std::string_view column, const std::string& text) {
  std::optional<core::Date> date = core::Date::Parse(text);
  if (!date) return StoredValueInvalid(std::string(column), text);
  return *date;
}

struct CourseRow {
  int64_t id = 0;
  int64_t organisation_id = 0;
  std::string title, summary, objectives, content, prerequisites, target_public, access_modalities,
      teaching_methods, assessment_methods, accessibility, family_id, rncp_code,
      certification_title;
  int certification_level = 0;
  std::string delivery_mode;
  int duration_hours = 0;
  int duration_weeks = 0;
  int64_t cost_to_learner_cents = 0;
  std::string label_state, label_granted_on, label_expires_on;
  int64_t version = 0;
  std::string created_at, updated_at;

  template <typename F>
  void Visit(F&& f) {
    f("organisation_id", organisation_id);
    f("title", title);
    f("summary", summary);
    f("objectives", objectives);
    f("content", content);
    f("prerequisites", prerequisites);
    f("target_public", target_public);
    f("access_modalities", access_modalities);
    f("teaching_methods", teaching_methods);
    f("assessment_methods", assessment_methods);
    f("accessibility", accessibility);
    f("family_id", family_id);
    f("rncp_code", rncp_code);
    f("certification_title", certification_title);
    f("certification_level", certification_level);
    f("delivery_mode", delivery_mode);
    f("duration_hours", duration_hours);
    f("duration_weeks", duration_weeks);
    f("cost_to_learner_cents", cost_to_learner_cents);
    f("label_state", label_state);
    f("label_granted_on", label_granted_on);
    f("label_expires_on", label_expires_on);
    f("version", version);
    f("updated_at", updated_at);
  }

  void From(const core::Course& c) {
    id = c.id;
    organisation_id = c.organisation_id;
    title = c.title;
    summary = c.summary;
    objectives = c.objectives;
    content = c.content;
    prerequisites = c.prerequisites;
    target_public = c.target_public;
    access_modalities = c.access_modalities;
    teaching_methods = c.teaching_methods;
    assessment_methods = c.assessment_methods;
    accessibility = c.accessibility;
    family_id = c.family_id;
    rncp_code = c.rncp_code;
    certification_title = c.certification_title;
    certification_level = c.certification_level;
    delivery_mode = std::string(core::ToString(c.mode));
    duration_hours = c.duration_hours;
    duration_weeks = c.duration_weeks;
    cost_to_learner_cents = c.cost_to_learner_cents;
    label_state = std::string(core::ToString(c.label_state));
    label_granted_on = c.label_granted_on.ToIso();
    label_expires_on = c.label_expires_on.ToIso();
  }

  // The course without professions and sessions, which live in other tables.
  core::Result<core::Course> Take() {
    core::Course c;
    std::optional<core::DeliveryMode> mode = core::ParseDeliveryMode(delivery_mode);
    if (!mode) return StoredValueInvalid("courses.delivery_mode", delivery_mode);
    std::optional<core::LabelState> state = core::ParseLabelState(label_state);
    if (!state) return StoredValueInvalid("courses.label_state", label_state);
    core::Result<core::Date> granted = ReadDate("courses.label_granted_on", label_granted_on);
    if (!granted.ok()) return granted.error();
    core::Result<core::Date> expires = ReadDate("courses.label_expires_on", label_expires_on);
    if (!expires.ok()) return expires.error();
    c.id = id;
    c.organisation_id = organisation_id;
    c.title = std::move(title);
    c.summary = std::move(summary);
    c.objectives = std::move(objectives);
    c.content = std::move(content);
    c.prerequisites = std::move(prerequisites);
    c.target_public = std::move(target_public);
    c.access_modalities = std::move(access_modalities);
    c.teaching_methods = std::move(teaching_methods);
    c.assessment_methods = std::move(assessment_methods);
    c.accessibility = std::move(accessibility);
    c.family_id = std::move(family_id);
    c.rncp_code = std::move(rncp_code);
    c.certification_title = std::move(certification_title);
    c.certification_level = certification_level;
    c.mode = *mode;
    c.duration_hours = duration_hours;
    c.duration_weeks = duration_weeks;
    c.cost_to_learner_cents = cost_to_learner_cents;
    c.label_state = *state;
    c.label_granted_on = *granted;
    c.label_expires_on = *expires;
    return c;
  }
};

struct ProfessionRow {
  int64_t course_id = 0;
  std::string profession_id;
  int position = 0;

  template <typename F>
  void Visit(F&& f) {
    f("course_id", course_id);
    f("profession_id", profession_id);
    f("position", position);
  }
};

struct SessionRow {
  int64_t id = 0;
  int64_t course_id = 0;
  std::string commune_code, address;
  NullableDouble lat, lon;
  std::string start_date, end_date, enrolment_opens, enrolment_closes;
  int capacity = 0;
  std::string recruitment_state;

  template <typename F>
  void Visit(F&& f) {
    f("course_id", course_id);
    f("commune_code", commune_code);
    f("address", address);
    f("lat", lat);
    f("lon", lon);
    f("start_date", start_date);
    f("end_date", end_date);
    f("enrolment_opens", enrolment_opens);
    f("enrolment_closes", enrolment_closes);
    f("capacity", capacity);
    f("recruitment_state", recruitment_state);
  }

  void From(const core::Session& s, int64_t of_course) {
    id = s.id;
    course_id = of_course;
    commune_code = s.commune_code;
    address = s.address;
    lat = s.point ? NullableDouble{s.point->lat, soci::i_ok} : NullableDouble{};
    lon = s.point ? NullableDouble{s.point->lon, soci::i_ok} : NullableDouble{};
    start_date = s.start.ToIso();
    end_date = s.end.ToIso();
    enrolment_opens = s.enrolment_opens.ToIso();
    enrolment_closes = s.enrolment_closes.ToIso();
    capacity = s.capacity;
    recruitment_state = std::string(core::ToString(s.recruitment));
  }

  core::Result<core::Session> Take() {
    core::Session s;
    std::optional<core::RecruitmentState> state = core::ParseRecruitmentState(recruitment_state);
    if (!state) return StoredValueInvalid("course_sessions.recruitment_state", recruitment_state);
    const std::pair<const char*, const std::string*> date_columns[] = {
        {"course_sessions.start_date", &start_date},
        {"course_sessions.end_date", &end_date},
        {"course_sessions.enrolment_opens", &enrolment_opens},
        {"course_sessions.enrolment_closes", &enrolment_closes}};
    core::Date* dates[] = {&s.start, &s.end, &s.enrolment_opens, &s.enrolment_closes};
    for (int i = 0; i < 4; ++i) {
      core::Result<core::Date> date = ReadDate(date_columns[i].first, *date_columns[i].second);
      if (!date.ok()) return date.error();
      *dates[i] = *date;
    }
    s.id = id;
    s.course_id = course_id;
    s.commune_code = std::move(commune_code);
    s.address = std::move(address);
    if (lat.indicator == soci::i_ok && lon.indicator == soci::i_ok)
      s.point = core::GeoPoint{lat.value, lon.value};
    s.capacity = capacity;
    s.recruitment = *state;
    return s;
  }
};

std::string Join(const std::vector<std::string>& names, std::string_view prefix) {
  std::string joined;
  for (const std::string& name : names) {
    if (!joined.empty()) joined += ", ";
    joined.append(prefix).append(name);
  }
  return joined;
}

// The statements below are built from the column names in Visit(), never from values: every
// value is bound. The returned statement refers to `row`, which must outlive it.

// INSERT of `row` into `table`, with its id when `with_id` (else the database assigns one, put
// in *returned_id when given, through RETURNING).
template <typename Row>
soci::statement PrepareInsert(soci::session& sql, std::string_view table, Row& row, bool with_id,
                              int64_t* returned_id = nullptr) {
  soci::statement st(sql);
  std::vector<std::string> columns;
  auto add = [&](std::string_view name, auto& field) {
    columns.emplace_back(name);
    Exchange(st, Direction::kUse, field);
  };
  if constexpr (requires { row.id; }) {
    if (with_id) add("id", row.id);
  }
  row.Visit(add);
  if constexpr (requires { row.created_at; }) add("created_at", row.created_at);
  std::string query = "INSERT INTO " + std::string(table) + " (" + Join(columns, "") +
                      ") VALUES (" + Join(columns, ":") + ")";
  if (returned_id) {
    query += " RETURNING id";
    st.exchange(soci::into(*returned_id));
  }
  st.alloc();
  st.prepare(query);
  st.define_and_bind();
  return st;
}

// UPDATE of every Visit() column of the row whose id is row.id.
template <typename Row>
soci::statement PrepareUpdate(soci::session& sql, std::string_view table, Row& row) {
  soci::statement st(sql);
  std::string assignments;
  row.Visit([&](std::string_view name, auto& field) {
    if (!assignments.empty()) assignments += ", ";
    assignments.append(name).append(" = :").append(name);
    Exchange(st, Direction::kUse, field);
  });
  st.exchange(soci::use(row.id));
  st.alloc();
  st.prepare("UPDATE " + std::string(table) + " SET " + assignments + " WHERE id = :id");
  st.define_and_bind();
  return st;
}

// SELECT of the id (if the row has one) and the Visit() columns into `row`, followed by `tail`
// ("WHERE course_id = :id ORDER BY …"), with `key` bound to its placeholder when given.
template <typename Row>
soci::statement PrepareSelect(soci::session& sql, std::string_view table, Row& row,
                              std::string_view tail, const int64_t* key) {
  soci::statement st(sql);
  std::vector<std::string> columns;
  auto add = [&](std::string_view name, auto& field) {
    columns.emplace_back(name);
    Exchange(st, Direction::kInto, field);
  };
  if constexpr (requires { row.id; }) add("id", row.id);
  row.Visit(add);
  if (key) st.exchange(soci::use(*key));
  st.alloc();
  st.prepare("SELECT " + Join(columns, "") + " FROM " + std::string(table) + " " +
             std::string(tail));
  st.define_and_bind();
  return st;
}

// The next catalogue change number (see the change_counters table).
int64_t NextChangeNumber(soci::session& sql) {
  int64_t value = 0;
  sql << "UPDATE change_counters SET value = value + 1 WHERE name = 'catalogue' RETURNING value",
      soci::into(value);
  return value;
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

core::Status SaveCatalogue(Database& db, const Catalogue& catalogue) {
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
    for (const core::Course& c : catalogue.courses) {
      course.From(c);
      course.version = ++change_number;
      course.created_at = course.updated_at = now;
      insert_course.execute(true);
      professions.Write(c.id, c.profession_ids);
      for (const core::Session& s : c.sessions) {
        session.From(s, c.id);
        (s.id != 0 ? insert_session_with_id : insert_session).execute(true);
      }
    }
    sql << "UPDATE change_counters SET value = :value WHERE name = 'catalogue'",
        soci::use(change_number);
    // PostgreSQL: identity columns do not advance on explicit ids; its backend must setval()
    // them here before other inserts.
    return core::Ok{};
  });
}

}  // namespace tremplin::store
