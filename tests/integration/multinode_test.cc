// Several nodes over one PostgreSQL database, as DESIGN §7 deploys them: two `tremplin serve`
// behind nginx (round robin; a node that does not answer is skipped). Each test has its own
// throwaway cluster (scripts/start-postgres.sh, stopped at the end even if the test process
// dies), the demo catalogue, the two nodes and nginx. They check that an edit made on one
// node is in the other's search within a second, that edits through the proxy all land, that
// a node killed outright is skipped, and that a restart of PostgreSQL during a stream of edits
// answers each one clearly, loses none that was acknowledged and never stops the searches.
// CTest label `multinode` (cmake/TremplinModule.cmake).
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "http_client.h"
#include "test_server.h"
#include "test_support.h"

namespace tremplin::integration {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr std::string_view kToken = "multinode-test-token-0123456789abcdef";
// How soon another node must serve an edit (DESIGN §7: the change feed, within a second).
constexpr auto kPropagation = 1s;

std::string Env(const char* name) {
  const char* value = getenv(name);
  return value ? value : "";
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }
double Millis(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// The first executable `name` in PATH or in `extra` folders; "" when there is none.
std::string FindProgram(const std::string& name, const std::vector<std::string>& extra = {}) {
  std::vector<std::string> dirs;
  std::stringstream path(Env("PATH"));
  for (std::string dir; std::getline(path, dir, ':');)
    if (!dir.empty()) dirs.push_back(dir);
  dirs.insert(dirs.end(), extra.begin(), extra.end());
  for (const std::string& dir : dirs) {
    fs::path candidate = fs::path(dir) / name;
    if (access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return "";
}

// The PostgreSQL server programs, found as scripts/start-postgres.sh finds them.
std::string PostgresBinDir() {
  if (std::string dir = Env("PG_BINDIR"); !dir.empty()) return dir;
  std::string best;
  int best_version = -1;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    fs::path bin = entry.path() / "bin";
    if (access((bin / "initdb").c_str(), X_OK) != 0 || access((bin / "pg_ctl").c_str(), X_OK) != 0)
      continue;
    int version = std::atoi(entry.path().filename().c_str());
    if (version > best_version) best_version = version, best = bin.string();
  }
  return best;
}

// Runs `args` to its end (from the test's main thread), output in `log`. "" on exit code 0,
// else what happened with the log.
std::string RunCommand(const std::vector<std::string>& args, const fs::path& cwd,
                       const fs::path& log, Clock::duration timeout = 120s) {
  pid_t pid = SpawnProcess(args, cwd, log);
  if (pid < 0) return "cannot start " + args[0];
  int status = 0;
  if (!WaitForProcess(pid, timeout, &status)) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    return args[0] + " timed out:\n" + ReadFile(log);
  }
  if (status == 0) return "";
  std::string line;
  for (const std::string& a : args) line += a + " ";
  return line + "failed (" + DescribeWaitStatus(status) + "):\n" + ReadFile(log);
}

// A throwaway PostgreSQL cluster made by scripts/start-postgres.sh, with its logs in
// `work_dir`. A watchdog process stops and deletes it, and removes `work_dir`, if the test
// process dies without doing so (a crash, a CTest timeout).
class PostgresCluster {
 public:
  static std::unique_ptr<PostgresCluster> Start(const fs::path& work_dir, std::string* error) {
    std::unique_ptr<PostgresCluster> cluster(new PostgresCluster());
    cluster->work_dir_ = work_dir;
    cluster->script_ = (fs::path(Env("TREMPLIN_SOURCE_DIR")) / "scripts" / "start-postgres.sh").string();
    fs::path log = work_dir / "postgres-start.log";
    if (std::string failed = RunCommand({"/bin/bash", cluster->script_, "start", "--no-fsync"},
                                        work_dir, log);
        !failed.empty()) {
      *error = "scripts/start-postgres.sh start failed: " + failed;
      // It may have made its folder before failing: then the destructor removes it.
      cluster->ReadSettings(ReadFile(log));
      return nullptr;
    }
    cluster->ReadSettings(ReadFile(log));
    if (cluster->folder_.empty() || cluster->url_.empty() || cluster->port_.empty()) {
      *error = "scripts/start-postgres.sh start printed no PGFOLDER/PGPORT/DATABASE_URL:\n" +
               ReadFile(log);
      return nullptr;
    }
    cluster->StartWatchdog();
    return cluster;
  }

  ~PostgresCluster() {
    if (folder_.empty()) return;
    std::string failed = RunCommand({"/bin/bash", script_, "stop", folder_}, work_dir_,
                                    work_dir_ / "postgres-stop.log");
    if (!failed.empty()) ADD_FAILURE() << "cannot stop the PostgreSQL cluster: " << failed;
    if (watchdog_pipe_ >= 0) {
      char done = 1;
      [[maybe_unused]] ssize_t written = write(watchdog_pipe_, &done, 1);
      close(watchdog_pipe_);
    }
  }

  const std::string& url() const { return url_; }
  const std::string& folder() const { return folder_; }

  // scripts/start-postgres.sh restart (a fast shutdown, then a start on the same port).
  std::string Restart() {
    return RunCommand({"/bin/bash", script_, "restart", folder_}, work_dir_,
                      work_dir_ / "postgres-restart.log");
  }
  // Stops the server (fast shutdown) without deleting anything, and starts it again.
  std::string StopServer() {
    return PgCtl({"stop", "-w", "-t", "60", "-m", "fast", "-D", folder_ + "/data"});
  }
  std::string StartServer() {
    return PgCtl({"start", "-w", "-t", "60", "-D", folder_ + "/data", "-l", folder_ + "/server.log",
                  "-o", "-p " + port_});
  }

 private:
  PostgresCluster() = default;

  void ReadSettings(const std::string& output) {
    std::stringstream lines(output);
    for (std::string line; std::getline(lines, line);) {
      if (line.starts_with("PGFOLDER=")) folder_ = line.substr(9);
      if (line.starts_with("PGPORT=")) port_ = line.substr(7);
      if (line.starts_with("DATABASE_URL=")) url_ = line.substr(13);
    }
  }

  // pg_ctl as the cluster's owner (the "postgres" account when the tests run as root).
  std::string PgCtl(const std::vector<std::string>& args) {
    std::vector<std::string> command = {
        "/bin/bash", "-c",
        R"sh(if [ "$(id -u)" -eq 0 ]; then exec runuser -u postgres -- "$@"; else exec "$@"; fi)sh",
        "pg_ctl", PostgresBinDir() + "/pg_ctl"};
    command.insert(command.end(), args.begin(), args.end());
    return RunCommand(command, work_dir_, work_dir_ / "pg_ctl.log");
  }

  // A grandchild (so that it outlives a kill of this process and its children) waits for a
  // byte on a pipe: the byte says the test stopped the cluster; the end of the pipe without
  // one, that the test died, and then it runs `start-postgres.sh stop` and removes the test's
  // work folder.
  void StartWatchdog() {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) return;
    const std::vector<std::string> args = {
        "/bin/bash", "-c", R"sh("$0" stop "$1"; rm -rf "$2")sh", script_, folder_, work_dir_.string()};
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t child = fork();
    if (child < 0) {
      close(fds[0]);
      close(fds[1]);
      return;
    }
    if (child == 0) {
      close(fds[1]);
      setsid();
      if (fork() != 0) _exit(0);
      char byte;
      ssize_t n;
      do n = read(fds[0], &byte, 1);
      while (n < 0 && errno == EINTR);
      if (n == 1) _exit(0);
      int null = open("/dev/null", O_RDWR);
      if (null >= 0) {
        dup2(null, 0);
        dup2(null, 1);
        dup2(null, 2);
      }
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(fds[0]);
    waitpid(child, nullptr, 0);  // the intermediate process exits at once
    watchdog_pipe_ = fds[1];
  }

  fs::path work_dir_;
  std::string script_, folder_, port_, url_;
  int watchdog_pipe_ = -1;  // the watchdog's pipe (it is not our child: nothing to reap)
};

// nginx in front of the nodes, as a child process with its own configuration, logs and
// temporary files in `dir`, on a free loopback port.
class Proxy {
 public:
  static std::unique_ptr<Proxy> Start(const std::string& nginx, const fs::path& dir,
                                      const std::vector<uint16_t>& upstreams, std::string* error) {
    for (int attempt = 0; attempt < 5; ++attempt) {
      std::unique_ptr<Proxy> proxy(new Proxy());
      proxy->dir_ = dir;
      proxy->port_ = FreeLoopbackPort();
      std::error_code ec;
      fs::remove(dir / "error.log", ec);
      std::ofstream(dir / "nginx.conf") << Config(dir, proxy->port_, upstreams);
      proxy->pid_ = SpawnProcess({nginx, "-p", dir.string() + "/", "-c", (dir / "nginx.conf").string(),
                                  "-e", (dir / "error.log").string(), "-g", "daemon off;"},
                                 dir, dir / "nginx.out");
      if (proxy->pid_ < 0) {
        *error = "cannot start " + nginx;
        return nullptr;
      }
      auto deadline = Clock::now() + 10s;
      while (Clock::now() < deadline) {
        int status = 0;
        if (waitpid(proxy->pid_, &status, WNOHANG) == proxy->pid_) {
          proxy->pid_ = -1;
          *error = "nginx stopped (" + DescribeWaitStatus(status) + "):\n" + proxy->Logs();
          break;
        }
        HttpClient client("127.0.0.1", proxy->port_, false, 2s);
        if (client.Get("/healthz").status == 200) return proxy;
        std::this_thread::sleep_for(20ms);
      }
      if (proxy->pid_ > 0) *error = "nginx did not answer within 10 s:\n" + proxy->Logs();
      if (!Contains(*error, "Address already in use")) return nullptr;
    }
    return nullptr;
  }

  ~Proxy() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);  // fast shutdown of the master and its worker
    int status = 0;
    if (!WaitForProcess(pid_, 10s, &status)) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
    }
  }

  uint16_t port() const { return port_; }
  std::string Logs() const {
    return ReadFile(dir_ / "nginx.out") + ReadFile(dir_ / "error.log");
  }
  std::string AccessLog() const { return ReadFile(dir_ / "access.log"); }

 private:
  Proxy() = default;

  static std::string Config(const fs::path& dir, uint16_t port, const std::vector<uint16_t>& upstreams) {
    const std::string d = dir.string();
    std::ostringstream c;
    // As root, nginx would switch its worker to "nobody", which cannot reach this folder.
    if (geteuid() == 0) c << "user root;\n";
    c << "worker_processes 1;\n"
      << "pid " << d << "/nginx.pid;\n"
      << "error_log " << d << "/error.log info;\n"
      << "events { worker_connections 512; }\n"
      << "http {\n"
      << "  log_format upstream '$request_method $request_uri $status $upstream_addr $upstream_status';\n"
      << "  access_log " << d << "/access.log upstream;\n"
      << "  client_body_temp_path " << d << "/client_body;\n"
      << "  proxy_temp_path " << d << "/proxy;\n"
      << "  fastcgi_temp_path " << d << "/fastcgi;\n"
      << "  uwsgi_temp_path " << d << "/uwsgi;\n"
      << "  scgi_temp_path " << d << "/scgi;\n"
      << "  upstream tremplin {\n";
    for (uint16_t p : upstreams) c << "    server 127.0.0.1:" << p << " max_fails=1 fail_timeout=30s;\n";
    c << "  }\n"
      << "  server {\n"
      << "    listen 127.0.0.1:" << port << ";\n"
      << "    location / {\n"
      << "      proxy_pass http://tremplin;\n"
      << "      proxy_next_upstream error timeout http_502;\n"
      << "      proxy_connect_timeout 2s;\n"
      << "      proxy_read_timeout 20s;\n"
      << "      proxy_set_header Host $host;\n"
      << "    }\n"
      << "  }\n"
      << "}\n";
    return c.str();
  }

  fs::path dir_;
  uint16_t port_ = 0;
  pid_t pid_ = -1;
};

HeaderList EditHeaders() {
  return {{"Authorization", "Bearer " + std::string(kToken)}, {"Content-Type", "application/json"}};
}

std::string CourseTarget(int64_t id) { return "/api/v1/courses/" + std::to_string(id); }

// A word no demo text has, different for each `n` (letters only, so that it is one word).
std::string UniqueWord(std::string_view stem, int n) {
  return std::string(stem) + static_cast<char>('a' + n / 26 % 26) + static_cast<char>('a' + n % 26);
}

class MultinodeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const char* old = getenv("TREMPLIN_API_TOKEN")) old_token_ = old;
    TREMPLIN_REQUIRE_TEST_PREREQUISITES();
    nginx_ = FindProgram("nginx", {"/usr/sbin", "/usr/local/sbin", "/usr/local/nginx/sbin"});
    if (nginx_.empty())
      GTEST_SKIP() << "nginx is not installed (scripts/install-deps.sh installs the Debian package)";
    if (PostgresBinDir().empty())
      GTEST_SKIP() << "the PostgreSQL server programs (initdb, pg_ctl) are not installed "
                      "(scripts/install-deps.sh installs postgresql-15)";

    std::string pattern = (fs::temp_directory_path() / "tremplin-multinode-XXXXXX").string();
    ASSERT_TRUE(mkdtemp(pattern.data())) << "cannot create " << pattern;
    dir_ = pattern;
    std::string failed = TestServer::PrepareCoordinates(dir_);
    ASSERT_TRUE(failed.empty()) << failed;

    auto started = Clock::now();
    std::string error;
    cluster_ = PostgresCluster::Start(dir_, &error);
    ASSERT_TRUE(cluster_) << error;
    std::vector<std::string> seed = TestServer::GlobalArgs(cluster_->url());
    seed.insert(seed.end(), {"seed", "--demo"});
    CommandResult seeded = RunTremplin(seed, dir_);
    ASSERT_EQ(seeded.exit_code, 0) << seeded.output;

    setenv("TREMPLIN_API_TOKEN", std::string(kToken).c_str(), 1);
    a_ = StartNode(&error);
    ASSERT_TRUE(a_) << error;
    b_ = StartNode(&error);
    ASSERT_TRUE(b_) << error;
    fs::create_directories(dir_ / "nginx");
    proxy_ = Proxy::Start(nginx_, dir_ / "nginx", {a_->port(), b_->port()}, &error);
    ASSERT_TRUE(proxy_) << error;
    std::cout << "[multinode] set up in " << Seconds(Clock::now() - started)
              << " s (cluster, demo, two nodes, nginx)\n";
  }

  void TearDown() override {
    proxy_.reset();
    for (std::unique_ptr<TestServer>* node : {&a_, &b_, &c_}) {
      if (!*node) continue;
      if ((*node)->Alive()) {
        std::string error;
        EXPECT_EQ((*node)->Stop(&error), 0) << error << "\nNode log:\n" << (*node)->Log();
      }
      node->reset();
    }
    cluster_.reset();
    if (old_token_) setenv("TREMPLIN_API_TOKEN", old_token_->c_str(), 1);
    else unsetenv("TREMPLIN_API_TOKEN");
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }

  // A node on the cluster, its folder in the test's (which the watchdog removes).
  std::unique_ptr<TestServer> StartNode(std::string* error) {
    return TestServer::Start(
        error, TestServerOptions{.database = cluster_->url(), .global_args = {}, .temp_parent = dir_});
  }

  static HttpResponse EditOn(uint16_t port, int64_t id, const json::object& fields) {
    HttpClient client("127.0.0.1", port);
    return client.Patch(CourseTarget(id), json::serialize(fields), EditHeaders());
  }

  static std::set<int64_t> SearchIdsOn(uint16_t port, std::string_view words) {
    HttpClient client("127.0.0.1", port);
    HttpResponse r = client.Get("/api/v1/courses?per_page=100&q=" + EncodeQueryComponent(words));
    std::set<int64_t> ids;
    if (r.status != 200) return ids;
    json::value body = ParseJson(r.body);
    const json::value& results = Member(body, "results");
    if (!results.is_array()) return ids;
    for (const json::value& x : results.as_array())
      ids.insert(static_cast<int64_t>(Number(Member(x, "id"))));
    return ids;
  }

  static std::string TitleOn(uint16_t port, int64_t id) {
    HttpClient client("127.0.0.1", port);
    HttpResponse r = client.Get(CourseTarget(id));
    return r.status == 200 ? Text(Member(ParseJson(r.body), "title")) : "";
  }

  // Polls `condition` every 2 ms until it holds or `timeout` passes: how long it took, or
  // nullopt.
  template <typename Condition>
  static std::optional<Clock::duration> Within(Clock::duration timeout, Condition condition) {
    auto start = Clock::now();
    while (true) {
      if (condition()) return Clock::now() - start;
      if (Clock::now() - start > timeout) return std::nullopt;
      std::this_thread::sleep_for(2ms);
    }
  }

  // The ids of `count` distinct courses the search lists (published ones), asked of `port`.
  static std::vector<int64_t> PublishedCourseIds(uint16_t port, size_t count) {
    HttpClient client("127.0.0.1", port);
    json::value found = ParseJson(client.Get("/api/v1/courses?per_page=100").body);
    std::vector<int64_t> ids;
    for (const json::value& r : Member(found, "results").as_array()) {
      int64_t id = static_cast<int64_t>(Number(Member(r, "id")));
      if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    }
    EXPECT_GE(ids.size(), count);
    ids.resize(std::min(ids.size(), count));
    return ids;
  }

  std::string nginx_;
  fs::path dir_;
  std::unique_ptr<PostgresCluster> cluster_;
  std::unique_ptr<TestServer> a_, b_, c_;
  std::unique_ptr<Proxy> proxy_;
  std::optional<std::string> old_token_;
};

TEST_F(MultinodeTest, EditOnOneNodeIsInTheOtherNodesSearchWithinOneSecond) {
  const std::vector<int64_t> ids = PublishedCourseIds(a_->port(), 10);
  ASSERT_EQ(ids.size(), 10u);
  std::map<std::string, std::vector<double>> delays;  // direction → ms after the 200
  for (int round = 0; round < 10; ++round) {
    const bool a_to_b = round % 2 == 0;
    TestServer& from = a_to_b ? *a_ : *b_;
    TestServer& to = a_to_b ? *b_ : *a_;
    const int64_t id = ids[round];
    const std::string word = UniqueWord("zorblax", round);
    const std::string title = "Formation " + word + " en réseau";
    SCOPED_TRACE(std::string(a_to_b ? "A → B" : "B → A") + ", course " + std::to_string(id));
    ASSERT_FALSE(SearchIdsOn(to.port(), word).contains(id));

    HttpResponse r = EditOn(from.port(), id, {{"title", title}});
    ASSERT_EQ(r.status, 200) << r.body.substr(0, 500);
    auto acknowledged = Clock::now();
    EXPECT_TRUE(SearchIdsOn(from.port(), word).contains(id)) << "not in the editing node's search";
    std::optional<Clock::duration> delay =
        Within(2 * kPropagation, [&] { return SearchIdsOn(to.port(), word).contains(id); });
    ASSERT_TRUE(delay) << "the other node's search did not find the edit within 2 s";
    double ms = Millis(Clock::now() - acknowledged);
    delays[a_to_b ? "A→B" : "B→A"].push_back(Millis(*delay));
    EXPECT_LT(*delay, kPropagation) << ms << " ms";
    EXPECT_EQ(TitleOn(to.port(), id), title);
    HttpClient client("127.0.0.1", to.port());
    EXPECT_TRUE(Contains(client.Get("/formations/" + std::to_string(id)).body, HtmlEscape(title)));
  }
  for (auto& [direction, ms] : delays) {
    std::sort(ms.begin(), ms.end());
    std::cout << "[multinode] propagation " << direction << " (edit answered → found by the other "
              << "node's search), " << ms.size() << " edits: min " << ms.front() << " ms, median "
              << ms[ms.size() / 2] << " ms, max " << ms.back() << " ms\n";
  }

  // A withdrawal leaves the other node's search as quickly; relabelling brings it back.
  const int64_t id = ids[0];
  const std::string word = UniqueWord("zorblax", 0);
  ASSERT_EQ(EditOn(a_->port(), id, {{"label_state", "withdrawn"}}).status, 200);
  std::optional<Clock::duration> gone =
      Within(2 * kPropagation, [&] { return !SearchIdsOn(b_->port(), word).contains(id); });
  ASSERT_TRUE(gone);
  EXPECT_LT(*gone, kPropagation);
  HttpClient client("127.0.0.1", b_->port());
  EXPECT_EQ(client.Get("/formations/" + std::to_string(id)).status, 200);
  ASSERT_EQ(EditOn(b_->port(), id, {{"label_state", "labelled"}}).status, 200);
  std::optional<Clock::duration> back =
      Within(2 * kPropagation, [&] { return SearchIdsOn(a_->port(), word).contains(id); });
  ASSERT_TRUE(back);
  EXPECT_LT(*back, kPropagation);
  std::cout << "[multinode] withdrawal A→B " << Millis(*gone) << " ms, relabelling B→A "
            << Millis(*back) << " ms\n";
}

TEST_F(MultinodeTest, EditsThroughTheProxyAllLandAndBothNodesServeThem) {
  constexpr int kEdits = 20;
  const std::vector<int64_t> ids = PublishedCourseIds(a_->port(), kEdits);
  ASSERT_EQ(ids.size(), static_cast<size_t>(kEdits));
  HttpClient proxy("127.0.0.1", proxy_->port());
  long long last_version = 0;
  for (int i = 0; i < kEdits; ++i) {
    const std::string title = "Relais " + UniqueWord("wombax", i);
    HttpResponse r = proxy.Patch(CourseTarget(ids[i]), json::serialize(json::object{{"title", title}}),
                                 EditHeaders());
    ASSERT_EQ(r.status, 200) << r.error << r.body.substr(0, 500);
    EXPECT_EQ(Text(Member(ParseJson(r.body), "title")), title);
    long long version = std::stoll(r.Header("X-Catalogue-Version"));
    EXPECT_GT(version, last_version) << "change numbers must grow";
    last_version = version;
  }
  // Both nodes took edits (round robin)…
  std::map<std::string, int> edits_by_node;  // upstream address → PATCHes it answered
  std::stringstream access(proxy_->AccessLog());
  for (std::string line; std::getline(access, line);) {
    std::stringstream fields(line);
    std::string method, uri, status, upstream;
    fields >> method >> uri >> status >> upstream;
    if (method == "PATCH" && status == "200") ++edits_by_node[upstream];
  }
  for (TestServer* node : {a_.get(), b_.get()})
    EXPECT_GT(edits_by_node["127.0.0.1:" + std::to_string(node->port())], 0)
        << "node on port " << node->port() << " took no edit:\n" << proxy_->AccessLog();
  // …and each serves every edit, by id and in its search.
  for (TestServer* node : {a_.get(), b_.get()}) {
    SCOPED_TRACE("node on port " + std::to_string(node->port()));
    for (int i = 0; i < kEdits; ++i) {
      const std::string word = UniqueWord("wombax", i);
      std::optional<Clock::duration> seen = Within(kPropagation, [&] {
        return TitleOn(node->port(), ids[i]) == "Relais " + word &&
               SearchIdsOn(node->port(), word).contains(ids[i]);
      });
      EXPECT_TRUE(seen) << "course " << ids[i] << " is not served as edited";
    }
  }
  // Reading through the proxy, whichever node answers, gives the same.
  for (int i = 0; i < kEdits; ++i)
    EXPECT_EQ(Text(Member(ParseJson(proxy.Get(CourseTarget(ids[i])).body), "title")),
              "Relais " + UniqueWord("wombax", i));
}

TEST_F(MultinodeTest, ConcurrentEditsOfOneCourseOnBothNodesAreAllKept) {
  const int64_t id = PublishedCourseIds(a_->port(), 1).at(0);
  constexpr int kEditsEach = 10;
  const std::vector<std::pair<std::string, uint16_t>> writers = {
      {"summary", a_->port()}, {"objectives", b_->port()}, {"content", a_->port()},
      {"prerequisites", b_->port()}};
  std::mutex mutex;
  std::vector<std::string> failures;
  std::vector<std::thread> threads;
  for (const auto& [field, port] : writers) {
    threads.emplace_back([&, field = field, port = port] {
      for (int i = 0; i < kEditsEach; ++i) {
        HttpResponse r = EditOn(port, id, {{field, field + " " + std::to_string(i)}});
        if (r.status != 200) {
          std::lock_guard lock(mutex);
          failures.push_back(field + " " + std::to_string(i) + ": " + std::to_string(r.status) +
                             " " + r.error + " " + r.body.substr(0, 300));
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (const std::string& f : failures) ADD_FAILURE() << f;
  for (TestServer* node : {a_.get(), b_.get()}) {
    std::optional<Clock::duration> settled = Within(kPropagation, [&] {
      HttpClient client("127.0.0.1", node->port());
      json::value course = ParseJson(client.Get(CourseTarget(id)).body);
      for (const auto& [field, port] : writers)
        if (Text(Member(course, field)) != field + " " + std::to_string(kEditsEach - 1)) return false;
      return true;
    });
    EXPECT_TRUE(settled) << "an edit was lost on the node on port " << node->port() << ": "
                         << HttpClient("127.0.0.1", node->port()).Get(CourseTarget(id)).body.substr(0, 2000);
  }
}

TEST_F(MultinodeTest, KilledNodeIsSkippedByTheProxy) {
  const int64_t id = PublishedCourseIds(a_->port(), 1).at(0);
  a_->Kill();
  ASSERT_FALSE(a_->Alive());
  HttpClient proxy("127.0.0.1", proxy_->port(), false, 5s);
  const std::vector<std::string> targets = {
      "/api/v1/courses?q=developpeur&where=59350",
      "/formations?q=reseau",
      "/formations/" + std::to_string(id),
      CourseTarget(id),
      "/api/v1/courses?q=data&per_page=50",
      "/",
      "/organismes",
      "/healthz",
  };
  auto started = Clock::now();
  for (int i = 0; i < 20; ++i) {
    const std::string& target = targets[i % targets.size()];
    HttpResponse r = proxy.Get(target);
    EXPECT_EQ(r.status, 200) << "request " << i + 1 << " " << target << ": " << r.error << " "
                             << r.body.substr(0, 300);
    EXPECT_FALSE(r.body.empty()) << target;
  }
  std::cout << "[multinode] 20 requests through nginx with node A killed: "
            << Millis(Clock::now() - started) << " ms\n";
  // Edits go to the node left, and it serves them.
  for (int i = 0; i < 4; ++i) {
    const std::string title = "Survivante " + UniqueWord("koalax", i);
    HttpResponse r = proxy.Patch(CourseTarget(id), json::serialize(json::object{{"title", title}}),
                                 EditHeaders());
    EXPECT_EQ(r.status, 200) << r.error << r.body.substr(0, 300);
    EXPECT_EQ(TitleOn(b_->port(), id), title);
  }
  EXPECT_TRUE(b_->Alive());
}

// One edit of the stream the client sends during the restart.
struct StreamedEdit {
  int64_t course = 0;
  std::string title;
  int status = 0;
  std::string code;   // of an error answer
  std::string error;  // transport failure
  std::string served_title;  // in a 200 answer
  Clock::time_point sent, answered;
};

TEST_F(MultinodeTest, DatabaseRestartDuringEditsLosesNoAcknowledgedEditAndSearchGoesOn) {
  constexpr int kCourses = 6;
  const std::vector<int64_t> ids = PublishedCourseIds(a_->port(), kCourses);
  ASSERT_EQ(ids.size(), static_cast<size_t>(kCourses));

  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::vector<StreamedEdit> edits;
  std::thread editor([&] {
    HttpClient proxy("127.0.0.1", proxy_->port(), false, 15s);
    for (int i = 0; !stop; ++i) {
      StreamedEdit e;
      e.course = ids[i % kCourses];
      e.title = "Reprise " + std::to_string(i) + " " + UniqueWord("tapirx", i % kCourses);
      e.sent = Clock::now();
      HttpResponse r = proxy.Patch(CourseTarget(e.course),
                                   json::serialize(json::object{{"title", e.title}}), EditHeaders());
      e.answered = Clock::now();
      e.status = r.status;
      e.error = r.error;
      json::value body = ParseJson(r.body);
      if (r.status == 200) e.served_title = Text(Member(body, "title"));
      else e.code = Text(Member(Member(body, "error"), "code"));
      if (e.code.empty() && r.status != 200) e.code = r.body.substr(0, 200);
      std::lock_guard lock(mutex);
      edits.push_back(std::move(e));
    }
  });
  struct SearchStats {
    int count = 0;
    std::vector<std::string> failures;
    Clock::duration longest{};
  };
  std::vector<SearchStats> searches(2);
  std::vector<std::thread> searchers;
  for (int n = 0; n < 2; ++n) {
    searchers.emplace_back([&, n] {
      const uint16_t port = n == 0 ? a_->port() : b_->port();
      HttpClient client("127.0.0.1", port, false, 15s);
      const std::vector<std::string> targets = {"/api/v1/courses?q=developpeur&where=59350",
                                                "/formations?q=reseau", "/api/v1/courses/1"};
      for (int i = 0; !stop; ++i) {
        auto t = Clock::now();
        HttpResponse r = client.Get(targets[i % targets.size()]);
        auto took = Clock::now() - t;
        SearchStats& s = searches[n];
        ++s.count;
        s.longest = std::max(s.longest, took);
        if (r.status != 200)
          s.failures.push_back(targets[i % targets.size()] + " → " + std::to_string(r.status) + " " + r.error);
        std::this_thread::sleep_for(10ms);
      }
    });
  }
  auto count_edits = [&] {
    std::lock_guard lock(mutex);
    return edits.size();
  };
  auto wait_for_edits = [&](size_t n, Clock::duration timeout) {
    auto deadline = Clock::now() + timeout;
    while (count_edits() < n && Clock::now() < deadline) std::this_thread::sleep_for(5ms);
  };

  wait_for_edits(30, 20s);
  const size_t before_restart = count_edits();
  auto restart_began = Clock::now();
  std::string restarted = cluster_->Restart();
  auto restart_ended = Clock::now();
  // Go on until well after the restart: at least a second and 30 more edits.
  const size_t at_end_of_restart = count_edits();
  std::this_thread::sleep_for(1s);
  wait_for_edits(at_end_of_restart + 30, 20s);
  stop = true;
  editor.join();
  for (std::thread& t : searchers) t.join();
  ASSERT_TRUE(restarted.empty()) << restarted;

  // Every edit was answered, and clearly: 200 with the edit in it, or 503 database_unavailable
  // or database_busy — no transport failure, no 500, no 502 from the proxy, no hang.
  std::map<std::string, int> outcomes;
  std::map<int64_t, std::string> last_acknowledged;
  std::map<int64_t, std::vector<std::string>> refused_after_last;  // titles answered 503 later
  Clock::duration longest{};
  size_t acknowledged_after_restart = 0;
  for (const StreamedEdit& e : edits) {
    longest = std::max(longest, e.answered - e.sent);
    std::string outcome = e.status == 200 ? "200" : std::to_string(e.status) + " " + e.code;
    if (!e.error.empty()) outcome = "transport error: " + e.error;
    ++outcomes[outcome];
    if (e.status == 200) {
      EXPECT_EQ(e.served_title, e.title) << "the 200 answer does not show the edit";
      last_acknowledged[e.course] = e.title;
      refused_after_last[e.course].clear();
      if (e.sent > restart_ended) ++acknowledged_after_restart;
    } else {
      EXPECT_TRUE(e.status == 503 && (e.code == "database_unavailable" || e.code == "database_busy"))
          << "edit \"" << e.title << "\" answered " << outcome;
      refused_after_last[e.course].push_back(e.title);
    }
    EXPECT_LT(e.answered - e.sent, 10s) << "edit \"" << e.title << "\" took "
                                        << Seconds(e.answered - e.sent) << " s";
  }
  std::cout << "[multinode] PostgreSQL restart took " << Seconds(restart_ended - restart_began)
            << " s; " << edits.size() << " edits through nginx (" << before_restart
            << " before the restart):";
  for (const auto& [outcome, n] : outcomes) std::cout << " " << n << "× " << outcome << ";";
  std::cout << " slowest answer " << Millis(longest) << " ms\n";
  {
    // When edits were refused, relative to the restart.
    std::optional<double> first_refused, last_refused;
    for (const StreamedEdit& e : edits) {
      if (e.status == 200) continue;
      double at = Millis(e.sent - restart_began);
      if (!first_refused) first_refused = at;
      last_refused = at;
    }
    if (first_refused)
      std::cout << "[multinode] edits refused from " << *first_refused << " ms to " << *last_refused
                << " ms after the restart began (it ended at "
                << Millis(restart_ended - restart_began) << " ms)\n";
    for (const StreamedEdit& e : edits)
      if (e.answered - e.sent > 200ms)
        std::cout << "[multinode] slow edit: sent " << Millis(e.sent - restart_began)
                  << " ms after the restart began, answered " << e.status << " " << e.code << " in "
                  << Millis(e.answered - e.sent) << " ms\n";
  }
  EXPECT_GT(acknowledged_after_restart, 0u) << "no edit succeeded after the restart";
  ASSERT_FALSE(edits.empty());
  EXPECT_EQ(edits.back().status, 200) << "edits still fail after the restart";

  // Searches never stopped, on either node.
  for (int n = 0; n < 2; ++n) {
    std::cout << "[multinode] node " << (n == 0 ? "A" : "B") << ": " << searches[n].count
              << " searches during the test, slowest " << Millis(searches[n].longest) << " ms\n";
    for (const std::string& f : searches[n].failures) ADD_FAILURE() << "search on node " << n << ": " << f;
    EXPECT_LT(searches[n].longest, 2s) << "a search waited on the database";
  }

  // The last acknowledged title of each course is what both nodes serve within a second, and
  // what a node started now reads from the database.
  ASSERT_EQ(last_acknowledged.size(), static_cast<size_t>(kCourses));
  std::string error;
  c_ = StartNode(&error);
  ASSERT_TRUE(c_) << error;
  for (const auto& [course, title] : last_acknowledged) {
    for (TestServer* node : {a_.get(), b_.get(), c_.get()}) {
      std::optional<Clock::duration> served =
          Within(kPropagation, [&, course = course, title = title] { return TitleOn(node->port(), course) == title; });
      std::string got = TitleOn(node->port(), course);
      const std::vector<std::string>& later = refused_after_last[course];
      EXPECT_TRUE(served) << "course " << course << " on port " << node->port() << ": serves \""
                          << got << "\", the last acknowledged edit was \"" << title << "\""
                          << (std::find(later.begin(), later.end(), got) != later.end()
                                  ? " (what it serves was answered 503: refused, yet stored)"
                                  : "");
    }
  }
}

TEST_F(MultinodeTest, DatabaseDownEditsAreRefusedQuicklySearchesGoOnAndNodesCatchUp) {
  const std::vector<int64_t> ids = PublishedCourseIds(a_->port(), 2);
  ASSERT_EQ(ids.size(), 2u);
  // Each node has edited once, so each has a database connection to lose.
  ASSERT_EQ(EditOn(a_->port(), ids[0], {{"summary", "avant la coupure (A)"}}).status, 200);
  ASSERT_EQ(EditOn(b_->port(), ids[1], {{"summary", "avant la coupure (B)"}}).status, 200);

  std::string stopped = cluster_->StopServer();
  ASSERT_TRUE(stopped.empty()) << stopped;
  auto down_since = Clock::now();
  int refused = 0;
  while (Clock::now() - down_since < 2s) {
    for (TestServer* node : {a_.get(), b_.get()}) {
      auto t = Clock::now();
      HttpResponse r = EditOn(node->port(), ids[0], {{"title", "Pendant la coupure"}});
      EXPECT_LT(Clock::now() - t, 2s) << "an edit waited for the database";
      EXPECT_EQ(r.status, 503) << r.error << r.body.substr(0, 300);
      EXPECT_EQ(Text(Member(Member(ParseJson(r.body), "error"), "code")), "database_unavailable")
          << r.body.substr(0, 300);
      ++refused;
      HttpClient client("127.0.0.1", node->port(), false, 5s);
      t = Clock::now();
      EXPECT_EQ(client.Get("/api/v1/courses?q=developpeur").status, 200);
      EXPECT_EQ(client.Get("/formations/" + std::to_string(ids[0])).status, 200);
      EXPECT_LT(Clock::now() - t, 1s) << "a search or a page waited for the database";
      EXPECT_EQ(client.Get("/readyz").status, 503) << "not ready for edits";
      EXPECT_EQ(client.Get("/healthz").status, 200) << "but alive";
    }
    HttpClient proxy("127.0.0.1", proxy_->port(), false, 5s);
    EXPECT_EQ(proxy.Get("/formations?q=reseau").status, 200);
    std::this_thread::sleep_for(50ms);
  }
  std::string started = cluster_->StartServer();
  ASSERT_TRUE(started.empty()) << started;
  auto up_again = Clock::now();

  // The first edits may still find the connection broken; within a few seconds they succeed.
  HttpResponse r;
  std::optional<Clock::duration> editable = Within(5s, [&] {
    r = EditOn(a_->port(), ids[0], {{"title", "Après la coupure " + UniqueWord("okapix", 0)}});
    return r.status == 200;
  });
  ASSERT_TRUE(editable) << r.status << " " << r.body.substr(0, 300);
  auto acknowledged = Clock::now();
  EXPECT_EQ(HttpClient("127.0.0.1", a_->port()).Get("/readyz").status, 200);
  std::optional<Clock::duration> caught_up = Within(3s, [&] {
    return SearchIdsOn(b_->port(), UniqueWord("okapix", 0)).contains(ids[0]);
  });
  ASSERT_TRUE(caught_up) << "node B did not catch up after the database came back:\n" << b_->Log();
  std::cout << "[multinode] " << refused << " edits refused while the database was down; edits "
            << "accepted again " << Millis(acknowledged - up_again) << " ms after it was back; "
            << "node B caught up " << Millis(*caught_up) << " ms after the edit\n";
  // A node that lost the database tries again once a second: after an outage its first
  // catch-up may take up to that second plus a connection, not the usual few milliseconds.
  EXPECT_LT(*caught_up, 2 * kPropagation);
  EXPECT_EQ(EditOn(b_->port(), ids[1], {{"title", "B aussi"}}).status, 200);
}

// A node whose connection pool has opened no connection yet (it has made no edit) says the
// database is unavailable, as one whose connection was lost does.
TEST_F(MultinodeTest, EditOnANodeWithNoConnectionYetWhileTheDatabaseIsDownSaysUnavailable) {
  std::string stopped = cluster_->StopServer();
  ASSERT_TRUE(stopped.empty()) << stopped;
  HttpResponse r = EditOn(a_->port(), 1, {{"title", "Pendant la coupure"}});
  EXPECT_EQ(r.status, 503) << r.body;
  EXPECT_EQ(Text(Member(Member(ParseJson(r.body), "error"), "code")), "database_unavailable")
      << r.body;
  std::string started = cluster_->StartServer();
  ASSERT_TRUE(started.empty()) << started;
}

// PostgreSQL cannot store a NUL character in text: such an edit is refused before it reaches
// the database, and both nodes keep the title they had.
TEST_F(MultinodeTest, NulCharacterIsRefused) {
  const int64_t id = PublishedCourseIds(a_->port(), 1).at(0);
  const std::string before = TitleOn(a_->port(), id);
  HttpResponse r = EditOn(a_->port(), id, {{"title", std::string("Avant\0après", 12)}});
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(TitleOn(a_->port(), id), before);
  EXPECT_EQ(TitleOn(b_->port(), id), before);
}

}  // namespace
}  // namespace tremplin::integration
