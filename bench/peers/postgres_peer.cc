#include "peers/postgres_peer.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "peers/peer_semantics.h"
#include "peers/peers.h"

namespace tremplin::bench {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Settings of a throwaway cluster tuned for reading: nothing needs to survive a crash, and a
// query runs on one core, as Tremplin's does.
constexpr const char* kServerSettings = R"conf(
listen_addresses = '127.0.0.1'
max_connections = 10
shared_buffers = 512MB
work_mem = 64MB
maintenance_work_mem = 512MB
effective_cache_size = 4GB
random_page_cost = 1.1
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = minimal
max_wal_senders = 0
max_wal_size = 4GB
autovacuum = off
jit = off
max_parallel_workers_per_gather = 0
log_min_messages = warning
)conf";

constexpr const char* kSetup = R"sql(
SET client_min_messages = warning;
CREATE EXTENSION unaccent;
CREATE EXTENSION cube;
CREATE EXTENSION earthdistance;
CREATE TEXT SEARCH CONFIGURATION fr (COPY = french);
ALTER TEXT SEARCH CONFIGURATION fr
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
-- core::DistanceKm (haversine, mean Earth radius), term by term in the same order so that both
-- give the same double. Plain SQL so that the planner inlines it.
CREATE FUNCTION distance_km(lat1 float8, lon1 float8, lat2 float8, lon2 float8) RETURNS float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN 2 * 6371.0088::float8 * asin(sqrt(least(1.0::float8,
  sin((lat2 - lat1) * (pi() / 180) / 2) * sin((lat2 - lat1) * (pi() / 180) / 2) +
  cos(lat1 * (pi() / 180)) * cos(lat2 * (pi() / 180)) *
  sin((lon2 - lon1) * (pi() / 180) / 2) * sin((lon2 - lon1) * (pi() / 180) / 2))));
)sql";

constexpr const char* kTable = R"sql(
CREATE TABLE docs (
  id integer PRIMARY KEY,
  course_id bigint NOT NULL,
  commune_code text COLLATE "C" NOT NULL,
  department text NOT NULL,
  region text NOT NULL,
  remote boolean NOT NULL,
  mode text NOT NULL,
  family text NOT NULL,
  level integer NOT NULL,
  weeks integer NOT NULL,
  lat float8,
  lon float8,
  starts integer[] NOT NULL,  -- session starts, days since 1970-01-01, ascending (for width_bucket)
  last_start integer,
  title text NOT NULL,
  professions_text text NOT NULL,
  organisation text NOT NULL,
  body text NOT NULL,
  pt earth GENERATED ALWAYS AS (ll_to_earth(lat, lon)) STORED,
  tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('fr', professions_text), 'A') ||
    setweight(to_tsvector('fr', title), 'B') ||
    setweight(to_tsvector('fr', organisation), 'C') ||
    setweight(to_tsvector('fr', body), 'D')) STORED
);
CREATE TABLE doc_professions (doc integer NOT NULL, profession text NOT NULL);
)sql";

constexpr const char* kCopyDocs =
    "COPY docs (id, course_id, commune_code, department, region, remote, mode, family, level, "
    "weeks, lat, lon, starts, last_start, title, professions_text, organisation, body) FROM STDIN";
constexpr const char* kCopyProfessions = "COPY doc_professions (doc, profession) FROM STDIN";

constexpr const char* kIndexes = R"sql(
CREATE INDEX docs_text ON docs USING gin (tsv);
CREATE INDEX docs_point ON docs USING gist (pt);
CREATE INDEX doc_professions_by_doc ON doc_professions (doc, profession);
CREATE INDEX doc_professions_by_profession ON doc_professions (profession, doc);
CREATE INDEX docs_remote ON docs (remote);
CREATE INDEX docs_family ON docs (family);
CREATE INDEX docs_mode ON docs (mode);
CREATE INDEX docs_region ON docs (region);
CREATE INDEX docs_department ON docs (department);
CREATE INDEX docs_level ON docs (level);
CREATE INDEX docs_weeks ON docs (weeks);
CREATE INDEX docs_last_start ON docs (last_start);
)sql";

// ts_rank weights of D, C, B, A (body, organisation, title, professions): Tremplin's 1, 3, 6, 8.
constexpr const char* kWeights = "'{0.125, 0.375, 0.75, 1.0}'";
constexpr int64_t kNoStart = INT64_MAX;

std::string Number(double value) {
  char buffer[32];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);  // shortest exact
  return std::string(buffer, end);
}

// A value as a COPY text field.
void AppendCopyField(std::string& out, std::string_view value) {
  for (char c : value) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += c;
    }
  }
}

// {"a","b"}: an array literal of texts.
std::string TextArray(const std::vector<std::string>& values) {
  std::string out = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out += ',';
    out += '"';
    for (char c : values[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

template <typename T>
std::string IntArray(const std::vector<T>& values) {
  std::string out = "{";
  for (size_t i = 0; i < values.size(); ++i) out += (i ? "," : "") + std::to_string(values[i]);
  return out + "}";
}

// The tsquery: every word (AND), the last one also as a prefix.
std::string TsQuery(const QueryPlan& plan) {
  std::string query;
  for (size_t i = 0; i < plan.words.size(); ++i) {
    if (i) query += " & ";
    query += '\'';
    for (char c : plan.words[i]) {
      if (c == '\'' || c == '\\') query += '\\';
      query += c;
    }
    query += '\'';
    if (i + 1 == plan.words.size() && plan.prefix_last) query += ":*";
  }
  return query;
}

// A parameter of a statement: its value in text form and its SQL type.
struct Param {
  std::string value;
  std::string_view type;
};

// An SQL statement being written, with its parameters ($1, $2…): text is appended with <<, a
// Param with << too, as its placeholder.
struct Sql {
  std::string text;
  std::vector<std::string> params;

  Sql& operator<<(std::string_view part) {
    text += part;
    return *this;
  }
  Sql& operator<<(Param param) {
    params.push_back(std::move(param.value));
    text += '$' + std::to_string(params.size()) + "::";
    text += param.type;
    return *this;
  }
};

// What the statements of one search share: which documents the text and the place select.
class QueryWriter {
 public:
  QueryWriter(const search::SearchQuery& query, const QueryPlan& plan)
      : query_(query), plan_(plan), tsquery_(TsQuery(plan)) {}

  // A statement whose $1, when the query has text, is the tsquery (ranked in ORDER BY).
  Sql Start() const {
    Sql sql;
    if (!plan_.words.empty()) sql.params.push_back(tsquery_);
    return sql;
  }

  // " FROM … WHERE …": the documents matching the text (if any) and the place at `radius`,
  // with the remote ones when `with_remote`, else only those near. `join` comes after the
  // documents' table.
  void Scope(Sql& sql, double radius, bool with_remote, std::string_view join = {}) const {
    bool text = !plan_.words.empty();
    sql << " FROM docs d" << join << " WHERE ";
    if (text) sql << "d.tsv @@ to_tsquery('fr', $1::text) AND ";
    sql << (with_remote ? "(d.remote OR " : "(NOT d.remote AND ");
    switch (plan_.place_kind) {
      case core::PlaceKind::kFrance:
        sql << "TRUE";
        break;
      case core::PlaceKind::kRegion:
        sql << "d.region = " << Param(plan_.place_code, "text");
        break;
      case core::PlaceKind::kDepartment:
        sql << "d.department = " << Param(plan_.place_code, "text");
        break;
      case core::PlaceKind::kCommune:
        if (!plan_.center) {
          sql << "FALSE";
          break;
        }
        // Through the GiST index on the point: the cube holding the sphere of radius `radius`
        // (scaled to earthdistance's Earth radius), then the exact distance.
        if (!text) {
          double box_m = radius * 1000 * 6378168.0 / (core::kEarthRadiusKm * 1000) * 1.000001 + 1;
          sql << "earth_box(ll_to_earth(" << Param(Number(plan_.center->lat), "float8");
          sql << ", " << Param(Number(plan_.center->lon), "float8");
          sql << "), " << Param(Number(box_m), "float8") << ") @> d.pt AND ";
        }
        Distance(sql);
        sql << " <= " << Param(Number(radius + kRadiusToleranceKm), "float8");
        break;
    }
    sql << ")";
  }

  // "SELECT min(distance) …": the distance of the nearest document within the widest widening
  // step that passes the query and is not remote; NULL when none is. Needs a center.
  void Nearest(Sql& sql) const {
    sql << "SELECT min(";
    Distance(sql);
    sql << ")";
    Scope(sql, kWideningSteps.back(), false);
    Filters(sql);
  }

  // " AND …" for every filter of the query but `except`.
  void Filters(Sql& sql, std::optional<Filter> except = std::nullopt) const {
    for (Filter f : kAllFilters) {
      if (f == except || !HasFilter(query_, f)) continue;
      sql << " AND ";
      switch (f) {
        case Filter::kFamily:
          sql << "d.family = ANY(" << Param(TextArray(query_.families), "text[]") << ")";
          break;
        case Filter::kProfession:
          sql << "EXISTS (SELECT 1 FROM doc_professions dp WHERE dp.doc = d.id AND "
                 "dp.profession = ANY("
              << Param(TextArray(query_.professions), "text[]") << "))";
          break;
        case Filter::kMode: {
          std::vector<std::string> modes;
          for (core::DeliveryMode m : query_.modes) modes.emplace_back(core::ToString(m));
          sql << "d.mode = ANY(" << Param(TextArray(modes), "text[]") << ")";
          break;
        }
        case Filter::kRegion:
          sql << "(d.remote OR d.region = ANY(" << Param(TextArray(query_.regions), "text[]");
          sql << "))";
          break;
        case Filter::kDepartment:
          sql << "(d.remote OR d.department = ANY(";
          sql << Param(TextArray(query_.departments), "text[]") << "))";
          break;
        case Filter::kLevel:
          sql << "d.level = ANY(" << Param(IntArray(query_.levels), "int[]") << ")";
          break;
        case Filter::kDuration:
          sql << "d.weeks <= " << Param(std::to_string(*query_.max_duration_weeks), "int");
          break;
        case Filter::kStart:
          sql << "d.last_start >= ";
          sql << Param(std::to_string(plan_.sessions_from.DaysSinceEpoch()), "int");
          break;
      }
    }
  }

  // " ORDER BY …": nearby before remote, then the sort asked and its tie-breaks.
  void OrderBy(Sql& sql) const {
    bool text = !plan_.words.empty();
    auto score = [&] {
      if (text) sql << "ts_rank(" << kWeights << ", d.tsv, to_tsquery('fr', $1::text)) DESC, ";
    };
    auto distance = [&] {
      if (!plan_.center) return;
      sql << "CASE WHEN d.lat IS NULL THEN 1e9 ELSE ";
      Distance(sql);
      sql << " END, ";
    };
    // The first start on or after the date: width_bucket counts, by binary search in the
    // sorted array, the starts before it.
    auto start = [&] {
      sql << "coalesce(d.starts[width_bucket("
          << Param(std::to_string(plan_.sessions_from.DaysSinceEpoch() - 1), "int")
          << ", d.starts) + 1]::bigint, " << std::to_string(kNoStart) << "), ";
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
  void Distance(Sql& sql) const {
    sql << "distance_km(" << Param(Number(plan_.center->lat), "float8");
    sql << ", " << Param(Number(plan_.center->lon), "float8") << ", d.lat, d.lon)";
  }

  const search::SearchQuery& query_;
  const QueryPlan& plan_;
  std::string tsquery_;
};

// The folder of initdb and pg_ctl, or empty.
fs::path FindServerBinaries() {
  std::vector<fs::path> candidates;
  if (const char* dir = std::getenv("TREMPLIN_PG_BINDIR")) candidates.emplace_back(dir);
  std::vector<fs::path> versions;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", error))
    versions.push_back(entry.path() / "bin");
  std::sort(versions.begin(), versions.end(), [](const fs::path& a, const fs::path& b) {
    return std::stoi("0" + a.parent_path().filename().string()) >
           std::stoi("0" + b.parent_path().filename().string());
  });
  candidates.insert(candidates.end(), versions.begin(), versions.end());
  for (const fs::path& dir : candidates)
    if (fs::exists(dir / "initdb") && fs::exists(dir / "pg_ctl")) return dir;
  return {};
}

// The account the server runs as: none (ourselves) unless we are root.
struct Account {
  bool switch_user = false;
  uid_t uid = 0;
  gid_t gid = 0;
};

std::optional<Account> ServerAccount() {
  if (geteuid() != 0) return Account{};
  for (const char* name : {"postgres", "nobody"})
    if (const passwd* pw = getpwnam(name)) return Account{true, pw->pw_uid, pw->pw_gid};
  return std::nullopt;
}

// Runs `argv` (argv[0] a full path) as `account`, in `cwd`, with its output appended to `log`;
// returns its exit status, or -1 when it could not run.
int Run(const std::vector<std::string>& argv, const Account& account, const fs::path& cwd,
        const fs::path& log) {
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::string log_path = log.string(), dir = cwd.string();
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    // Only async-signal-safe calls between fork and exec.
    int fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
      close(fd);
    }
    if (account.switch_user &&
        (setgroups(0, nullptr) != 0 || setgid(account.gid) != 0 || setuid(account.uid) != 0))
      _exit(126);
    if (chdir(dir.c_str()) != 0) _exit(126);
    execv(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A TCP port free on the loopback interface right now.
int FreeLoopbackPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0)
    port = ntohs(address.sin_port);
  close(fd);
  return port;
}

// The last lines of a log, to say why something failed.
std::string Tail(const fs::path& file, size_t lines = 8) {
  std::ifstream in(file);
  std::vector<std::string> all;
  for (std::string line; std::getline(in, line);) all.push_back(line);
  std::string out;
  for (size_t i = all.size() > lines ? all.size() - lines : 0; i < all.size(); ++i)
    out += all[i] + "\n";
  return out;
}

void IgnoreNotice(void*, const char*) {}

}  // namespace

PostgresPeer::~PostgresPeer() { StopCluster(); }

core::Status PostgresPeer::StartCluster() {
  auto unavailable = [](std::string reason) -> core::Status {
    return core::MakeError(core::ErrorCode::kUnavailable, "peer_unavailable")
        .With("reason", std::move(reason));
  };
  bin_ = FindServerBinaries();
  if (bin_.empty())
    return unavailable(
        "PostgreSQL server binaries (initdb, pg_ctl) not found: install postgresql-15");
  std::optional<Account> account = ServerAccount();
  if (!account) return unavailable("running as root without a 'postgres' or 'nobody' account");

  std::string pattern = (fs::temp_directory_path() / "tremplin-pg-XXXXXX").string();
  if (!mkdtemp(pattern.data())) return unavailable("cannot create a temporary folder");
  folder_ = pattern;
  if (account->switch_user && chown(folder_.c_str(), account->uid, account->gid) != 0)
    return unavailable("cannot give the cluster folder to the server's account");
  // The server writes its own log (as its account); the tools' output goes to another.
  fs::path data = folder_ / "data", log = folder_ / "server.log", tools = folder_ / "tools.log";
  if (Run({(bin_ / "initdb").string(), "-D", data.string(), "-U", "postgres", "--auth=trust",
           "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"},
          *account, folder_, tools) != 0)
    return unavailable("initdb failed:\n" + Tail(tools));
  std::ofstream(data / "postgresql.conf", std::ios::app)
      << kServerSettings << "unix_socket_directories = '" << folder_.string() << "'\n";
  // Another program may take the free port before the server does: then try another.
  bool started = false;
  for (int attempt = 0; attempt < 3 && !started; ++attempt) {
    port_ = FreeLoopbackPort();
    started = Run({(bin_ / "pg_ctl").string(), "start", "-w", "-t", "60", "-D", data.string(), "-l",
                   log.string(), "-o", "-p " + std::to_string(port_)},
                  *account, folder_, tools) == 0;
  }
  if (!started) return unavailable("pg_ctl start failed:\n" + Tail(tools) + Tail(log));

  std::string conninfo = "host=" + folder_.string() + " port=" + std::to_string(port_) +
                         " user=postgres dbname=postgres";
  connection_ = PQconnectdb(conninfo.c_str());
  if (PQstatus(connection_) != CONNECTION_OK)
    return unavailable(std::string("cannot connect: ") + PQerrorMessage(connection_));
  PQsetNoticeProcessor(connection_, IgnoreNotice, nullptr);
  return core::Ok{};
}

void PostgresPeer::StopCluster() {
  if (connection_) PQfinish(connection_);
  connection_ = nullptr;
  statements_.clear();
  if (folder_.empty()) return;
  fs::path data = folder_ / "data";
  if (fs::exists(data / "postmaster.pid")) {
    std::optional<Account> account = ServerAccount();
    Run({(bin_ / "pg_ctl").string(), "stop", "-w", "-m", "immediate", "-D", data.string()},
        account.value_or(Account{}), folder_, folder_ / "tools.log");
  }
  std::error_code ignored;
  fs::remove_all(folder_, ignored);
  folder_.clear();
}

void PostgresPeer::Execute(const std::string& sql) {
  PGresult* result = PQexec(connection_, sql.c_str());
  ExecStatusType status = PQresultStatus(result);
  std::string error = PQresultErrorMessage(result);
  PQclear(result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    throw std::runtime_error("postgresql: " + error);
}

std::vector<std::vector<std::string>> PostgresPeer::Query(const std::string& sql,
                                                          const std::vector<std::string>& params) {
  auto [it, added] = statements_.try_emplace(sql, "s" + std::to_string(statements_.size()));
  const std::string& name = it->second;
  if (added) {
    PGresult* prepared =
        PQprepare(connection_, name.c_str(), sql.c_str(), static_cast<int>(params.size()), nullptr);
    bool ok = PQresultStatus(prepared) == PGRES_COMMAND_OK;
    std::string error = PQresultErrorMessage(prepared);
    PQclear(prepared);
    if (!ok) {
      statements_.erase(it);
      throw std::runtime_error("postgresql: " + error + " in " + sql);
    }
  }
  std::vector<const char*> values;
  for (const std::string& p : params) values.push_back(p.c_str());
  PGresult* result = PQexecPrepared(connection_, name.c_str(), static_cast<int>(values.size()),
                                    values.data(), nullptr, nullptr, 0);
  if (PQresultStatus(result) != PGRES_TUPLES_OK) {
    std::string error = PQresultErrorMessage(result);
    PQclear(result);
    throw std::runtime_error("postgresql: " + error + " in " + sql);
  }
  std::vector<std::vector<std::string>> rows(static_cast<size_t>(PQntuples(result)));
  int columns = PQnfields(result);
  for (size_t r = 0; r < rows.size(); ++r)
    for (int c = 0; c < columns; ++c)
      rows[r].emplace_back(PQgetvalue(result, static_cast<int>(r), c));
  PQclear(result);
  return rows;
}

void PostgresPeer::Copy(const char* statement, size_t count,
                        const std::function<void(size_t, std::string&)>& write_rows) {
  PGresult* copy = PQexec(connection_, statement);
  bool copying = PQresultStatus(copy) == PGRES_COPY_IN;
  PQclear(copy);
  auto fail = [&] {
    throw std::runtime_error(std::string("postgresql: ") + PQerrorMessage(connection_));
  };
  if (!copying) fail();
  std::string chunk;
  for (size_t i = 0; i < count; ++i) {
    write_rows(i, chunk);
    if (chunk.size() > (1 << 20) || i + 1 == count) {
      if (PQputCopyData(connection_, chunk.data(), static_cast<int>(chunk.size())) != 1) fail();
      chunk.clear();
    }
  }
  if (PQputCopyEnd(connection_, nullptr) != 1) fail();
  while (PGresult* result = PQgetResult(connection_)) {
    bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
    std::string error = PQresultErrorMessage(result);
    PQclear(result);
    if (!ok) throw std::runtime_error("postgresql: " + error);
  }
}

core::Status PostgresPeer::Load(const std::vector<search::Document>& documents,
                                const core::Geography& geography) {
  StopCluster();
  auto started = Clock::now();
  if (core::Status status = StartCluster(); !status.ok()) {
    StopCluster();
    return status;
  }
  auto cluster_ready = Clock::now();
  try {
    Execute(kSetup);
    Execute(std::string("BEGIN;") + kTable);
    Copy(kCopyDocs, documents.size(), [&](size_t i, std::string& out) {
      const search::Document& d = documents[i];
      std::vector<int64_t> starts;
      for (core::Date s : d.session_starts) starts.push_back(s.DaysSinceEpoch());
      auto field = [&](std::string_view value, char end = '\t') {
        AppendCopyField(out, value);
        out += end;
      };
      field(std::to_string(i));
      field(std::to_string(d.course_id));
      field(d.commune_code);
      field(d.department_code);
      field(d.region_code);
      field(d.remote ? "t" : "f");
      field(core::ToString(d.mode));
      field(d.family_id);
      field(std::to_string(d.certification_level));
      field(std::to_string(d.duration_weeks));
      out += (d.point ? Number(d.point->lat) : "\\N") + '\t';
      out += (d.point ? Number(d.point->lon) : "\\N") + '\t';
      field(IntArray(starts));
      out += (starts.empty() ? "\\N" : std::to_string(starts.back())) + '\t';
      field(d.title);
      field(d.professions);
      field(d.organisation);
      field(d.body, '\n');
    });
    Copy(kCopyProfessions, documents.size(), [&](size_t i, std::string& out) {
      for (const std::string& p : documents[i].profession_ids) {
        out += std::to_string(i) + '\t';
        AppendCopyField(out, p);
        out += '\n';
      }
    });
    Execute("COMMIT");
    Execute(kIndexes);
    Execute("VACUUM (ANALYZE)");  // alone: VACUUM refuses to run in a transaction
  } catch (const std::exception& e) {
    StopCluster();
    return core::MakeError(core::ErrorCode::kInternal, "peer_load_failed").With("reason", e.what());
  }
  auto done = Clock::now();
  start_seconds_ = std::chrono::duration<double>(cluster_ready - started).count();
  load_seconds_ = std::chrono::duration<double>(done - cluster_ready).count();
  return core::Ok{};
}

PeerResult PostgresPeer::Search(const search::SearchQuery& query) {
  QueryPlan plan = MakePlan(query);
  QueryWriter writer(query, plan);
  PeerResult result;
  auto to_int = [](const std::string& text) { return text.empty() ? 0 : std::stoi(text); };

  auto count = [&](double radius) {
    Sql sql = writer.Start();
    sql << "SELECT count(*) FILTER (WHERE NOT d.remote), count(*) FILTER (WHERE d.remote)";
    writer.Scope(sql, radius, true);
    writer.Filters(sql);
    auto rows = Query(sql.text, sql.params);
    result.nearby_total = to_int(rows.at(0).at(0));
    result.remote_total = to_int(rows.at(0).at(1));
  };
  double radius = plan.radius_km;
  count(radius);
  if (plan.center && plan.widen && result.nearby_total == 0) {
    // One statement finds the nearest document within the widest step, rather than one per
    // step: the first step reaching it is the one where something is near.
    std::optional<double> nearest;
    if (radius < kWideningSteps.back()) {
      Sql sql = writer.Start();
      writer.Nearest(sql);
      std::string distance = Query(sql.text, sql.params).at(0).at(0);
      if (!distance.empty()) nearest = std::stod(distance);
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
    Sql sql = writer.Start();
    if (facet.own == Filter::kDuration) {
      sql << "SELECT ";
      for (size_t i = 0; i < kDurationMonths.size(); ++i)
        sql << (i ? ", " : "") << "count(*) FILTER (WHERE d.weeks <= "
            << std::to_string(WeeksForMonths(kDurationMonths[i])) << ")";
      writer.Scope(sql, radius, true);
      writer.Filters(sql, facet.own);
      auto rows = Query(sql.text, sql.params);
      for (size_t i = 0; i < kDurationMonths.size(); ++i)
        counts[std::to_string(kDurationMonths[i])] = to_int(rows.at(0).at(i));
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
        only_places = " AND NOT d.remote";
        break;
      case Filter::kDepartment:
        column = "d.department";
        only_places = " AND NOT d.remote";
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
    for (const auto& row : Query(sql.text, sql.params)) counts[row.at(0)] = to_int(row.at(1));
  }

  if (plan.limit > 0 && plan.offset < result.total) {
    Sql sql = writer.Start();
    sql << "SELECT d.id";
    writer.Scope(sql, radius, true);
    writer.Filters(sql);
    writer.OrderBy(sql);
    sql << " LIMIT " << Param(std::to_string(plan.limit), "int");
    sql << " OFFSET " << Param(std::to_string(plan.offset), "int");
    for (const auto& row : Query(sql.text, sql.params))
      result.page.push_back(static_cast<search::DocId>(std::stoul(row.at(0))));
  }
  return result;
}

std::unique_ptr<PeerEngine> MakePostgresPeer() { return std::make_unique<PostgresPeer>(); }

}  // namespace tremplin::bench
