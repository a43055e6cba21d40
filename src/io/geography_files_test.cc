#include "io/geography_files.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>

#include "io/commune_coordinates.h"

#include "support/temp_dir.h"

namespace tremplin::io {
namespace {

namespace fs = std::filesystem;

using tremplin::testing::TempDir;

std::string ArgOr(const core::Error& error, std::string_view name) {
  const std::string* value = error.Arg(name);
  return value ? *value : "(absent)";
}

// ---- Small files -----------------------------------------------------------------------------

constexpr std::string_view kRegions = R"([{"code":"32","nom":"Hauts-de-France"}])";
constexpr std::string_view kDepartements = R"([{"code":"59","region":"32","nom":"Nord"}])";
constexpr std::string_view kCommunes = R"([
  {"code":"59350","nom":"Lille","type":"commune-actuelle","departement":"59","region":"32",
   "zone":"metro","codesPostaux":["59000","59160"],"population":238246},
  {"code":"59512","nom":"Roubaix","type":"commune-actuelle","departement":"59","region":"32",
   "zone":"metro","codesPostaux":["59100"],"population":98828},
  {"code":"59298","nom":"Hellemmes-Lille","type":"commune-associee","chefLieu":"59350",
   "departement":"59","region":"32","zone":"metro"}
])";
constexpr std::string_view kPostcodes = R"([
  {"codePostal":"59000","codeCommune":"59350","nomCommune":"Lille","libelleAcheminement":"LILLE"},
  {"codePostal":"59260","codeCommune":"59350","nomCommune":"Lille","libelleAcheminement":"LILLE"},
  {"codePostal":"59999","codeCommune":"99999","nomCommune":"Nulle part","libelleAcheminement":"X"}
])";
constexpr std::string_view kCoordinates =
    "code,type,nom,departement,region,zone,codes_postaux,population,lat,lon,source\n"
    "59350,commune-actuelle,Lille,59,32,metro,59000|59160,238246,50.63108,3.04702,test\n";

struct Fixture {
  TempDir dir;
  Fixture() {
    dir.Write("regions.json", kRegions);
    dir.Write("departements.json", kDepartements);
    dir.Write("communes.json", kCommunes);
    dir.Write("codes-postaux.json", kPostcodes);
    dir.Write("coords.csv", kCoordinates);
  }
};

TEST(LoadGeography, SmallFilesGiveCommunesOfTodayWithPostcodesAndPoints) {
  Fixture f;
  auto geo =
      LoadGeography(f.dir.path(), f.dir.path() / "coords.csv", f.dir.path() / "codes-postaux.json");
  ASSERT_TRUE(geo.ok()) << geo.error().id << " " << ArgOr(geo.error(), "detail");
  ASSERT_EQ(geo->communes().size(), 2u);  // the associated commune is not a commune of today
  const core::Commune* lille = geo->FindCommune("59350");
  ASSERT_NE(lille, nullptr);
  EXPECT_EQ(lille->postcodes, (std::vector<std::string>{"59000", "59160", "59260"}));
  ASSERT_TRUE(lille->point.has_value());
  EXPECT_DOUBLE_EQ(lille->point->lat, 50.63108);
  EXPECT_DOUBLE_EQ(lille->point->lon, 3.04702);
  const core::Commune* roubaix = geo->FindCommune("59512");
  ASSERT_NE(roubaix, nullptr);
  EXPECT_FALSE(roubaix->point.has_value());
  EXPECT_EQ(geo->FindDepartment("59")->region_code, "32");
  EXPECT_EQ(geo->FindCommune("59298"), nullptr);
}

TEST(LoadGeography, WithoutPostcodeFileKeepsTheCogPostcodes) {
  Fixture f;
  auto geo = LoadGeography(f.dir.path(), f.dir.path() / "coords.csv");
  ASSERT_TRUE(geo.ok());
  EXPECT_EQ(geo->FindCommune("59350")->postcodes, (std::vector<std::string>{"59000", "59160"}));
}

TEST(LoadGeography, MissingFileIsNamed) {
  Fixture f;
  fs::remove(f.dir.path() / "communes.json");
  auto geo = LoadGeography(f.dir.path(), f.dir.path() / "coords.csv");
  ASSERT_FALSE(geo.ok());
  EXPECT_EQ(geo.error().id, "geography_file_missing");
  EXPECT_EQ(geo.error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(ArgOr(geo.error(), "file"), (f.dir.path() / "communes.json").string());

  auto no_coords = LoadGeography(f.dir.path() / "nowhere", f.dir.path() / "coords.csv");
  ASSERT_FALSE(no_coords.ok());
  EXPECT_EQ(no_coords.error().id, "geography_file_missing");
}

TEST(LoadGeography, BrokenJsonNamesFileAndLine) {
  Fixture f;
  f.dir.Write("communes.json", "[\n  {\"code\": \"59350\",\n  \"nom\": }\n]");
  auto geo = LoadGeography(f.dir.path(), f.dir.path() / "coords.csv");
  ASSERT_FALSE(geo.ok());
  EXPECT_EQ(geo.error().id, "geography_file_invalid");
  EXPECT_EQ(ArgOr(geo.error(), "file"), (f.dir.path() / "communes.json").string());
  EXPECT_EQ(ArgOr(geo.error(), "line"), "3");
}

TEST(LoadGeography, WrongShapeIsInvalid) {
  Fixture f;
  f.dir.Write("regions.json", R"({"code":"32"})");
  auto not_array = LoadGeography(f.dir.path(), f.dir.path() / "coords.csv");
  ASSERT_FALSE(not_array.ok());
  EXPECT_EQ(not_array.error().id, "geography_file_invalid");

  f.dir.Write("regions.json", kRegions);
  f.dir.Write("departements.json", R"([{"code":"59","nom":"Nord"}])");
  auto no_region = LoadGeography(f.dir.path(), f.dir.path() / "coords.csv");
  ASSERT_FALSE(no_region.ok());
  EXPECT_EQ(no_region.error().id, "geography_file_invalid");
  EXPECT_NE(ArgOr(no_region.error(), "detail").find("region"), std::string::npos);
}

// Found by the geography fuzz target: a population of 1e999 reads as infinity, which was cast to
// int (undefined behaviour). A population must be a whole number of people that fits an int.
TEST(LoadGeography, PopulationMustBeAWholeNumberOfPeople) {
  Fixture f;
  for (std::string_view population : {"1e999", "-1e999", "-5", "2147483648", "12.5", "\"many\"",
                                      "18446744073709551615"}) {
    f.dir.Write("communes.json", R"([{"code":"59350","nom":"Lille","type":"commune-actuelle",)"
                                 R"("departement":"59","population":)" +
                                     std::string(population) + "}]");
    auto geo = LoadGeography(f.dir.path(), f.dir.path() / "coords.csv");
    ASSERT_FALSE(geo.ok()) << population;
    EXPECT_EQ(geo.error().id, "geography_file_invalid") << population;
    EXPECT_NE(ArgOr(geo.error(), "detail").find("population"), std::string::npos) << population;
  }
  for (auto [population, expected] : {std::pair{"2147483647", 2147483647}, {"1234.0", 1234},
                                      {"null", 0}, {"0", 0}}) {
    f.dir.Write("communes.json", R"([{"code":"59350","nom":"Lille","type":"commune-actuelle",)"
                                 R"("departement":"59","population":)" +
                                     std::string(population) + "}]");
    auto geo = LoadGeography(f.dir.path(), f.dir.path() / "coords.csv");
    ASSERT_TRUE(geo.ok()) << population << " " << ArgOr(geo.error(), "detail");
    EXPECT_EQ(geo->FindCommune("59350")->population, expected) << population;
  }
}

TEST(LoadGeography, MalformedCoordinatesNameFileAndLine) {
  Fixture f;
  struct Case {
    std::string_view csv;
    std::string line;
  } cases[] = {
      {"code,lat,lon\n59350,50.6,3.0\n59512,\"50.6,3.1\n", "3"},  // unclosed quote
      {"code,lat,lon\n59350,50.6,3.0\n59512,abc,3.1\n", "3"},     // not a number
      {"code,lat,lon\n59350,50.6\n", "2"},                        // missing field
      {"code,lat,lon\n59350,95.0,3.0\n", "2"},                    // out of range
      {"code,lat,lon\n59350,50.6,\n", "2"},                       // lat without lon
      {"code,latitude,lon\n59350,50.6,3.0\n", "1"},               // no lat column
  };
  for (const Case& c : cases) {
    f.dir.Write("coords.csv", c.csv);
    auto geo = LoadGeography(f.dir.path(), f.dir.path() / "coords.csv");
    ASSERT_FALSE(geo.ok()) << c.csv;
    EXPECT_EQ(geo.error().id, "geography_file_invalid") << c.csv;
    EXPECT_EQ(ArgOr(geo.error(), "line"), c.line) << c.csv;
    EXPECT_EQ(ArgOr(geo.error(), "file"), (f.dir.path() / "coords.csv").string());
  }
}

TEST(ReadCommuneCoordinates, ReadsColumnsByNameAndEmptyCoordinates) {
  TempDir dir;
  fs::path csv = dir.Write("c.csv",
                           "lon,code,lat,codes_postaux,population\n"
                           "3.04702,59350,50.63108,59000|59160,238246\n"
                           ",98411,,,\n");
  auto rows = ReadCommuneCoordinates(csv);
  ASSERT_TRUE(rows.ok()) << ArgOr(rows.error(), "detail");
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].code, "59350");
  EXPECT_EQ((*rows)[0].postcodes, (std::vector<std::string>{"59000", "59160"}));
  EXPECT_EQ((*rows)[0].population, 238246);
  ASSERT_TRUE((*rows)[0].point.has_value());
  EXPECT_DOUBLE_EQ((*rows)[0].point->lon, 3.04702);
  EXPECT_FALSE((*rows)[1].point.has_value());
}

TEST(FormatCommuneCoordinates, RoundTripsThroughTheReader) {
  CommuneCoordinateRow row{"97415",
                           "commune-actuelle",
                           "Saint-Paul, \"La Réunion\"",
                           "974",
                           "04",
                           "drom",
                           {"97411", "97422"},
                           105482,
                           core::GeoPoint{-21.0096, 55.2707},
                           "geonames-name"};
  CommuneCoordinateRow none{
      "98411", "commune-actuelle", "Îles Saint-Paul", "984", "984", "com", {}, 0, std::nullopt,
      "none"};
  std::string text = FormatCommuneCoordinates({row, none});
  EXPECT_TRUE(text.starts_with(std::string(kCommuneCoordinatesHeader) + "\n"));
  EXPECT_NE(text.find(",-21.0096,55.2707,geonames-name\n"), std::string::npos);
  TempDir dir;
  auto rows = ReadCommuneCoordinates(dir.Write("c.csv", text));
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].name, row.name);
  EXPECT_EQ((*rows)[0].postcodes, row.postcodes);
  EXPECT_EQ((*rows)[0].population, row.population);
  EXPECT_EQ((*rows)[0].source, "geonames-name");
  EXPECT_FALSE((*rows)[1].point.has_value());
  EXPECT_EQ((*rows)[1].source, "none");
}

// ---- The real packages -----------------------------------------------------------------------

// node_modules of the repository, or empty (the test then skips).
fs::path NpmDir() {
  const char* root = std::getenv("TREMPLIN_SOURCE_DIR");
  if (!root) return {};
  fs::path npm = fs::path(root) / "node_modules";
  if (!fs::exists(DecoupageDir(npm) / "communes.json") || !fs::exists(PostcodesFile(npm)))
    return {};
  return npm;
}

TEST(LoadGeographyFromPackages, KnownPlacesAreThere) {
  fs::path npm = NpmDir();
  if (npm.empty())
    GTEST_SKIP() << "node_modules with the geography packages not found "
                    "(set TREMPLIN_SOURCE_DIR and run npm install)";
  // Coordinates for Lille only: every other commune must come out without a point.
  TempDir dir;
  fs::path coords = dir.Write("coords.csv", kCoordinates);
  auto geo = LoadGeography(DecoupageDir(npm), coords, PostcodesFile(npm));
  ASSERT_TRUE(geo.ok()) << geo.error().id << " " << ArgOr(geo.error(), "detail");

  const core::Commune* lille = geo->FindCommune("59350");
  ASSERT_NE(lille, nullptr);
  EXPECT_EQ(lille->name, "Lille");
  EXPECT_EQ(lille->region_code, "32");
  EXPECT_EQ(lille->zone, "metro");
  EXPECT_GT(lille->population, 200000);
  EXPECT_NE(std::find(lille->postcodes.begin(), lille->postcodes.end(), "59000"),
            lille->postcodes.end());
  ASSERT_TRUE(lille->point.has_value());
  ASSERT_NE(geo->FindRegion("32"), nullptr);
  EXPECT_EQ(geo->FindRegion("32")->name, "Hauts-de-France");
  EXPECT_EQ(geo->FindDepartment("59")->region_code, "32");

  const core::Commune* roubaix = geo->FindCommune("59512");
  ASSERT_NE(roubaix, nullptr);
  EXPECT_FALSE(roubaix->point.has_value());

  EXPECT_NE(geo->FindDepartment("2A"), nullptr);
  EXPECT_NE(geo->FindDepartment("2B"), nullptr);
  EXPECT_EQ(geo->FindDepartment("20"), nullptr);
  for (std::string_view region : {"01", "02", "03", "04", "06"})
    EXPECT_NE(geo->FindRegion(region), nullptr) << region;
  EXPECT_EQ(geo->FindRegion("05"), nullptr);   // there is no region 05
  EXPECT_EQ(geo->regions().size(), 18u + 8u);  // 18 regions and 8 collectivities overseas

  const core::Commune* paris11 = geo->FindCommune("75111");
  ASSERT_NE(paris11, nullptr);
  EXPECT_EQ(paris11->parent_code, "75056");
  EXPECT_EQ(paris11->postcodes, (std::vector<std::string>{"75011"}));
  ASSERT_NE(geo->FindCommune("75056"), nullptr);  // Paris keeps its own entry
  ASSERT_NE(geo->FindCommune("69381"), nullptr);  // Lyon 1er
  EXPECT_EQ(geo->FindCommune("69381")->parent_code, "69123");
  auto with_75011 = geo->CommunesWithPostcode("75011");
  ASSERT_FALSE(with_75011.empty());
  EXPECT_EQ(with_75011.front()->code, "75111");

  // Former communes (delegated, associated) are not communes of today.
  size_t arrondissements = 0;
  for (const core::Commune& c : geo->communes())
    if (!c.parent_code.empty()) ++arrondissements;
  EXPECT_EQ(arrondissements, 20u + 9u + 16u);
  EXPECT_GT(geo->communes().size(), 34000u);
  EXPECT_LT(geo->communes().size(), 36000u);
}

TEST(LoadGeographyFromPackages, LoadsFastEnoughForStartUp) {
  fs::path npm = NpmDir();
  if (npm.empty()) GTEST_SKIP() << "node_modules with the geography packages not found";
  const char* shared = std::getenv("TREMPLIN_SHARED_DATA");
  fs::path coords = shared ? fs::path(shared) / "communes" / "communes-coords.csv" : fs::path();
  if (coords.empty() || !fs::exists(coords))
    GTEST_SKIP() << "reference communes-coords.csv not found in TREMPLIN_SHARED_DATA";
  auto start = std::chrono::steady_clock::now();
  auto geo = LoadGeography(DecoupageDir(npm), coords, PostcodesFile(npm));
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(geo.ok());
  RecordProperty("load_seconds", std::to_string(seconds));
  std::printf("LoadGeography: %.3f s for %zu communes\n", seconds, geo->communes().size());
  size_t with_point = 0;
  for (const core::Commune& c : geo->communes()) with_point += c.point.has_value();
  EXPECT_GT(with_point, 34800u);
#if defined(NDEBUG) && !defined(__SANITIZE_ADDRESS__)
  // The target is 0.5 s; twice that leaves room for a busy machine.
  EXPECT_LT(seconds, 1.0);
#endif
}

}  // namespace
}  // namespace tremplin::io
