// Reading French geography from the reference packages (@etalab/decoupage-administratif for
// regions, departments, communes and EPCI; codes-postaux for postcodes) and a communes-coords.csv
// file for coordinates, into core::Geography.
#pragma once

#include <boost/json/fwd.hpp>
#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/geography.h"
#include "core/result.h"

namespace tremplin::io {

// Where the reference packages keep their files below a node_modules directory.
std::filesystem::path DecoupageDir(const std::filesystem::path& npm_dir);
std::filesystem::path PostcodesFile(const std::filesystem::path& npm_dir);
std::filesystem::path GeonamesCitiesFile(const std::filesystem::path& npm_dir);

// One entry of decoupage-administratif's communes.json, whatever its type: "commune-actuelle",
// "arrondissement-municipal", "commune-deleguee" or "commune-associee".
struct CogCommune {
  std::string code;  // INSEE code
  std::string type;
  std::string name;
  std::string department_code;
  std::string region_code;
  std::string zone;            // "metro", "drom", "com"
  std::string parent_code;     // arrondissement-municipal: the commune it belongs to
  std::string chef_lieu;       // deleguee/associee: the current commune it is part of
  std::string arrondissement;  // departmental arrondissement ("593"), may be empty
  std::vector<std::string> postcodes;
  int population = 0;
};

// Shared by the readers below and in io/commune_coordinates.h. The whole file, or kNotFound
// "geography_file_missing" (arg "file"); a JSON document, or also kInvalidArgument
// "geography_file_invalid" (args "file", "detail", "line") at the first syntax error.
core::Result<std::string> ReadGeographyFile(const std::filesystem::path& file);
core::Result<boost::json::value> ReadGeographyJson(const std::filesystem::path& file);
core::Error GeographyFileInvalid(const std::filesystem::path& file, std::string detail);

// True for the types that are communes of today in a Geography: "commune-actuelle" and
// "arrondissement-municipal".
bool IsCurrentCommuneType(std::string_view type);

// Readers of the package files. Each fails with kNotFound "geography_file_missing" (arg "file")
// when the file cannot be read, and with kInvalidArgument "geography_file_invalid" (args "file",
// "detail" in English, and "line" when the JSON itself is broken) when it is not what the
// package publishes.
core::Result<std::vector<core::Region>> ReadRegions(const std::filesystem::path& regions_json);
core::Result<std::vector<core::Department>> ReadDepartments(
    const std::filesystem::path& departements_json);
core::Result<std::vector<CogCommune>> ReadCogCommunes(const std::filesystem::path& communes_json);
// codes-postaux.json: INSEE code → its postcodes, in file order, without duplicates.
core::Result<std::unordered_map<std::string, std::vector<std::string>>> ReadPostcodes(
    const std::filesystem::path& codes_postaux_json);
// epci.json: INSEE code of each member commune → SIREN of its EPCI.
core::Result<std::unordered_map<std::string, std::string>> ReadEpciMembership(
    const std::filesystem::path& epci_json);

// Loads regions, departments (with their region) and the communes of today — communes-actuelles
// and the municipal arrondissements of Paris, Lyon and Marseille (with parent_code; the three
// cities keep their own entry) — from `decoupage_dir` (regions.json, departements.json,
// communes.json). Postcodes are those of communes.json, completed by `postcodes_json`
// (codes-postaux.json) for the communes it knows when that path is not empty. Coordinates come
// from `coordinates_csv` (the communes-coords.csv format, see io/commune_coordinates.h) by INSEE
// code; a commune it lacks, or gives no coordinate, has no point (an empty path: no commune has
// one). Fails as the readers above; a malformed coordinates file gives "geography_file_invalid"
// with args "file" and "line".
core::Result<core::Geography> LoadGeography(const std::filesystem::path& decoupage_dir,
                                            const std::filesystem::path& coordinates_csv,
                                            const std::filesystem::path& postcodes_json = {});

}  // namespace tremplin::io
