// Tests of the great-circle distance.
#include "core/geo_point.h"

#include <gtest/gtest.h>

#include <numbers>

namespace tremplin::core {
namespace {

constexpr GeoPoint kParis{48.8566, 2.3522};
constexpr GeoPoint kLille{50.6292, 3.0573};

TEST(DistanceKm, ParisToLilleIsAbout204Km) { EXPECT_NEAR(DistanceKm(kParis, kLille), 204.0, 1.0); }

TEST(DistanceKm, IsSymmetric) {
  EXPECT_DOUBLE_EQ(DistanceKm(kParis, kLille), DistanceKm(kLille, kParis));
}

TEST(DistanceKm, SamePointIsZero) {
  EXPECT_DOUBLE_EQ(DistanceKm(kParis, kParis), 0.0);
  EXPECT_DOUBLE_EQ(DistanceKm(GeoPoint{}, GeoPoint{}), 0.0);
}

TEST(DistanceKm, AntipodesAreHalfACircumference) {
  const double half = std::numbers::pi * kEarthRadiusKm;
  EXPECT_NEAR(DistanceKm({0, 0}, {0, 180}), half, 1e-6);
  EXPECT_NEAR(DistanceKm({90, 0}, {-90, 0}), half, 1e-6);
  EXPECT_NEAR(DistanceKm({45, 10}, {-45, -170}), half, 1e-6);
}

TEST(DistanceKm, OneDegreeOfLatitude) {
  EXPECT_NEAR(DistanceKm({45, 5}, {46, 5}), std::numbers::pi * kEarthRadiusKm / 180, 1e-6);
}

TEST(DistanceKm, CrossesTheAntimeridian) {
  // Two points on the equator either side of 180°: 2° apart, not 358°.
  EXPECT_NEAR(DistanceKm({0, 179}, {0, -179}), 2 * std::numbers::pi * kEarthRadiusKm / 180, 1e-6);
}

}  // namespace
}  // namespace tremplin::core
