#include "app/rate_limits.h"

#include <gtest/gtest.h>

namespace tremplin::app {
namespace {

TEST(RateLimits, OnlyTheExpensiveRoutesAreLimited) {
  EXPECT_TRUE(IsRateLimited("GET", "/formations"));
  EXPECT_TRUE(IsRateLimited("HEAD", "/formations"));
  EXPECT_TRUE(IsRateLimited("GET", "/api/v1/courses"));
  EXPECT_TRUE(IsRateLimited("GET", "/api/v1/places"));
  EXPECT_TRUE(IsRateLimited("POST", "/connexion"));
  EXPECT_TRUE(IsRateLimited("POST", "/mot-de-passe-oublie"));
  // Reading a form or a course costs little; a person must always reach the sign-in form.
  EXPECT_FALSE(IsRateLimited("GET", "/connexion"));
  EXPECT_FALSE(IsRateLimited("GET", "/mot-de-passe-oublie"));
  EXPECT_FALSE(IsRateLimited("GET", "/formations/{id}"));
  EXPECT_FALSE(IsRateLimited("GET", "/api/v1/courses/{id}"));
  EXPECT_FALSE(IsRateLimited("GET", "/healthz"));
  EXPECT_FALSE(IsRateLimited("POST", "/formations"));
}

}  // namespace
}  // namespace tremplin::app
