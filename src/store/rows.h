// The catalogue's rows as SOCI binds them, and the statements built from their columns:
// shared by the catalogue store and the copy between databases. Internal to the store.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/course.h"
#include "core/organisation.h"
#include "core/result.h"

namespace tremplin::store::rows {

// A stored value that core cannot read back: the database was written by something else.
inline core::Error StoredValueInvalid(std::string column, std::string value) {
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

inline void Exchange(soci::statement& st, Direction direction, NullableDouble& field) {
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

inline core::Result<core::Date> ReadDate(std::string_view column, const std::string& text) {
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
  std::string status, label_state, label_granted_on, label_expires_on;
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
    f("status", status);
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
    status = std::string(core::ToString(c.status));
    label_state = std::string(core::ToString(c.label_state));
    label_granted_on = c.label_granted_on.ToIso();
    label_expires_on = c.label_expires_on.ToIso();
  }

  // The course without professions and sessions, which live in other tables.
  core::Result<core::Course> Take() {
    core::Course c;
    std::optional<core::DeliveryMode> mode = core::ParseDeliveryMode(delivery_mode);
    if (!mode) return StoredValueInvalid("courses.delivery_mode", delivery_mode);
    std::optional<core::CourseStatus> course_status = core::ParseCourseStatus(status);
    if (!course_status) return StoredValueInvalid("courses.status", status);
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
    c.status = *course_status;
    c.label_state = *state;
    c.label_granted_on = *granted;
    c.label_expires_on = *expires;
    return c;
  }
};

struct AuditRow {
  int64_t id = 0;
  std::string at, actor, action, entity, before_state, after_state, previous_hash, hash;

  template <typename F>
  void Visit(F&& f) {
    f("at", at);
    f("actor", actor);
    f("action", action);
    f("entity", entity);
    f("before_state", before_state);
    f("after_state", after_state);
    f("previous_hash", previous_hash);
    f("hash", hash);
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

inline std::string Join(const std::vector<std::string>& names, std::string_view prefix) {
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
// With `with_created_at`, created_at too (for copies).
template <typename Row>
soci::statement PrepareSelect(soci::session& sql, std::string_view table, Row& row,
                              std::string_view tail, const int64_t* key,
                              bool with_created_at = false) {
  soci::statement st(sql);
  std::vector<std::string> columns;
  auto add = [&](std::string_view name, auto& field) {
    columns.emplace_back(name);
    Exchange(st, Direction::kInto, field);
  };
  if constexpr (requires { row.id; }) add("id", row.id);
  row.Visit(add);
  if constexpr (requires { row.created_at; }) {
    if (with_created_at) add("created_at", row.created_at);
  }
  if (key) st.exchange(soci::use(*key));
  st.alloc();
  st.prepare("SELECT " + Join(columns, "") + " FROM " + std::string(table) + " " +
             std::string(tail));
  st.define_and_bind();
  return st;
}

// PostgreSQL's identity columns do not advance when rows come with their ids: after such
// inserts, the next id given must follow the largest one stored.
inline void AdvanceIdentities(soci::session& sql) {
  for (const char* table : {"organisations", "courses", "course_sessions", "users"})
    sql << "SELECT setval(pg_get_serial_sequence('" + std::string(table) +
               "', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM " + table;
}

}  // namespace tremplin::store::rows
