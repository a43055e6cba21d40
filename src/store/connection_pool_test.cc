#include "store/connection_pool.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <chrono>
#include <optional>
#include <thread>

#include "store/test_support.h"

namespace tremplin::store {
namespace {

using namespace std::chrono_literals;

class ConnectionPoolTest : public ::testing::TestWithParam<Backend> {
 protected:
  testing::ScratchDatabase scratch_{GetParam()};
};

TREMPLIN_ON_EVERY_BACKEND(ConnectionPoolTest);

TEST_P(ConnectionPoolTest, LendsAtMostItsSizeAndReusesWhatIsGivenBack) {
  ConnectionPool pool(scratch_.url(), 2);
  core::Result<ConnectionPool::Lease> a = pool.Acquire();
  core::Result<ConnectionPool::Lease> b = pool.Acquire();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(&**a, &**b);
  Database* first = &**a;
  std::optional<ConnectionPool::Lease> held(std::move(*a));

  // A third borrower waits, then gives up with a clear error.
  core::Result<ConnectionPool::Lease> c = pool.Acquire(50ms);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().id, "database_busy");

  // …or gets the connection given back meanwhile.
  std::thread giver([&] {
    std::this_thread::sleep_for(50ms);
    held.reset();  // ends the lease
  });
  core::Result<ConnectionPool::Lease> d = pool.Acquire(5s);
  giver.join();
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(&**d, first);
  int one = 0;
  (*d)->session() << "SELECT 1", soci::into(one);
  EXPECT_EQ(one, 1);
}

TEST(ConnectionPool, AnUnreachableDatabaseIsAnErrorAndFreesItsPlace) {
  ConnectionPool pool("postgresql://nobody@127.0.0.1:1/none", 1);
  for (int i = 0; i < 2; ++i) {  // the failed attempt did not keep the only place
    core::Result<ConnectionPool::Lease> lease = pool.Acquire(100ms);
    ASSERT_FALSE(lease.ok());
    EXPECT_EQ(lease.error().id, "database_unavailable");
    EXPECT_EQ(lease.error().code, core::ErrorCode::kUnavailable);
  }
}

}  // namespace
}  // namespace tremplin::store
