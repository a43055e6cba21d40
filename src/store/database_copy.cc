#include "store/database_copy.h"

#include <soci/soci.h>

#include <bit>
#include <cstring>
#include <string_view>

#include "store/migrations.h"
#include "store/rows.h"

namespace tremplin::store {
namespace {

using namespace rows;

struct CounterRow {
  std::string name;
  int64_t value = 0;

  template <typename F>
  void Visit(F&& f) {
    f("name", name);
    f("value", value);
  }
};

struct ChangeRow {
  int64_t version = 0, course_id = 0, organisation_id = 0;
  std::string changed_at;

  template <typename F>
  void Visit(F&& f) {
    f("version", version);
    f("course_id", course_id);
    f("organisation_id", organisation_id);
    f("changed_at", changed_at);
  }
};

struct UserRow {
  int64_t id = 0;
  std::string email, name, role, password_hash, disabled_at, created_at;

  template <typename F>
  void Visit(F&& f) {
    f("email", email);
    f("name", name);
    f("role", role);
    f("password_hash", password_hash);
    f("disabled_at", disabled_at);
  }
};

struct MembershipRow {
  int64_t user_id = 0, organisation_id = 0;

  template <typename F>
  void Visit(F&& f) {
    f("user_id", user_id);
    f("organisation_id", organisation_id);
  }
};

// FNV-1a, 64 bits, over canonical forms of the values (see TableCheck).
class Checksum {
 public:
  void Add(std::string_view bytes) {
    for (unsigned char c : bytes) {
      hash_ ^= c;
      hash_ *= 0x100000001b3ULL;
    }
  }
  void Add(const std::string& text) {
    Add(std::string_view("s" + std::to_string(text.size()) + ":"));
    Add(std::string_view(text));
  }
  void Add(int64_t number) { Add(std::string_view("i" + std::to_string(number) + ";")); }
  void Add(int number) { Add(static_cast<int64_t>(number)); }
  void Add(const NullableDouble& number) {
    if (number.indicator != soci::i_ok) {
      Add(std::string_view("n;"));
      return;
    }
    Add(std::string_view("d" + std::to_string(std::bit_cast<uint64_t>(number.value)) + ";"));
  }
  uint64_t value() const { return hash_; }

 private:
  uint64_t hash_ = 0xcbf29ce484222325ULL;
};

// Each table, the order its rows are read in, and its row type.
template <typename Row>
struct Table {
  const char* name;
  const char* order;
};

constexpr Table<OrganisationRow> kOrganisations{"organisations", "id"};
constexpr Table<CourseRow> kCourses{"courses", "id"};
constexpr Table<ProfessionRow> kProfessions{"course_professions", "course_id, profession_id"};
constexpr Table<SessionRow> kSessions{"course_sessions", "id"};
constexpr Table<CounterRow> kCounters{"change_counters", "name"};
constexpr Table<ChangeRow> kChanges{"catalogue_changes", "version"};
constexpr Table<AuditRow> kAudit{"audit_log", "id"};
constexpr Table<UserRow> kUsers{"users", "id"};
constexpr Table<MembershipRow> kMemberships{"user_organisations", "user_id, organisation_id"};

// Calls f(table) for each table, parents before children.
template <typename F>
void ForEachTable(F&& f) {
  f(kOrganisations);
  f(kCourses);
  f(kProfessions);
  f(kSessions);
  f(kCounters);
  f(kChanges);
  f(kAudit);
  f(kUsers);
  f(kMemberships);
}

template <typename Row>
TableCheck CheckTable(soci::session& sql, const Table<Row>& table) {
  Row row;
  soci::statement select = PrepareSelect(sql, table.name, row,
                                         std::string("ORDER BY ") + table.order, nullptr,
                                         /*with_created_at=*/true);
  select.execute();
  TableCheck check{table.name, 0, 0};
  Checksum sum;
  while (select.fetch()) {
    ++check.rows;
    if constexpr (requires { row.id; }) sum.Add(row.id);
    row.Visit([&](std::string_view name, auto& field) {
      sum.Add(name);
      sum.Add(field);
    });
    if constexpr (requires { row.created_at; }) sum.Add(row.created_at);
  }
  check.checksum = sum.value();
  return check;
}

// Copies the rows of `table`, each with its id when it has one; returns how many.
template <typename Row>
int64_t CopyTable(soci::session& from, soci::session& to, const Table<Row>& table) {
  Row row;  // bound to both statements: what one reads, the other writes
  soci::statement select = PrepareSelect(from, table.name, row,
                                         std::string("ORDER BY ") + table.order, nullptr,
                                         /*with_created_at=*/true);
  soci::statement insert = PrepareInsert(to, table.name, row, /*with_id=*/true);
  select.execute();
  int64_t rows = 0;
  while (select.fetch()) {
    insert.execute(true);
    ++rows;
  }
  return rows;
}

core::Error SchemaDiffers(int source, int expected) {
  core::Error error = core::MakeError(core::ErrorCode::kConflict, "database_schema_differs");
  error.With("source", std::to_string(source)).With("expected", std::to_string(expected));
  return error;
}

}  // namespace

core::Result<std::vector<TableCheck>> CheckTables(Database& db) {
  return db.ReadTransaction([&](soci::session& sql) -> core::Result<std::vector<TableCheck>> {
    std::vector<TableCheck> checks;
    ForEachTable([&](const auto& table) { checks.push_back(CheckTable(sql, table)); });
    return checks;
  });
}

core::Result<std::vector<TableCheck>> CopyDatabase(Database& from, Database& to) {
  core::Result<int> migrated = Migrate(to);
  if (!migrated.ok()) return migrated.error();
  const int expected = SchemaVersion(to);
  const int source = SchemaVersion(from);
  if (source != expected) return SchemaDiffers(source, expected);

  // The source is read in one snapshot while the target is written in one transaction, and
  // both are checked before that transaction commits: a copy that differs is never kept.
  std::vector<TableCheck> result;
  core::Status copied = from.ReadTransaction([&](soci::session& in) -> core::Status {
    return to.Transaction([&](soci::session& out) -> core::Status {
      int64_t existing = 0;
      out << "SELECT (SELECT COUNT(*) FROM organisations) + (SELECT COUNT(*) FROM courses) + "
             "(SELECT COUNT(*) FROM users)",
          soci::into(existing);
      if (existing > 0) return core::MakeError(core::ErrorCode::kConflict, "database_not_empty");
      out << "DELETE FROM change_counters";  // the migration's initial values
      ForEachTable([&](const auto& table) { CopyTable(in, out, table); });
      if (to.backend() == Backend::kPostgresql) AdvanceIdentities(out);

      core::Result<std::vector<TableCheck>> source_checks = CheckTables(from);
      if (!source_checks.ok()) return source_checks.error();
      core::Result<std::vector<TableCheck>> target_checks = CheckTables(to);
      if (!target_checks.ok()) return target_checks.error();
      for (size_t i = 0; i < source_checks->size(); ++i) {
        const TableCheck& a = (*source_checks)[i];
        const TableCheck& b = (*target_checks)[i];
        if (a == b) continue;
        core::Error error = core::MakeError(core::ErrorCode::kInternal, "copy_verification_failed");
        error.With("table", a.table)
            .With("source", std::to_string(a.rows) + " rows, checksum " + std::to_string(a.checksum))
            .With("target", std::to_string(b.rows) + " rows, checksum " + std::to_string(b.checksum));
        return error;
      }
      result = std::move(*target_checks);
      return core::Ok{};
    });
  });
  if (!copied.ok()) return copied.error();
  return result;
}

}  // namespace tremplin::store
