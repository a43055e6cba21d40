#include "core/geo_point.h"

#include <cmath>
#include <numbers>

namespace tremplin::core {

double DistanceKm(GeoPoint a, GeoPoint b) {
  constexpr double kRad = std::numbers::pi / 180.0;
  double dlat = (b.lat - a.lat) * kRad;
  double dlon = (b.lon - a.lon) * kRad;
  double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(a.lat * kRad) * std::cos(b.lat * kRad) * std::sin(dlon / 2) *
                 std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::sqrt(std::min(1.0, h)));
}

}  // namespace tremplin::core
