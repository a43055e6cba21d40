#include "app/config.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace tremplin::app {
namespace {

namespace fs = std::filesystem;

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override { unsetenv("TREMPLIN_API_TOKEN"); }
  void TearDown() override {
    unsetenv("TREMPLIN_API_TOKEN");
    fs::remove(path_);
  }
  core::Status Load(const std::string& text, Config& config) {
    std::ofstream(path_) << text;
    return LoadConfigFile(path_.string(), config);
  }
  // Checks that the file `text` is refused with a message naming `naming`.
  void ExpectRefused(const std::string& text, std::string_view naming) {
    Config fresh;
    core::Status loaded = Load(text, fresh);
    ASSERT_FALSE(loaded.ok()) << text;
    EXPECT_EQ(loaded.error().id, "config_invalid");
    EXPECT_NE(core::ToLogString(loaded.error()).find(naming), std::string::npos) << core::ToLogString(loaded.error());
  }
  fs::path path_ = fs::temp_directory_path() / ("tremplin-config-test-" + std::to_string(getpid()) + ".toml");
};

TEST_F(ConfigTest, ReadsEverySection) {
  Config config;
  core::Status loaded = Load(R"(
[server]
address = "0.0.0.0"
port = 9000
threads = 4
trusted_proxies = ["127.0.0.1", "::1"]
[database]
url = "postgresql://tremplin@db/tremplin"
[geography]
npm_dir = "npm"
communes_csv = "coords.csv"
built_coordinates = "built.csv"
[site]
theme_dir = "theme"
public_url = "https://formations.example.org/"

[log]
format = "json"
access = true
[api]
token = "0123456789abcdef0123456789abcdef"
)", config);
  ASSERT_TRUE(loaded.ok()) << core::ToLogString(loaded.error());
  EXPECT_EQ(config.address, "0.0.0.0");
  EXPECT_EQ(config.port, 9000);
  EXPECT_EQ(config.threads, 4);
  EXPECT_EQ(config.trusted_proxies, (std::vector<std::string>{"127.0.0.1", "::1"}));
  EXPECT_EQ(config.database, "postgresql://tremplin@db/tremplin");
  EXPECT_EQ(config.npm_dir, "npm");
  EXPECT_EQ(config.communes_csv, "coords.csv");
  EXPECT_EQ(config.built_coordinates, "built.csv");
  EXPECT_EQ(config.theme_dir, "theme");
  EXPECT_EQ(config.public_url, "https://formations.example.org") << "without its trailing slash";
  EXPECT_EQ(config.log_format, "json");
  EXPECT_TRUE(config.log_access);
  EXPECT_EQ(config.api_token, "0123456789abcdef0123456789abcdef");
}

TEST_F(ConfigTest, AMisspeltSettingIsRefusedByName) {
  Config config;
  core::Status loaded = Load("[database]\nurl = \"sqlite:a.db\"\n[server]\nadress = \"0.0.0.0\"\n", config);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().id, "config_invalid");
  EXPECT_NE(core::ToLogString(loaded.error()).find("server.adress"), std::string::npos);

  loaded = Load("[databse]\nurl = \"sqlite:a.db\"\n", config);
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(core::ToLogString(loaded.error()).find("[databse]"), std::string::npos);
}

TEST_F(ConfigTest, TrustedProxiesMustBeAddresses) {
  Config config;
  core::Status loaded = Load("[server]\ntrusted_proxies = [\"127.0.0.1\", 8080]\n", config);
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(core::ToLogString(loaded.error()).find("trusted_proxies"), std::string::npos);
}

TEST_F(ConfigTest, TheEnvironmentTokenWinsUnlessEmpty) {
  Config config;
  config.api_token = "from-the-file-0123456789abcdef0123";
  setenv("TREMPLIN_API_TOKEN", "", 1);
  ASSERT_TRUE(ApplyEnvironment(config).ok());
  EXPECT_EQ(config.api_token, "from-the-file-0123456789abcdef0123");
  setenv("TREMPLIN_API_TOKEN", "from-the-environment-0123456789abcdef", 1);
  ASSERT_TRUE(ApplyEnvironment(config).ok());
  EXPECT_EQ(config.api_token, "from-the-environment-0123456789abcdef");
}

TEST_F(ConfigTest, AShortTokenIsRefused) {
  Config config;
  setenv("TREMPLIN_API_TOKEN", "short", 1);
  core::Status checked = ApplyEnvironment(config);
  ASSERT_FALSE(checked.ok());
  EXPECT_EQ(checked.error().id, "config_invalid");
  config = Config{};
  unsetenv("TREMPLIN_API_TOKEN");
  EXPECT_TRUE(ApplyEnvironment(config).ok());  // no token at all: editing is off, not an error
  EXPECT_TRUE(config.api_token.empty());
}

TEST_F(ConfigTest, RateLimitsHaveHumaneDefaultsCanBeTurnedOffAndMustMakeSense) {
  Config config;
  EXPECT_EQ(config.rate_limit_per_second, 20);
  EXPECT_EQ(config.rate_limit_burst, 60);
  ASSERT_TRUE(Load("[limits]\nrequests_per_second = 2.5\nburst = 10\n", config).ok());
  EXPECT_EQ(config.rate_limit_per_second, 2.5);
  EXPECT_EQ(config.rate_limit_burst, 10);
  ASSERT_TRUE(Load("[limits]\nrequests_per_second = 0\n", config).ok());
  EXPECT_EQ(config.rate_limit_per_second, 0);
  ExpectRefused("[limits]\nrequests_per_second = -1\n", "limits.requests_per_second");
  ExpectRefused("[limits]\nrequests_per_second = 5\nburst = 0\n", "limits.burst at least 1");
  ExpectRefused("[limits]\nper_second = 5\n", "unknown setting limits.per_second");
}

TEST_F(ConfigTest, CompressionLevelIsOneByDefaultZeroTurnsItOff) {
  Config config;
  EXPECT_EQ(config.compression_level, 1);
  ASSERT_TRUE(Load("[server]\ncompression_level = 0\n", config).ok());
  EXPECT_EQ(config.compression_level, 0);
  ASSERT_TRUE(Load("[server]\ncompression_level = 9\n", config).ok());
  EXPECT_EQ(config.compression_level, 9);
  ExpectRefused("[server]\ncompression_level = 10\n", "compression_level");
  ExpectRefused("[server]\ncompression_level = -1\n", "compression_level");
}

TEST_F(ConfigTest, TimeoutsAreFifteenAndThirtySecondsByDefaultAndMustBeFromOneSecondToAnHour) {
  Config config;
  EXPECT_EQ(config.read_timeout_seconds, 15);
  EXPECT_EQ(config.idle_timeout_seconds, 30);
  ASSERT_TRUE(Load("[server]\nread_timeout_seconds = 60\nidle_timeout_seconds = 5\n", config).ok());
  EXPECT_EQ(config.read_timeout_seconds, 60);
  EXPECT_EQ(config.idle_timeout_seconds, 5);
  for (const char* wrong : {"[server]\nread_timeout_seconds = 0\n", "[server]\nidle_timeout_seconds = -3\n",
                            "[server]\nread_timeout_seconds = 3601\n"})
    ExpectRefused(wrong, "timeout_seconds must be between 1 and 3600");
}

}  // namespace
}  // namespace tremplin::app
