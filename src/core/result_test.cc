// Tests of Result, Error and their log and HTTP forms.
#include "core/result.h"

#include <gtest/gtest.h>

#include <memory>

namespace tremplin::core {
namespace {

TEST(HttpStatus, EachCodeHasItsStatus) {
  EXPECT_EQ(HttpStatus(ErrorCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatus(ErrorCode::kNotFound), 404);
  EXPECT_EQ(HttpStatus(ErrorCode::kUnauthorized), 401);
  EXPECT_EQ(HttpStatus(ErrorCode::kForbidden), 403);
  EXPECT_EQ(HttpStatus(ErrorCode::kConflict), 409);
  EXPECT_EQ(HttpStatus(ErrorCode::kTooLarge), 413);
  EXPECT_EQ(HttpStatus(ErrorCode::kUnavailable), 503);
  EXPECT_EQ(HttpStatus(ErrorCode::kInternal), 500);
}

TEST(ToLogString, IdAlone) {
  EXPECT_EQ(ToLogString(MakeError(ErrorCode::kNotFound, "course_not_found")), "course_not_found");
}

TEST(ToLogString, IdWithArgs) {
  Error e = MakeError(ErrorCode::kInvalidArgument, "place_not_found");
  e.With("query", "Lile");
  EXPECT_EQ(ToLogString(e), "place_not_found (query=Lile)");
}

TEST(ToLogString, IdWithFieldAndSeveralArgs) {
  Error e = MakeError(ErrorCode::kInvalidArgument, "radius_out_of_range", "radius_km");
  e.With("value", "500").With("max", "200");
  EXPECT_EQ(ToLogString(e), "radius_out_of_range [radius_km] (value=500, max=200)");
}

TEST(Error, ArgFindsByName) {
  Error e = MakeError(ErrorCode::kInvalidArgument, "x");
  e.With("a", "1").With("b", "2");
  ASSERT_NE(e.Arg("b"), nullptr);
  EXPECT_EQ(*e.Arg("b"), "2");
  EXPECT_EQ(e.Arg("c"), nullptr);
  EXPECT_EQ(e.code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(e.id, "x");
  EXPECT_TRUE(e.field.empty());
}

TEST(Error, DefaultsToInternal) { EXPECT_EQ(Error{}.code, ErrorCode::kInternal); }

TEST(Result, HoldsAValue) {
  Result<int> r = 42;
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(static_cast<bool>(r));
  EXPECT_EQ(*r, 42);
  EXPECT_EQ(r.value(), 42);
  *r = 7;
  EXPECT_EQ(r.value(), 7);
}

TEST(Result, HoldsAnError) {
  Result<std::string> r = MakeError(ErrorCode::kConflict, "conflict_duplicate_id", "id");
  EXPECT_FALSE(r.ok());
  EXPECT_FALSE(static_cast<bool>(r));
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  EXPECT_EQ(r.error().id, "conflict_duplicate_id");
  EXPECT_EQ(r.error().field, "id");
}

TEST(Result, MovesOutMoveOnlyValues) {
  Result<std::unique_ptr<int>> r = std::make_unique<int>(5);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(**r, 5);
  std::unique_ptr<int> p = std::move(r).value();
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(*p, 5);
}

TEST(Result, ArrowReachesMembers) {
  Result<std::string> r = std::string("abc");
  EXPECT_EQ(r->size(), 3u);
}

TEST(Error, LogStringIsOneLine) {
  Error e = MakeError(ErrorCode::kUnavailable, "database_unavailable")
                .With("detail", "connection failed: FATAL:  shutting down \nretry\r\n");
  EXPECT_EQ(ToLogString(e), "database_unavailable (detail=connection failed: FATAL:  shutting down | retry)");
}

TEST(Status, OkAndError) {
  Status ok = Ok{};
  EXPECT_TRUE(ok.ok());
  Status failed = MakeError(ErrorCode::kUnavailable, "database_busy");
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(HttpStatus(failed.error().code), 503);
}

}  // namespace
}  // namespace tremplin::core
