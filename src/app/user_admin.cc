#include "app/user_admin.h"

#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include "auth/password.h"
#include "core/messages.h"
#include "store/accounts.h"
#include "store/audit_log.h"
#include "store/migrations.h"

namespace tremplin::app {
namespace {

int Refuse(const core::Error& error) {
  // The catalogue's English sentence says what to do; the id is for searching the logs.
  spdlog::error("cannot add the user: {} ({})",
                core::Messages::Builtin().ErrorText(core::Lang::kEn, error), error.id);
  return 1;
}

}  // namespace

std::vector<std::string> CommonPasswordFiles(const std::string& npm_dir) {
  return {npm_dir + "/@zxcvbn-ts/language-common/src/passwords.json",
          npm_dir + "/@zxcvbn-ts/language-fr/src/commonWords.json"};
}

int AddUser(const Config& config, const NewUserOptions& options, std::istream& password_input) {
  std::optional<store::Role> role = store::ParseRole(options.role);
  if (!role) {
    spdlog::error("cannot add the user: --role must be admin, reviewer or member, not \"{}\"", options.role);
    return 1;
  }
  if (options.email.find('@') == std::string::npos || options.name.empty()) {
    spdlog::error("cannot add the user: give an email address (--email) and a name (--name)");
    return 1;
  }
  std::string password;
  std::getline(password_input, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  core::Result<auth::CommonPasswords> common = auth::CommonPasswords::Load(CommonPasswordFiles(config.npm_dir));
  if (!common.ok()) return Refuse(common.error());
  if (std::optional<core::Error> weak = auth::CheckNewPassword(password, options.email, *common))
    return Refuse(*weak);
  core::Result<std::string> hash = auth::HashPassword(password);
  if (!hash.ok()) return Refuse(hash.error());

  core::Result<store::Database> db = store::Database::Open(config.database);
  if (!db.ok()) return Refuse(db.error());
  if (core::Result<int> migrated = store::Migrate(*db); !migrated.ok()) return Refuse(migrated.error());
  store::User user;
  user.email = options.email;
  user.name = options.name;
  user.role = *role;
  user.password_hash = *hash;
  user.organisation_ids = options.organisation_ids;
  // The account and its audit entry (never the password's hash) are stored together.
  core::Result<int64_t> id = db->Transaction([&](soci::session&) -> core::Result<int64_t> {
    core::Result<int64_t> inserted = store::InsertUser(*db, user);
    if (!inserted.ok()) return inserted.error();
    boost::json::array organisations;
    for (int64_t o : user.organisation_ids) organisations.emplace_back(o);
    store::AuditEntry entry;
    entry.actor = "cli:user-add";
    entry.action = "user.create";
    entry.entity = store::UserRef(*inserted);
    entry.after_state = boost::json::serialize(boost::json::object{
        {"email", store::NormalizedEmail(user.email)}, {"name", user.name},
        {"role", store::ToString(user.role)}, {"organisation_ids", std::move(organisations)}});
    core::Result<int64_t> audited = store::AppendAudit(*db, std::move(entry));
    if (!audited.ok()) return audited.error();
    return inserted;
  });
  if (!id.ok()) return Refuse(id.error());
  spdlog::info("added user {} <{}>, {}, id {}", options.name, options.email, options.role, *id);
  return 0;
}

}  // namespace tremplin::app
