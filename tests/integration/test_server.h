// The real `tremplin` binary run for a test: a fresh demo database in a temporary folder, the
// server on a free port, stopped with SIGTERM at the end; and ServerTest, the fixture that
// gives each test its own server and a few request helpers.
#pragma once

#include <gtest/gtest.h>
#include <sys/types.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http_client.h"

namespace tremplin::integration {

struct CommandResult {
  int exit_code = -1;  // -1 when it could not run, timed out or was killed by a signal
  std::string output;  // stdout and stderr
};

// Runs the `tremplin` binary with `args` (after the program name) in `cwd`, to its end, with
// standard input from /dev/null.
CommandResult RunTremplin(const std::vector<std::string>& args, const std::filesystem::path& cwd);
// The same, with `input` (when given) as the whole of its standard input (e.g. the password
// `tremplin user add` reads from its first line), written to a file in `cwd` removed afterwards.
CommandResult RunTremplinWithInput(const std::vector<std::string>& args, const std::filesystem::path& cwd,
                                   const std::optional<std::string>& input);

// Starts `args` (args[0] is the program's path) in `cwd`, stdin from /dev/null, stdout and
// stderr appended to `log`. The child gets SIGTERM if the thread that started it ends, so a
// crashed test leaves nothing behind: call it from the test's main thread. Returns the pid, or
// -1. (The child inherits the test's environment.)
pid_t SpawnProcess(const std::vector<std::string>& args, const std::filesystem::path& cwd,
                   const std::filesystem::path& log);
// Waits up to `timeout` for child `pid` to end; true with its wait status (-1: lost) if it did.
bool WaitForProcess(pid_t pid, std::chrono::steady_clock::duration timeout, int* status);
// "exit code 0", "killed by signal 9"… for a wait status.
std::string DescribeWaitStatus(int status);

struct TestServerOptions {
  // The database URL to serve as it is; empty: a fresh SQLite database seeded with the demo.
  std::string database;
  // Global options put before `serve` (e.g. {"--config", FILE}).
  std::vector<std::string> global_args;
  // Where the server's temporary folder is made; empty: the system's temporary folder.
  std::filesystem::path temp_parent;
};

// In a test's SetUp: skips the test when the npm reference packages are absent (install-deps
// was not run), fails it when anything else the tests need is missing.
#define TREMPLIN_REQUIRE_TEST_PREREQUISITES()                                                     \
  do {                                                                                            \
    if (std::string missing = ::tremplin::integration::TestServer::MissingPrerequisites();        \
        !missing.empty()) {                                                                       \
      if (missing.starts_with("the npm package")) GTEST_SKIP() << missing;                        \
      FAIL() << missing;                                                                          \
    }                                                                                             \
  } while (false)

class TestServer {
 public:
  // Builds the commune coordinates if needed (see CoordinatesFile), seeds a fresh SQLite
  // database with the demo network (default seed, today's date) — or, when `database` is
  // given, uses that database as it is — and starts `tremplin serve --port 0 --threads 2`
  // (without rate limits, unless `global_args` name a --config file),
  // waiting up to 20 s for it to listen. Returns null and sets *error, with the logs of what
  // failed, when it cannot.
  static std::unique_ptr<TestServer> Start(std::string* error, const std::string& database = "");
  static std::unique_ptr<TestServer> Start(std::string* error, const TestServerOptions& options);

  // The global options every command of a test gives: --database `database`, the npm folder
  // and the commune coordinates (see PrepareCoordinates).
  static std::vector<std::string> GlobalArgs(const std::string& database);
  // Builds the commune coordinates file when needed (work files in `work_dir`). Returns "" when
  // it is ready, else what failed.
  static std::string PrepareCoordinates(const std::filesystem::path& work_dir);

  // Stops the server if it still runs and removes the temporary folder.
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  const std::string& host() const { return host_; }
  uint16_t port() const { return port_; }

  // Whether the server process is still running.
  bool Alive();
  // What the server wrote on stdout and stderr so far.
  std::string Log() const;

  // Kills the process at once with SIGKILL (a node that crashes) and reaps it.
  void Kill();

  // Sends SIGTERM and waits up to 10 s for the process to end (then kills it). Returns its exit
  // code, or -1 with *error set when it was killed by a signal or had to be killed.
  int Stop(std::string* error);

  // The environment the tests need: the binary (TREMPLIN_BIN) and the npm reference packages
  // (TREMPLIN_SOURCE_DIR/node_modules). Returns "" when all is there, else what is missing.
  static std::string MissingPrerequisites();

  // Where the commune coordinates built by `tremplin geo build` are kept between tests:
  // $TREMPLIN_TEST_DATA_DIR/communes-coords.csv, or tremplin-test-coords-<uid>.csv in the
  // system's temporary folder. Rebuilt when absent or older than the binary.
  static std::filesystem::path CoordinatesFile();

 private:
  TestServer() = default;

  std::filesystem::path dir_;
  std::string host_ = "127.0.0.1";
  uint16_t port_ = 0;
  pid_t pid_ = -1;
  int exit_code_ = -1;
};

// Gives each test a server of its own (CTest runs every test in its own process anyway).
// Fails the test, with the server's log, when the server cannot start; skips it when the npm
// reference packages are absent. On teardown the server must stop cleanly (exit code 0).
class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  TestServer& server() { return *server_; }
  // A client of the server (a new connection per request).
  HttpClient& client() { return *client_; }

  HttpResponse Get(std::string_view target, const HeaderList& headers = {});
  // GET `target`, expecting `status` and a JSON body (Content-Type application/json); adds a
  // failure naming the target otherwise. Returns the parsed body, or null on failure.
  boost::json::value GetJson(std::string_view target, int status = 200);
  // GET `target`, expecting `status` and an HTML page; returns the body ("" on failure).
  std::string GetHtml(std::string_view target, int status = 200);

  // Asserts that the server still answers /healthz and that its process is alive.
  void ExpectServerHealthy();

  // Stops the server now (TearDown then has nothing to stop) and returns its exit code, -1
  // with *error set when it did not end by itself with an exit code.
  int StopServer(std::string* error);

 private:
  std::unique_ptr<TestServer> server_;
  std::unique_ptr<HttpClient> client_;
  bool stopped_ = false;
};

}  // namespace tremplin::integration
