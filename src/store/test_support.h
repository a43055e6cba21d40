// Helpers for the store's tests: a new database on either backend, a temporary folder removed
// afterwards, and sample values.
#pragma once

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <sstream>
#include <unistd.h>

#include "core/course.h"
#include "core/organisation.h"
#include "store/database.h"
#include "support/temp_dir.h"

namespace tremplin::store::testing {

using tremplin::testing::TempDir;

// Reads "KEY=VALUE" lines (what scripts/start-postgres.sh prints).
inline std::map<std::string, std::string> ReadKeyValues(std::istream& in) {
  std::map<std::string, std::string> values;
  for (std::string line; std::getline(in, line);)
    if (size_t eq = line.find('='); eq != std::string::npos)
      values[line.substr(0, eq)] = line.substr(eq + 1);
  return values;
}

// The PostgreSQL server the tests share: the one CTest's "postgres" fixture started (its lines
// in the file named by $TREMPLIN_TEST_POSTGRES_ENV), or else one this process starts with
// scripts/start-postgres.sh and stops when it exits. Never skipped: when PostgreSQL cannot be
// reached the tests that need it fail, saying why.
class TestPostgres {
 public:
  static TestPostgres& Get() {
    static TestPostgres server;
    return server;
  }
  // The URL of its database "tremplin" (empty when there is no server: see error()).
  const std::string& url() const { return url_; }
  const std::string& error() const { return error_; }

  ~TestPostgres() {
    if (!own_folder_.empty())
      std::system((Script() + " stop '" + own_folder_ + "' >/dev/null 2>&1").c_str());
  }

 private:
  TestPostgres() {
    if (const char* file = std::getenv("TREMPLIN_TEST_POSTGRES_ENV")) {
      std::ifstream in(file);
      if (in) {
        url_ = ReadKeyValues(in)["DATABASE_URL"];
        if (!url_.empty()) return;
      }
    }
    std::string command = Script() + " start --no-fsync";
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) {
      error_ = "cannot run " + command;
      return;
    }
    std::string output;
    char buffer[512];
    while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
    int status = pclose(pipe);
    std::istringstream lines(output);
    std::map<std::string, std::string> values = ReadKeyValues(lines);
    own_folder_ = values["PGFOLDER"];
    url_ = values["DATABASE_URL"];
    if (status != 0 || url_.empty()) {
      error_ = command + " failed (exit status " + std::to_string(status) + "): " + output;
      url_.clear();
    }
  }
  static std::string Script() {
    const char* source = std::getenv("TREMPLIN_SOURCE_DIR");
    return std::string(source ? source : TREMPLIN_SOURCE_DIR) + "/scripts/start-postgres.sh";
  }

  std::string url_, error_, own_folder_;
};

// A new, empty database for one test, on `backend`: a file in a temporary folder, or a
// database of its own on the test server, dropped afterwards.
class ScratchDatabase {
 public:
  explicit ScratchDatabase(Backend backend) : backend_(backend) {
    if (backend == Backend::kSqlite) {
      url_ = "sqlite:" + dir_.File("catalogue.db");
      return;
    }
    TestPostgres& server = TestPostgres::Get();
    if (server.url().empty()) {
      ADD_FAILURE() << "no PostgreSQL server for the tests: " << server.error();
      return;
    }
    static std::atomic<int> counter{0};
    name_ = "test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    core::Result<Database> admin = Database::Open(server.url());
    if (!admin.ok()) {
      ADD_FAILURE() << "cannot connect to " << server.url() << ": " << admin.error().id;
      return;
    }
    admin->session() << "DROP DATABASE IF EXISTS " + name_;
    admin->session() << "CREATE DATABASE " + name_;
    url_ = server.url().substr(0, server.url().rfind('/') + 1) + name_;
  }
  ~ScratchDatabase() {
    if (name_.empty()) return;
    core::Result<Database> admin = Database::Open(TestPostgres::Get().url());
    if (admin.ok()) admin->session() << "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)";
  }
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  Backend backend() const { return backend_; }
  const std::string& url() const { return url_; }
  // A new connection to it (a test failure when it cannot be opened).
  std::optional<Database> Open() const {
    core::Result<Database> db = Database::Open(url_);
    if (!db.ok()) {
      ADD_FAILURE() << "cannot open " << url_ << ": " << core::ToLogString(db.error());
      return std::nullopt;
    }
    return std::move(*db);
  }

 private:
  Backend backend_;
  TempDir dir_;
  std::string name_;  // of the PostgreSQL database
  std::string url_;
};

// Test parameters: both backends, named "sqlite" and "postgresql" in test names (CTest labels
// the PostgreSQL ones `pg`).
inline std::string BackendParamName(const ::testing::TestParamInfo<Backend>& info) {
  return std::string(BackendName(info.param));
}
#define TREMPLIN_ON_EVERY_BACKEND(Suite)                                                       \
  INSTANTIATE_TEST_SUITE_P(Backends, Suite,                                                    \
                           ::testing::Values(::tremplin::store::Backend::kSqlite,              \
                                             ::tremplin::store::Backend::kPostgresql),         \
                           ::tremplin::store::testing::BackendParamName)

inline core::Organisation SampleOrganisation(std::string siret = "73282932000074") {
  core::Organisation o;
  o.siret = std::move(siret);
  o.name = "Atelier des Tilleuls (test)";
  o.description = "Fabrique solidaire et inclusive";
  o.address = "12 rue des Tilleuls";
  o.postcode = "59000";
  o.commune_code = "59350";
  o.website = "https://example.org/tilleuls";
  o.email = "contact@example.org";
  o.phone = "+33 3 20 00 00 00";
  o.qualiopi_certified = true;
  o.is_demo = false;
  return o;
}

inline core::Session SampleSession(std::string commune_code, int start_day) {
  core::Session s;
  s.commune_code = std::move(commune_code);
  s.address = "3 place de l'Église";
  s.point = core::GeoPoint{50.6292, 3.0573};
  s.start = core::Date::FromYmd(2025, 9, start_day);
  s.end = core::Date::FromYmd(2026, 3, start_day);
  s.enrolment_opens = core::Date::FromYmd(2025, 5, start_day);
  s.enrolment_closes = core::Date::FromYmd(2025, 8, start_day);
  s.capacity = 16;
  s.recruitment = core::RecruitmentState::kOpen;
  return s;
}

// A course with every field set to a value other than its default.
inline core::Course SampleCourse(int64_t organisation_id) {
  core::Course c;
  c.organisation_id = organisation_id;
  c.title = "Développeur·se web et web mobile";
  c.summary = "Apprendre à coder des sites en 7 mois, pour 100 % des candidats motivés.";
  c.objectives = "Concevoir « une application » complète";
  c.content = "HTML, CSS, JavaScript; SQL: SELECT * FROM courses WHERE title LIKE '%web%';";
  c.prerequisites = "Aucun diplôme requis — savoir lire et écrire le français";
  c.target_public = "Demandeurs d'emploi, jeunes de 18 à 25 ans 👩‍💻";
  c.access_modalities = "Réunion d'information puis entretien ; délai d'accès : 4 semaines";
  c.teaching_methods = "Pédagogie active \"learning by doing\"";
  c.assessment_methods = "Titre professionnel, jury\tfinal\nen fin de parcours";
  c.accessibility = "Locaux accessibles PMR ; référent handicap";
  c.family_id = "dev";
  c.profession_ids = {"M1805", "M1855", "E1205"};
  c.rncp_code = "RNCP37674";
  c.certification_title = "Développeur web et web mobile";
  c.certification_level = 5;
  c.mode = core::DeliveryMode::kBlended;
  c.duration_hours = 910;
  c.duration_weeks = 30;
  c.cost_to_learner_cents = 12345;
  c.label_state = core::LabelState::kRenewalPending;
  c.label_granted_on = core::Date::FromYmd(2023, 2, 28);
  c.label_expires_on = core::Date::FromYmd(2026, 2, 28);
  c.sessions = {SampleSession("59350", 1), SampleSession("62041", 15)};
  core::Session remote = SampleSession("", 20);
  remote.address.clear();
  remote.point.reset();
  remote.recruitment = core::RecruitmentState::kFull;
  c.sessions.push_back(remote);
  return c;
}

// Every field but the ids, which the database assigns.
inline void ExpectSameSession(const core::Session& expected, const core::Session& actual) {
  EXPECT_EQ(expected.commune_code, actual.commune_code);
  EXPECT_EQ(expected.address, actual.address);
  ASSERT_EQ(expected.point.has_value(), actual.point.has_value());
  if (expected.point) {
    EXPECT_DOUBLE_EQ(expected.point->lat, actual.point->lat);
    EXPECT_DOUBLE_EQ(expected.point->lon, actual.point->lon);
  }
  EXPECT_EQ(expected.start, actual.start);
  EXPECT_EQ(expected.end, actual.end);
  EXPECT_EQ(expected.enrolment_opens, actual.enrolment_opens);
  EXPECT_EQ(expected.enrolment_closes, actual.enrolment_closes);
  EXPECT_EQ(expected.capacity, actual.capacity);
  EXPECT_EQ(expected.recruitment, actual.recruitment);
}

// Every field but the course's and its sessions' ids.
inline void ExpectSameCourse(const core::Course& expected, const core::Course& actual) {
  EXPECT_EQ(expected.organisation_id, actual.organisation_id);
  EXPECT_EQ(expected.title, actual.title);
  EXPECT_EQ(expected.summary, actual.summary);
  EXPECT_EQ(expected.objectives, actual.objectives);
  EXPECT_EQ(expected.content, actual.content);
  EXPECT_EQ(expected.prerequisites, actual.prerequisites);
  EXPECT_EQ(expected.target_public, actual.target_public);
  EXPECT_EQ(expected.access_modalities, actual.access_modalities);
  EXPECT_EQ(expected.teaching_methods, actual.teaching_methods);
  EXPECT_EQ(expected.assessment_methods, actual.assessment_methods);
  EXPECT_EQ(expected.accessibility, actual.accessibility);
  EXPECT_EQ(expected.family_id, actual.family_id);
  EXPECT_EQ(expected.profession_ids, actual.profession_ids);
  EXPECT_EQ(expected.rncp_code, actual.rncp_code);
  EXPECT_EQ(expected.certification_title, actual.certification_title);
  EXPECT_EQ(expected.certification_level, actual.certification_level);
  EXPECT_EQ(expected.mode, actual.mode);
  EXPECT_EQ(expected.duration_hours, actual.duration_hours);
  EXPECT_EQ(expected.duration_weeks, actual.duration_weeks);
  EXPECT_EQ(expected.cost_to_learner_cents, actual.cost_to_learner_cents);
  EXPECT_EQ(expected.status, actual.status);
  EXPECT_EQ(expected.label_state, actual.label_state);
  EXPECT_EQ(expected.label_granted_on, actual.label_granted_on);
  EXPECT_EQ(expected.label_expires_on, actual.label_expires_on);
  ASSERT_EQ(expected.sessions.size(), actual.sessions.size());
  for (size_t i = 0; i < expected.sessions.size(); ++i) {
    SCOPED_TRACE("session " + std::to_string(i));
    ExpectSameSession(expected.sessions[i], actual.sessions[i]);
  }
}

inline void ExpectSameOrganisation(const core::Organisation& expected,
                                   const core::Organisation& actual) {
  EXPECT_EQ(expected.siret, actual.siret);
  EXPECT_EQ(expected.name, actual.name);
  EXPECT_EQ(expected.description, actual.description);
  EXPECT_EQ(expected.address, actual.address);
  EXPECT_EQ(expected.postcode, actual.postcode);
  EXPECT_EQ(expected.commune_code, actual.commune_code);
  EXPECT_EQ(expected.website, actual.website);
  EXPECT_EQ(expected.email, actual.email);
  EXPECT_EQ(expected.phone, actual.phone);
  EXPECT_EQ(expected.qualiopi_certified, actual.qualiopi_certified);
  EXPECT_EQ(expected.is_demo, actual.is_demo);
}

}  // namespace tremplin::store::testing
