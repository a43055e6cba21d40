#include "store/change_listener.h"

#include <gtest/gtest.h>
#include <soci/soci.h>
#include <unistd.h>

#include <chrono>

#include "store/catalogue_store.h"
#include "store/migrations.h"
#include "store/test_support.h"

namespace tremplin::store {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

TEST(ChangeListener, PostgresqlWakesUpWhenACourseWriteCommits) {
  testing::ScratchDatabase scratch(Backend::kPostgresql);
  std::optional<Database> db = scratch.Open();
  ASSERT_TRUE(db.has_value());
  ASSERT_TRUE(Migrate(*db).ok());
  core::Result<ChangeListener> listener = ChangeListener::Open(Backend::kPostgresql, scratch.url());
  ASSERT_TRUE(listener.ok()) << core::ToLogString(listener.error());

  // Nothing happened: the wait lasts its timeout.
  auto start = Clock::now();
  core::Result<bool> idle = listener->Wait(100ms, -1);
  ASSERT_TRUE(idle.ok());
  EXPECT_FALSE(*idle);
  EXPECT_GE(Clock::now() - start, 90ms);

  core::Result<int64_t> organisation = InsertOrganisation(*db, testing::SampleOrganisation());
  ASSERT_TRUE(organisation.ok());
  ASSERT_TRUE(InsertCourse(*db, testing::SampleCourse(*organisation)).ok());
  start = Clock::now();
  core::Result<bool> woken = listener->Wait(5s, -1);
  ASSERT_TRUE(woken.ok());
  EXPECT_TRUE(*woken);
  EXPECT_LT(Clock::now() - start, 1s);
}

TEST(ChangeListener, PostgresqlReportsALostConnection) {
  testing::ScratchDatabase scratch(Backend::kPostgresql);
  std::optional<Database> db = scratch.Open();
  ASSERT_TRUE(db.has_value());
  core::Result<ChangeListener> listener = ChangeListener::Open(Backend::kPostgresql, scratch.url());
  ASSERT_TRUE(listener.ok());
  db->session() << "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                   "WHERE query LIKE 'LISTEN%' AND datname = current_database()";
  // The server's goodbye may come before the end of the connection: a few waits at most.
  core::Result<bool> woken = listener->Wait(5s, -1);
  for (int i = 0; i < 3 && woken.ok(); ++i) woken = listener->Wait(5s, -1);
  ASSERT_FALSE(woken.ok());
  EXPECT_EQ(woken.error().id, "database_unavailable");
}

TEST(ChangeListener, AnUnreachableServerIsAnError) {
  core::Result<ChangeListener> listener =
      ChangeListener::Open(Backend::kPostgresql, "postgresql://nobody@127.0.0.1:1/none");
  ASSERT_FALSE(listener.ok());
  EXPECT_EQ(listener.error().id, "database_unavailable");
}

TEST(ChangeListener, SqliteWaitsForItsTimeoutOrTheWakeDescriptor) {
  core::Result<ChangeListener> listener = ChangeListener::Open(Backend::kSqlite, "sqlite:unused.db");
  ASSERT_TRUE(listener.ok());
  auto start = Clock::now();
  EXPECT_FALSE(*listener->Wait(50ms, -1));
  EXPECT_GE(Clock::now() - start, 45ms);

  int pipe_fds[2];
  ASSERT_EQ(pipe(pipe_fds), 0);
  ASSERT_EQ(write(pipe_fds[1], "x", 1), 1);
  start = Clock::now();
  EXPECT_FALSE(*listener->Wait(5s, pipe_fds[0]));  // woken, but not by a notification
  EXPECT_LT(Clock::now() - start, 1s);
  close(pipe_fds[0]);
  close(pipe_fds[1]);
}

}  // namespace
}  // namespace tremplin::store
