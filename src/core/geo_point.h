// A point on Earth and the great-circle distance between two points.
#pragma once

namespace tremplin::core {

struct GeoPoint {
  double lat = 0;  // degrees, WGS84
  double lon = 0;
};

inline constexpr double kEarthRadiusKm = 6371.0088;  // mean Earth radius (IUGG)

// Great-circle (haversine) distance in kilometres.
double DistanceKm(GeoPoint a, GeoPoint b);

}  // namespace tremplin::core
