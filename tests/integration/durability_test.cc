// Crash safety and graceful shutdown, through the real HTTP interface.
//
// Crash safety: an organisation member edits course texts, edits a session and adds sessions in
// the back office while the server is killed with SIGKILL at a random moment, then restarted on
// the same SQLite database — 20 rounds (TREMPLIN_DURABILITY_ROUNDS for a bench run). Every write
// the server acknowledged (303) must be there after the restart: a new session by its address;
// an overwritten value (summary, session address) is the last one acknowledged or one sent after
// it (sent, perhaps committed, but its answer lost with the process). At the end the database
// passes `PRAGMA integrity_check` and the audit chain `tremplin audit verify`.
//
// Graceful shutdown: SIGTERM while client threads send searches and pages without pause. Each
// request gets either a complete response or a connection refused or closed before any byte of
// response — never a response cut in the middle — and the process exits with code 0.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <random>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "account_fixture.h"

namespace tremplin::integration {
namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;
using Clock = std::chrono::steady_clock;

constexpr int kDefaultRounds = 20;

int Rounds() {
  const char* text = std::getenv("TREMPLIN_DURABILITY_ROUNDS");
  int rounds = text ? std::atoi(text) : 0;
  return rounds > 0 ? rounds : kDefaultRounds;
}

// The output of `sqlite3 FILE SQL` (one row a line), or "" with a failure.
std::string Sqlite(const fs::path& file, const std::string& sql) {
  std::string command = "sqlite3 '" + file.string() + "' \"" + sql + "\" 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) {
    ADD_FAILURE() << "cannot run " << command;
    return "";
  }
  std::string out;
  char buffer[4096];
  for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  int status = pclose(pipe);
  EXPECT_EQ(status, 0) << command << "\n" << out;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

Fields SessionFields(std::string address) {
  return {{"place", "Roubaix"},
          {"address", std::move(address)},
          {"start", IsoDateFromToday(60)},
          {"end", IsoDateFromToday(240)},
          {"enrolment_opens", IsoDateFromToday(-5)},
          {"enrolment_closes", IsoDateFromToday(50)},
          {"capacity", "12"}};
}

Fields CourseFields(std::string title) {
  return {{"title", std::move(title)},
          {"summary", "Apprendre à créer des sites web accessibles, de la maquette à la mise en ligne."},
          {"family", "development"},
          {"professions", "web-developer"},
          {"mode", "onsite"},
          {"duration_hours", "700"},
          {"duration_weeks", "28"},
          {"cost", "0"},
          {"rncp_code", "RNCP37674"},
          {"certification_title", "Développeur web et web mobile"},
          {"certification_level", "5"}};
}

Fields WithCsrf(Fields fields, const std::string& csrf) {
  fields.insert(fields.begin(), {"csrf", csrf});
  return fields;
}

std::string EditorUrl(int64_t course) { return "/espace/formations/" + std::to_string(course); }

// A value written again and again (a course's summary, a session's address): what the last
// acknowledged write set, and what was sent after it without an answer.
struct Overwritten {
  std::string acknowledged;
  std::vector<std::string> unanswered;

  void Sent(const std::string& value, bool acknowledged_now) {
    if (acknowledged_now) {
      acknowledged = value;
      unanswered.clear();
    } else {
      unanswered.push_back(value);
    }
  }
  bool Allows(const std::string& stored) const {
    if (stored == acknowledged) return true;
    return std::find(unanswered.begin(), unanswered.end(), stored) != unanswered.end();
  }
};

// One course edited by one writer thread, with its edited session.
struct Target {
  int64_t course = 0;
  int64_t session = 0;
  Overwritten summary, session_address;
  std::vector<std::string> added_sessions;  // acknowledged
  int acknowledged = 0, unanswered = 0;
};

class DurabilityCrash : public AccountsFixture {
 protected:
  fs::path DatabaseFile() const { return dir_.path() / "accounts.db"; }

  std::unique_ptr<Browser> BrowserWithSession(const std::string& session_cookie) {
    auto browser = NewBrowser();
    browser->SetCookie(kSessionCookie, session_cookie);
    return browser;
  }

  // Creates an onsite course (a draft) of `organisation` with one session; both ids.
  Target NewTarget(Browser& browser, const std::string& csrf, int64_t organisation, const std::string& title) {
    Target target;
    const std::string url = "/espace/organismes/" + std::to_string(organisation) + "/nouvelle-formation";
    HttpResponse created = browser.Post(url, WithCsrf(CourseFields(title), csrf));
    EXPECT_EQ(created.status, 303) << created.body.substr(0, 3000);
    std::smatch m;
    std::string location = created.Header("Location");
    if (!std::regex_match(location, m, std::regex(R"(/espace/formations/(\d+)\?avis=creee)"))) {
      ADD_FAILURE() << "Location: " << location;
      return target;
    }
    target.course = std::stoll(m[1].str());
    HttpResponse added = browser.Post(EditorUrl(target.course) + "/nouvelle-session",
                                      WithCsrf(SessionFields("Adresse de départ"), csrf));
    EXPECT_EQ(added.status, 303) << added.body.substr(0, 3000);
    std::string id = Sqlite(DatabaseFile(), "SELECT max(id) FROM course_sessions WHERE course_id = " +
                                                std::to_string(target.course));
    target.session = id.empty() ? 0 : std::stoll(id);
    target.summary.acknowledged = CourseFields(title)[1].second;
    target.session_address.acknowledged = "Adresse de départ";
    return target;
  }

  // Writes to `target` until a request fails for want of a server: a summary, the session's
  // address, a new session, in turn. Records what was acknowledged.
  static void Write(Browser& browser, const std::string& csrf, int round, Target& target) {
    for (int n = 0;; ++n) {
      const std::string tag = "r" + std::to_string(round) + "-" + std::to_string(target.course) + "-" + std::to_string(n);
      HttpResponse r;
      switch (n % 3) {
        case 0: {
          std::string summary = "Résumé écrit pendant l’essai de durabilité " + tag + ".";
          r = browser.Post(EditorUrl(target.course), {{"csrf", csrf}, {"summary", summary}});
          target.summary.Sent(summary, r.status == 303);
          break;
        }
        case 1: {
          std::string address = "Adresse modifiée " + tag;
          r = browser.Post(EditorUrl(target.course) + "/sessions/" + std::to_string(target.session),
                           WithCsrf(SessionFields(address), csrf));
          target.session_address.Sent(address, r.status == 303);
          break;
        }
        default: {
          std::string address = "Nouvelle session " + tag;
          r = browser.Post(EditorUrl(target.course) + "/nouvelle-session", WithCsrf(SessionFields(address), csrf));
          if (r.status == 303) target.added_sessions.push_back(address);
          break;
        }
      }
      if (r.status == 303) {
        ++target.acknowledged;
      } else {
        ++target.unanswered;
        // Only the server's death ends the round; a refusal would be a bug of this test.
        if (r.status != 0) ADD_FAILURE() << "write " << tag << " answered " << r.status << ":\n" << r.body.substr(0, 2000);
        return;
      }
    }
  }

  void ExpectStored(const Target& target, int round) {
    std::string summary = Sqlite(DatabaseFile(), "SELECT summary FROM courses WHERE id = " + std::to_string(target.course));
    EXPECT_TRUE(target.summary.Allows(summary))
        << "round " << round << ": summary lost; stored \"" << summary << "\", acknowledged \""
        << target.summary.acknowledged << "\"";
    std::string address = Sqlite(DatabaseFile(), "SELECT address FROM course_sessions WHERE id = " + std::to_string(target.session));
    EXPECT_TRUE(target.session_address.Allows(address))
        << "round " << round << ": session edit lost; stored \"" << address << "\", acknowledged \""
        << target.session_address.acknowledged << "\"";
  }
};

TEST_F(DurabilityCrash, EveryAcknowledgedWriteSurvivesSigkillAndRestart) {
  const int rounds = Rounds();
  auto alice = NewBrowser();
  SignInOrFail(*alice, kAliceEmail, kAlicePassword);
  ASSERT_FALSE(HasFatalFailure());
  const std::string session_cookie = alice->Cookie(kSessionCookie);
  const std::string csrf = FirstMatch(alice->Get("/espace/organismes/" + std::to_string(organisations_[0].id) +
                                                 "/nouvelle-formation").body,
                                      kFormCsrf);
  ASSERT_FALSE(csrf.empty());
  std::vector<Target> targets = {NewTarget(*alice, csrf, organisations_[0].id, "Durabilité : première formation"),
                                 NewTarget(*alice, csrf, organisations_[1].id, "Durabilité : seconde formation")};
  for (const Target& t : targets) ASSERT_GT(t.session, 0);

  std::mt19937 random(std::random_device{}());
  std::uniform_int_distribution<int> kill_after_ms(20, 400);
  for (int round = 1; round <= rounds; ++round) {
    std::vector<std::unique_ptr<Browser>> browsers;
    std::vector<std::thread> writers;
    for (Target& target : targets) {
      browsers.push_back(BrowserWithSession(session_cookie));
      writers.emplace_back(Write, std::ref(*browsers.back()), std::cref(csrf), round, std::ref(target));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(kill_after_ms(random)));
    server_->Kill();
    for (std::thread& writer : writers) writer.join();
    browsers.clear();

    std::string error;
    server_ = TestServer::Start(&error, database_);
    ASSERT_TRUE(server_) << "round " << round << ": cannot restart after SIGKILL: " << error;
    for (const Target& target : targets) ExpectStored(target, round);
    ASSERT_FALSE(HasFailure()) << "round " << round;
  }

  // Every session added with an acknowledgement is there, once.
  int acknowledged = 0, unanswered = 0, added = 0;
  for (const Target& target : targets) {
    acknowledged += target.acknowledged;
    unanswered += target.unanswered;
    std::string stored = Sqlite(DatabaseFile(), "SELECT address FROM course_sessions WHERE course_id = " +
                                                    std::to_string(target.course));
    std::multiset<std::string> addresses;
    std::istringstream lines(stored);
    for (std::string line; std::getline(lines, line);) addresses.insert(line);
    for (const std::string& address : target.added_sessions) {
      ++added;
      EXPECT_EQ(addresses.count(address), 1u) << "acknowledged session lost: " << address;
    }
  }
  // A member still sees the last state through the pages.
  auto reader = BrowserWithSession(session_cookie);
  HttpResponse page = reader->Get(EditorUrl(targets[0].course));
  EXPECT_EQ(page.status, 200);
  EXPECT_TRUE(Contains(page.body, HtmlEscape(Sqlite(DatabaseFile(), "SELECT summary FROM courses WHERE id = " +
                                                                        std::to_string(targets[0].course)))));

  EXPECT_EQ(Sqlite(DatabaseFile(), "PRAGMA integrity_check"), "ok");
  std::vector<std::string> args = TestServer::GlobalArgs(database_);
  args.insert(args.end(), {"audit", "verify"});
  CommandResult verified = RunTremplin(args, dir_.path());
  EXPECT_EQ(verified.exit_code, 0) << verified.output;
  EXPECT_TRUE(Contains(verified.output, "chain intact")) << verified.output;
  EXPECT_GE(acknowledged, rounds) << "too few writes to mean something";
  // The figures of the bench (bench/durability_bench.sh reads this line).
  std::printf("durability: rounds=%d writes_acknowledged=%d unanswered=%d sessions_added=%d writes_lost=%d\n",
              rounds, acknowledged, unanswered, added, HasFailure() ? -1 : 0);
}

// --- Graceful shutdown -------------------------------------------------------------------

// What became of one request sent on its own connection.
enum class Outcome { kComplete, kRefused, kCut };

// Sends `request` on a new connection to 127.0.0.1:`port` and reads the answer to its end
// (Connection: close). kRefused: no connection, or closed/reset before any byte of response;
// kComplete: a status line, headers and the whole body its Content-Length announced; kCut: any
// other ending (a response begun and not finished, or nothing within 10 s).
Outcome Exchange(uint16_t port, const std::string& request, std::string* detail) {
  int fd = ConnectLoopback(port);
  if (fd < 0) return Outcome::kRefused;
  // A write that fails means the server closed first: nothing was answered yet.
  size_t sent = 0;
  while (sent < request.size()) {
    ssize_t n = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  std::string response;
  char buffer[16384];
  bool timed_out = false;
  while (true) {
    ssize_t n = recv(fd, buffer, sizeof buffer, 0);
    if (n > 0) {
      response.append(buffer, static_cast<size_t>(n));
      continue;
    }
    timed_out = n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
    break;
  }
  close(fd);
  if (response.empty()) {
    if (timed_out) *detail = "no answer within 10 s";
    return timed_out ? Outcome::kCut : Outcome::kRefused;
  }
  size_t head_end = response.find("\r\n\r\n");
  std::smatch m;
  std::string head = head_end == std::string::npos ? response : response.substr(0, head_end);
  static const std::regex kLength(R"(\r\n[Cc]ontent-[Ll]ength: *(\d+))");
  if (head_end != std::string::npos && response.starts_with("HTTP/1.1 ") && std::regex_search(head, m, kLength) &&
      response.size() - head_end - 4 == std::stoull(m[1].str()))
    return Outcome::kComplete;
  *detail = "response cut after " + std::to_string(response.size()) + " bytes: " + head.substr(0, 200);
  return Outcome::kCut;
}

TEST(DurabilityShutdown, SigtermUnderLoadAnswersEveryAcceptedRequestAndExitsZero) {
  TREMPLIN_REQUIRE_TEST_PREREQUISITES();
  std::string error;
  std::unique_ptr<TestServer> server = TestServer::Start(&error);
  ASSERT_TRUE(server) << error;
  const uint16_t port = server->port();
  const std::vector<std::string> targets = {
      "/formations?q=developpeur+web&where=Lille", "/api/v1/courses?q=data&per_page=50",
      "/", "/formations?q=cybersecurite", "/api/v1/places?q=Rou", "/formations/1"};

  std::atomic<bool> stopped{false};
  std::atomic<int> complete{0}, refused{0}, complete_after_stop{0};
  std::mutex failures_mutex;
  std::vector<std::string> failures;
  std::vector<std::thread> clients;
  for (int c = 0; c < 6; ++c) {
    clients.emplace_back([&, c] {
      int consecutive_refusals = 0;
      for (int n = 0; consecutive_refusals < 20; ++n) {
        const std::string& target = targets[static_cast<size_t>(c + n) % targets.size()];
        std::string request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
        bool after_stop = stopped.load();
        std::string detail;
        switch (Exchange(port, request, &detail)) {
          case Outcome::kComplete:
            ++complete;
            if (after_stop) ++complete_after_stop;
            consecutive_refusals = 0;
            break;
          case Outcome::kRefused:
            ++refused;
            // Refusals end the loop once the server is gone; before SIGTERM there are none.
            if (stopped.load()) ++consecutive_refusals;
            else {
              std::lock_guard lock(failures_mutex);
              failures.push_back("refused before SIGTERM: " + target);
            }
            if (stopped.load()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
            break;
          case Outcome::kCut: {
            std::lock_guard lock(failures_mutex);
            failures.push_back(target + ": " + detail);
            break;
          }
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  const int complete_before = complete.load();
  stopped = true;
  auto stop_started = Clock::now();
  int code = server->Stop(&error);
  auto stop_took = Clock::now() - stop_started;
  for (std::thread& client : clients) client.join();

  EXPECT_EQ(code, 0) << error << "\n" << server->Log();
  EXPECT_LT(stop_took, std::chrono::seconds(5)) << "the grace period should end with the last request";
  EXPECT_GT(complete_before, 20) << "the load did not get going";
  for (const std::string& failure : failures) ADD_FAILURE() << failure;
  std::printf("shutdown: complete=%d (after SIGTERM %d) refused=%d cut=%zu stop_ms=%lld\n", complete.load(),
              complete_after_stop.load(), refused.load(), failures.size(),
              static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(stop_took).count()));
}

}  // namespace
}  // namespace tremplin::integration
