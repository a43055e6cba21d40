#include "peers/sqlite_fts5_peer.h"

#include <sqlite3.h>

#include <chrono>
#include <stdexcept>

#include "core/geo_point.h"
#include "peers/peers.h"

namespace tremplin::bench {
namespace {

using Value = SqliteFts5Peer::Value;

// Field weights of bm25, in the column order of docs_text: as Tremplin's (search/text_index.h).
constexpr const char* kRank = "bm25(docs_text, 8.0, 6.0, 3.0, 1.0)";
constexpr int64_t kNoStart = INT64_MAX;

constexpr const char* kSchema = R"sql(
CREATE TABLE docs (
  id INTEGER PRIMARY KEY,
  course_id INTEGER NOT NULL,
  commune_code TEXT NOT NULL,
  department TEXT NOT NULL,
  region TEXT NOT NULL,
  remote INTEGER NOT NULL,
  mode TEXT NOT NULL,
  family TEXT NOT NULL,
  level INTEGER NOT NULL,
  weeks INTEGER NOT NULL,
  lat REAL,
  lon REAL,
  last_start INTEGER  -- days since 1970-01-01 of the last session; NULL without sessions
);
CREATE TABLE doc_professions (doc INTEGER NOT NULL, profession TEXT NOT NULL);
CREATE TABLE sessions (doc INTEGER NOT NULL, start INTEGER NOT NULL);
CREATE VIRTUAL TABLE docs_text USING fts5(
  professions, title, organisation, body,
  content = '', tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
CREATE VIRTUAL TABLE docs_geo USING rtree(id, min_lat, max_lat, min_lon, max_lon, +lat, +lon);
)sql";

constexpr const char* kIndexes = R"sql(
CREATE INDEX doc_professions_by_doc ON doc_professions (doc, profession);
CREATE INDEX doc_professions_by_profession ON doc_professions (profession, doc);
CREATE INDEX sessions_by_doc ON sessions (doc, start);
CREATE INDEX docs_by_remote ON docs (remote);
CREATE INDEX docs_by_family ON docs (family);
CREATE INDEX docs_by_mode ON docs (mode);
CREATE INDEX docs_by_region ON docs (region);
CREATE INDEX docs_by_department ON docs (department);
CREATE INDEX docs_by_level ON docs (level);
CREATE INDEX docs_by_weeks ON docs (weeks);
CREATE INDEX docs_by_last_start ON docs (last_start);
INSERT INTO docs_text (docs_text) VALUES ('optimize');
ANALYZE;
)sql";

Value Null() { return {}; }
Value Int(int64_t i) { return {Value::kInt, i, 0, {}}; }
Value Real(double r) { return {Value::kReal, 0, r, {}}; }
Value Text(std::string s) { return {Value::kText, 0, 0, std::move(s)}; }

// core::DistanceKm as the SQL function distance_km(lat1, lon1, lat2, lon2); NULL if one is.
void DistanceKmFunction(sqlite3_context* context, int argc, sqlite3_value** argv) {
  for (int i = 0; i < argc; ++i) {
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) {
      sqlite3_result_null(context);
      return;
    }
  }
  core::GeoPoint a{sqlite3_value_double(argv[0]), sqlite3_value_double(argv[1])};
  core::GeoPoint b{sqlite3_value_double(argv[2]), sqlite3_value_double(argv[3])};
  sqlite3_result_double(context, core::DistanceKm(a, b));
}

// An SQL statement being written, with the values of its parameters in order: text is
// appended with <<, a Value or a List of them with << too, as parameters.
template <typename T, typename Make>
struct List {
  const std::vector<T>& values;
  Make make;
};

struct Sql {
  std::string text;
  std::vector<Value> params;

  Sql& operator<<(std::string_view part) {
    text += part;
    return *this;
  }
  Sql& operator<<(Value value) {
    text += '?';
    params.push_back(std::move(value));
    return *this;
  }
  template <typename T, typename Make>
  Sql& operator<<(const List<T, Make>& list) {
    text += '(';
    for (size_t i = 0; i < list.values.size(); ++i) {
      if (i) text += ", ";
      *this << list.make(list.values[i]);
    }
    text += ')';
    return *this;
  }
};

// The FTS5 query: every word (AND), the last one also as a prefix.
std::string MatchExpression(const QueryPlan& plan) {
  std::string match;
  for (size_t i = 0; i < plan.words.size(); ++i) {
    if (i) match += ' ';
    match += '"';
    for (char c : plan.words[i]) {
      if (c == '"') match += '"';
      match += c;
    }
    match += '"';
    if (i + 1 == plan.words.size() && plan.prefix_last) match += '*';
  }
  return match;
}

// What the statements of one search share: which documents the text and the place select.
class QueryWriter {
 public:
  QueryWriter(const search::SearchQuery& query, const QueryPlan& plan)
      : query_(query), plan_(plan), match_(MatchExpression(plan)) {}

  // " FROM … WHERE …": the documents matching the text (if any) and the place at `radius`,
  // with the remote ones when `with_remote`, else only those near. `join` comes after the
  // documents' table. With text, the full-text index leads and the place is checked on each
  // match; without, the place's index gives the documents (a UNION ALL, since an OR with the
  // remote ones would make SQLite scan every row).
  void Scope(Sql& sql, double radius, bool with_remote, std::string_view join = {}) const {
    if (!plan_.words.empty()) {
      sql << " FROM docs_text JOIN docs d ON d.id = docs_text.rowid" << join
          << " WHERE docs_text MATCH " << Text(match_) << " AND "
          << (with_remote ? "(d.remote = 1 OR " : "(d.remote = 0 AND ");
      switch (plan_.place_kind) {
        case core::PlaceKind::kFrance:
          sql << "1";
          break;
        case core::PlaceKind::kRegion:
          sql << "d.region = " << Text(plan_.place_code);
          break;
        case core::PlaceKind::kDepartment:
          sql << "d.department = " << Text(plan_.place_code);
          break;
        case core::PlaceKind::kCommune:
          if (plan_.center)
            Within(sql, "d.lat", "d.lon", radius);
          else
            sql << "0";
          break;
      }
      sql << ")";
    } else if (plan_.place_kind == core::PlaceKind::kFrance) {
      sql << " FROM docs d" << join << (with_remote ? " WHERE 1" : " WHERE d.remote = 0");
    } else {
      sql << " FROM (";
      if (with_remote) sql << "SELECT id FROM docs WHERE remote = 1 UNION ALL ";
      switch (plan_.place_kind) {
        case core::PlaceKind::kFrance:
          break;
        case core::PlaceKind::kRegion:
          sql << "SELECT id FROM docs WHERE remote = 0 AND region = " << Text(plan_.place_code);
          break;
        case core::PlaceKind::kDepartment:
          sql << "SELECT id FROM docs WHERE remote = 0 AND department = " << Text(plan_.place_code);
          break;
        case core::PlaceKind::kCommune:
          if (plan_.center)
            Around(sql, radius);
          else
            sql << "SELECT id FROM docs WHERE 0";
          break;
      }
      sql << ") AS c JOIN docs d ON d.id = c.id" << join << " WHERE 1";
    }
  }

  // "SELECT min(distance) …": the distance of the nearest document within the widest widening
  // step that passes the query and is not remote; NULL when none is. Needs a center.
  void Nearest(Sql& sql) const {
    sql << "SELECT min(distance_km(" << Real(plan_.center->lat) << ", " << Real(plan_.center->lon)
        << ", d.lat, d.lon))";
    Scope(sql, kWideningSteps.back(), false);
    Filters(sql);
  }

  // " AND …" for every filter of the query but `except`.
  void Filters(Sql& sql, std::optional<Filter> except = std::nullopt) const {
    auto mode = [](core::DeliveryMode m) { return Text(std::string(core::ToString(m))); };
    for (Filter f : kAllFilters) {
      if (f == except || !HasFilter(query_, f)) continue;
      sql << " AND ";
      switch (f) {
        case Filter::kFamily:
          sql << "d.family IN " << List{query_.families, Text};
          break;
        case Filter::kProfession:
          sql << "EXISTS (SELECT 1 FROM doc_professions dp WHERE dp.doc = d.id AND dp.profession "
                 "IN "
              << List{query_.professions, Text} << ")";
          break;
        case Filter::kMode:
          sql << "d.mode IN " << List{query_.modes, mode};
          break;
        case Filter::kRegion:
          sql << "(d.remote = 1 OR d.region IN " << List{query_.regions, Text} << ")";
          break;
        case Filter::kDepartment:
          sql << "(d.remote = 1 OR d.department IN " << List{query_.departments, Text} << ")";
          break;
        case Filter::kLevel:
          sql << "d.level IN " << List{query_.levels, Int};
          break;
        case Filter::kDuration:
          sql << "d.weeks <= " << Int(*query_.max_duration_weeks);
          break;
        case Filter::kStart:
          sql << "d.last_start >= " << Int(plan_.sessions_from.DaysSinceEpoch());
          break;
      }
    }
  }

  // " ORDER BY …": nearby before remote, then the sort asked and its tie-breaks.
  void OrderBy(Sql& sql) const {
    bool text = !plan_.words.empty();
    auto score = [&] {
      if (text) sql << kRank << ", ";
    };
    auto distance = [&] {
      if (!plan_.center) return;
      sql << "coalesce(distance_km(" << Real(plan_.center->lat) << ", " << Real(plan_.center->lon)
          << ", d.lat, d.lon), 1e9), ";
    };
    auto start = [&] {
      sql << "coalesce((SELECT min(s.start) FROM sessions s WHERE s.doc = d.id AND s.start >= "
          << Int(plan_.sessions_from.DaysSinceEpoch()) << "), " << std::to_string(kNoStart)
          << "), ";
    };
    sql << " ORDER BY d.remote, ";
    for (SortKey key : SortKeys(plan_.sort)) {
      switch (key) {
        case SortKey::kScore:
          score();
          break;
        case SortKey::kDistance:
          distance();
          break;
        case SortKey::kStart:
          start();
          break;
      }
    }
    sql << "d.course_id, d.commune_code";
  }

 private:
  // `lat`, `lon` within `radius` of the center (NULL coordinates are not).
  void Within(Sql& sql, std::string_view lat, std::string_view lon, double radius) const {
    sql << "distance_km(" << Real(plan_.center->lat) << ", " << Real(plan_.center->lon) << ", "
        << lat << ", " << lon << ") <= " << Real(radius + kRadiusToleranceKm);
  }

  // The documents near the center through the R*Tree: its rectangle, then the exact distance.
  void Around(Sql& sql, double radius) const {
    LatLonBox box = BoxAround(*plan_.center, radius);
    sql << "SELECT id FROM docs_geo WHERE max_lat >= " << Real(box.min_lat)
        << " AND min_lat <= " << Real(box.max_lat) << " AND max_lon >= " << Real(box.min_lon)
        << " AND min_lon <= " << Real(box.max_lon) << " AND ";
    Within(sql, "lat", "lon", radius);
  }

  const search::SearchQuery& query_;
  const QueryPlan& plan_;
  std::string match_;
};

}  // namespace

SqliteFts5Peer::~SqliteFts5Peer() {
  for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
  if (db_) sqlite3_close(db_);
}

void SqliteFts5Peer::Execute(const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string reason = message ? message : "unknown error";
    sqlite3_free(message);
    throw std::runtime_error("sqlite: " + reason);
  }
}

sqlite3_stmt* SqliteFts5Peer::Prepare(const std::string& sql, const std::vector<Value>& params) {
  sqlite3_stmt*& statement = statements_[sql];
  if (!statement) {
    if (sqlite3_prepare_v3(db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr) !=
        SQLITE_OK) {
      statements_.erase(sql);
      throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db_) + " in " + sql);
    }
  }
  sqlite3_reset(statement);
  for (size_t i = 0; i < params.size(); ++i) {
    int at = static_cast<int>(i + 1);
    const Value& v = params[i];
    switch (v.kind) {
      case Value::kNull:
        sqlite3_bind_null(statement, at);
        break;
      case Value::kInt:
        sqlite3_bind_int64(statement, at, v.i);
        break;
      case Value::kReal:
        sqlite3_bind_double(statement, at, v.r);
        break;
      case Value::kText:
        sqlite3_bind_text(statement, at, v.s.data(), static_cast<int>(v.s.size()),
                          SQLITE_TRANSIENT);
        break;
    }
  }
  return statement;
}

namespace {

// Steps `statement` through its rows, calling `row` for each; throws on an error.
template <typename Row>
void ForEachRow(sqlite3* db, sqlite3_stmt* statement, Row row) {
  int rc;
  while ((rc = sqlite3_step(statement)) == SQLITE_ROW) row(statement);
  if (rc != SQLITE_DONE) throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db));
  sqlite3_reset(statement);
}

std::string ColumnText(sqlite3_stmt* statement, int column) {
  const unsigned char* text = sqlite3_column_text(statement, column);
  return text ? std::string(reinterpret_cast<const char*>(text),
                            static_cast<size_t>(sqlite3_column_bytes(statement, column)))
              : std::string();
}

}  // namespace

core::Status SqliteFts5Peer::Load(const std::vector<search::Document>& documents,
                                  const core::Geography& geography) {
  auto started = std::chrono::steady_clock::now();
  auto fail = [](core::ErrorCode code, std::string reason) -> core::Status {
    return core::MakeError(code, "peer_load_failed").With("reason", std::move(reason));
  };
  for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
  statements_.clear();
  if (db_) sqlite3_close(db_);
  db_ = nullptr;
  if (sqlite3_open(":memory:", &db_) != SQLITE_OK)
    return fail(core::ErrorCode::kUnavailable, "cannot open an in-memory SQLite database");
  if (!sqlite3_compileoption_used("ENABLE_FTS5") || !sqlite3_compileoption_used("ENABLE_RTREE"))
    return fail(core::ErrorCode::kUnavailable, "this SQLite is built without FTS5 or R*Tree");
  sqlite3_create_function(db_, "distance_km", 4,
                          SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                          DistanceKmFunction, nullptr, nullptr);
  try {
    Execute(kSchema);
    Execute("BEGIN");
    const std::string insert_doc =
        "INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    const std::string insert_text =
        "INSERT INTO docs_text (rowid, professions, title, organisation, body) "
        "VALUES (?, ?, ?, ?, ?)";
    const std::string insert_point = "INSERT INTO docs_geo VALUES (?, ?, ?, ?, ?, ?, ?)";
    const std::string insert_profession = "INSERT INTO doc_professions VALUES (?, ?)";
    const std::string insert_session = "INSERT INTO sessions VALUES (?, ?)";
    auto run = [&](const std::string& sql, const std::vector<Value>& params) {
      ForEachRow(db_, Prepare(sql, params), [](sqlite3_stmt*) {});
    };
    for (size_t i = 0; i < documents.size(); ++i) {
      const search::Document& d = documents[i];
      Value id = Int(static_cast<int64_t>(i));
      run(insert_doc,
          {id, Int(d.course_id), Text(d.commune_code), Text(d.department_code), Text(d.region_code),
           Int(d.remote ? 1 : 0), Text(std::string(core::ToString(d.mode))), Text(d.family_id),
           Int(d.certification_level), Int(d.duration_weeks), d.point ? Real(d.point->lat) : Null(),
           d.point ? Real(d.point->lon) : Null(),
           d.session_starts.empty() ? Null() : Int(d.session_starts.back().DaysSinceEpoch())});
      run(insert_text,
          {id, Text(d.professions), Text(d.title), Text(d.organisation), Text(d.body)});
      if (d.point && !d.remote)
        run(insert_point, {id, Real(d.point->lat), Real(d.point->lat), Real(d.point->lon),
                           Real(d.point->lon), Real(d.point->lat), Real(d.point->lon)});
      for (const std::string& p : d.profession_ids) run(insert_profession, {id, Text(p)});
      for (core::Date start : d.session_starts)
        run(insert_session, {id, Int(start.DaysSinceEpoch())});
    }
    Execute("COMMIT");
    Execute(kIndexes);
  } catch (const std::exception& e) {
    return fail(core::ErrorCode::kInternal, e.what());
  }
  load_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return core::Ok{};
}

PeerResult SqliteFts5Peer::Search(const search::SearchQuery& query) {
  QueryPlan plan = MakePlan(query);
  QueryWriter writer(query, plan);
  PeerResult result;

  auto count = [&](double radius) {
    Sql sql;
    sql << "SELECT coalesce(sum(d.remote = 0), 0), coalesce(sum(d.remote = 1), 0)";
    writer.Scope(sql, radius, true);
    writer.Filters(sql);
    ForEachRow(db_, Prepare(sql.text, sql.params), [&](sqlite3_stmt* row) {
      result.nearby_total = sqlite3_column_int(row, 0);
      result.remote_total = sqlite3_column_int(row, 1);
    });
  };
  double radius = plan.radius_km;
  count(radius);
  if (plan.center && plan.widen && result.nearby_total == 0) {
    // One statement finds the nearest document within the widest step, rather than one per
    // step: the first step reaching it is the one where something is near.
    std::optional<double> nearest;
    if (radius < kWideningSteps.back()) {
      Sql sql;
      writer.Nearest(sql);
      ForEachRow(db_, Prepare(sql.text, sql.params), [&](sqlite3_stmt* row) {
        if (sqlite3_column_type(row, 0) != SQLITE_NULL) nearest = sqlite3_column_double(row, 0);
      });
    }
    radius = WidenedRadius(
        radius, [&](double step) { return nearest && *nearest <= step + kRadiusToleranceKm; });
    if (radius != plan.radius_km) {
      result.radius_widened = true;
      count(radius);
    }
  }
  result.total = result.nearby_total + result.remote_total;
  result.radius_km = plan.center ? radius : 0;

  result.facets = EmptyFacets();
  for (const Facet& facet : kFacets) {
    std::map<std::string, int>& counts = result.facets[std::string(facet.name)];
    Sql sql;
    if (facet.own == Filter::kDuration) {
      sql << "SELECT ";
      for (size_t i = 0; i < kDurationMonths.size(); ++i)
        sql << (i ? ", " : "")
            << "coalesce(sum(d.weeks <= " << std::to_string(WeeksForMonths(kDurationMonths[i]))
            << "), 0)";
      writer.Scope(sql, radius, true);
      writer.Filters(sql, facet.own);
      ForEachRow(db_, Prepare(sql.text, sql.params), [&](sqlite3_stmt* row) {
        for (size_t i = 0; i < kDurationMonths.size(); ++i)
          counts[std::to_string(kDurationMonths[i])] = sqlite3_column_int(row, static_cast<int>(i));
      });
      continue;
    }
    std::string_view column, join, only_places;
    switch (facet.own) {
      case Filter::kFamily:
        column = "d.family";
        break;
      case Filter::kProfession:
        column = "p.profession";
        join = " JOIN doc_professions p ON p.doc = d.id";
        break;
      case Filter::kMode:
        column = "d.mode";
        break;
      case Filter::kRegion:
        column = "d.region";
        only_places = " AND d.remote = 0";
        break;
      case Filter::kDepartment:
        column = "d.department";
        only_places = " AND d.remote = 0";
        break;
      case Filter::kLevel:
        column = "d.level";
        break;
      default:
        continue;
    }
    sql << "SELECT " << column << ", count(*)";
    writer.Scope(sql, radius, true, join);
    sql << only_places;
    writer.Filters(sql, facet.own);
    sql << " GROUP BY 1";
    ForEachRow(db_, Prepare(sql.text, sql.params),
               [&](sqlite3_stmt* row) { counts[ColumnText(row, 0)] = sqlite3_column_int(row, 1); });
  }

  if (plan.limit > 0 && plan.offset < result.total) {
    Sql sql;
    sql << "SELECT d.id";
    writer.Scope(sql, radius, true);
    writer.Filters(sql);
    writer.OrderBy(sql);
    sql << " LIMIT " << Int(plan.limit) << " OFFSET " << Int(plan.offset);
    ForEachRow(db_, Prepare(sql.text, sql.params), [&](sqlite3_stmt* row) {
      result.page.push_back(static_cast<search::DocId>(sqlite3_column_int64(row, 0)));
    });
  }
  return result;
}

std::unique_ptr<PeerEngine> MakeSqliteFts5Peer() { return std::make_unique<SqliteFts5Peer>(); }

}  // namespace tremplin::bench
