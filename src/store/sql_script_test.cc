#include "store/sql_script.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace tremplin::store {
namespace {

using ::testing::ElementsAre;

TEST(SplitSqlScript, SplitsOnSemicolonsAndDropsEmptyStatements) {
  EXPECT_THAT(SplitSqlScript("CREATE TABLE a (x INTEGER);\n\n ;CREATE TABLE b (y TEXT)  ;\n"),
              ElementsAre("CREATE TABLE a (x INTEGER)", "CREATE TABLE b (y TEXT)"));
}

TEST(SplitSqlScript, KeepsSemicolonsInsideStringsAndIdentifiers) {
  EXPECT_THAT(
      SplitSqlScript("INSERT INTO t VALUES ('a;b', 'O''Brien; x');SELECT \"odd;name\" FROM t"),
      ElementsAre("INSERT INTO t VALUES ('a;b', 'O''Brien; x')", "SELECT \"odd;name\" FROM t"));
}

TEST(SplitSqlScript, IgnoresSemicolonsAndQuotesInComments) {
  EXPECT_THAT(SplitSqlScript("-- it's; a comment\nSELECT 1; /* don't; split */ SELECT 2;\n"
                             "-- trailing comment; only\n"),
              ElementsAre("-- it's; a comment\nSELECT 1", "/* don't; split */ SELECT 2"));
}

TEST(SplitSqlScript, KeepsDollarQuotedBodiesWhole) {
  EXPECT_THAT(SplitSqlScript("CREATE FUNCTION f() RETURNS trigger AS $body$ BEGIN NOTIFY x; "
                             "RETURN NEW; END; $body$ LANGUAGE plpgsql;SELECT $$a;b$$"),
              ElementsAre("CREATE FUNCTION f() RETURNS trigger AS $body$ BEGIN NOTIFY x; "
                          "RETURN NEW; END; $body$ LANGUAGE plpgsql",
                          "SELECT $$a;b$$"));
}

TEST(SplitSqlScript, KeepsSqliteTriggerBodiesWhole) {
  const char* script =
      "-- append only\n"
      "CREATE TRIGGER log_no_update BEFORE UPDATE ON log\n"
      "BEGIN\n  SELECT RAISE(ABORT, 'append-only; really');\n  SELECT 1;\nEND;\n"
      "create temp trigger t2 after insert on log begin select 2; end ;\n"
      "CREATE TABLE after_triggers (endpoint TEXT);";
  std::vector<std::string> statements = SplitSqlScript(script);
  ASSERT_EQ(statements.size(), 3u);
  EXPECT_TRUE(statements[0].ends_with("SELECT 1;\nEND")) << statements[0];
  EXPECT_EQ(statements[1], "create temp trigger t2 after insert on log begin select 2; end");
  EXPECT_EQ(statements[2], "CREATE TABLE after_triggers (endpoint TEXT)");
}

TEST(SplitSqlScript, EmptyOrCommentOnlyScriptHasNoStatement) {
  EXPECT_TRUE(SplitSqlScript("").empty());
  EXPECT_TRUE(SplitSqlScript("  -- nothing here;\n/* nor; here */\n").empty());
}

}  // namespace
}  // namespace tremplin::store
