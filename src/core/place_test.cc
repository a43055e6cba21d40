// Tests of understanding places as people type them, and of the place autocomplete, over a
// small made-up geography shaped like the real one.
#include "core/place.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tremplin::core {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

Commune MakeCommune(std::string code, std::string name, std::string department, std::string region,
                    std::vector<std::string> postcodes, int population,
                    std::optional<GeoPoint> point, std::string parent = {}) {
  Commune c;
  c.code = std::move(code);
  c.name = std::move(name);
  c.department_code = std::move(department);
  c.region_code = std::move(region);
  c.zone = c.department_code.size() == 3 ? "drom" : "metro";
  c.parent_code = std::move(parent);
  c.postcodes = std::move(postcodes);
  c.population = population;
  c.point = point;
  return c;
}

Geography SmallGeography() {
  std::vector<Region> regions = {{"32", "Hauts-de-France"},
                                 {"11", "Île-de-France"},
                                 {"84", "Auvergne-Rhône-Alpes"},
                                 {"53", "Bretagne"},
                                 {"94", "Corse"},
                                 {"04", "La Réunion"},
                                 {"27", "Bourgogne-Franche-Comté"},
                                 {"28", "Normandie"}};
  std::vector<Department> departments = {{"59", "Nord", "32"},
                                         {"75", "Paris", "11"},
                                         {"93", "Seine-Saint-Denis", "11"},
                                         {"42", "Loire", "84"},
                                         {"35", "Ille-et-Vilaine", "53"},
                                         {"22", "Côtes-d'Armor", "53"},
                                         {"2A", "Corse-du-Sud", "94"},
                                         {"974", "La Réunion", "04"},
                                         {"90", "Territoire de Belfort", "27"},
                                         {"76", "Seine-Maritime", "28"}};
  std::vector<Commune> communes = {
      MakeCommune("59350", "Lille", "59", "32", {"59000", "59160", "59260", "59777", "59800"},
                  236234, GeoPoint{50.6292, 3.0573}),
      MakeCommune("59343", "Lezennes", "59", "32", {"59260"}, 3300, GeoPoint{50.6133, 3.1156}),
      MakeCommune("59512", "Roubaix", "59", "32", {"59100"}, 98828, GeoPoint{50.6942, 3.1746}),
      MakeCommune("75056", "Paris", "75", "11", {"75001", "75011", "75020"}, 2133111,
                  GeoPoint{48.8566, 2.3522}),
      MakeCommune("75101", "Paris 1er Arrondissement", "75", "11", {"75001"}, 15917,
                  GeoPoint{48.8626, 2.3363}, "75056"),
      MakeCommune("75111", "Paris 11e Arrondissement", "75", "11", {"75011"}, 142583,
                  GeoPoint{48.8590, 2.3800}, "75056"),
      MakeCommune("75120", "Paris 20e Arrondissement", "75", "11", {"75020"}, 195604,
                  GeoPoint{48.8634, 2.3984}, "75056"),
      MakeCommune("42218", "Saint-Étienne", "42", "84", {"42000", "42100"}, 173136,
                  GeoPoint{45.4347, 4.3903}),
      MakeCommune("42207", "Saint-Chamond", "42", "84", {"42400"}, 35000,
                  GeoPoint{45.4753, 4.5153}),
      MakeCommune("93066", "Saint-Denis", "93", "11", {"93200", "93210"}, 113942,
                  GeoPoint{48.9362, 2.3574}),
      MakeCommune("93008", "Bobigny", "93", "11", {"93000"}, 53000, GeoPoint{48.9086, 2.4397}),
      MakeCommune("97411", "Saint-Denis", "974", "04", {"97400", "97490"}, 153810,
                  GeoPoint{-20.8823, 55.4504}),
      MakeCommune("35238", "Rennes", "35", "53", {"35000", "35200", "35700"}, 222485,
                  GeoPoint{48.1173, -1.6778}),
      MakeCommune("22998", "Kerbrat", "22", "53", {"22998"}, 120, std::nullopt),
      MakeCommune("2A004", "Ajaccio", "2A", "94", {"20000", "20090"}, 71000,
                  GeoPoint{41.9192, 8.7386}),
      MakeCommune("90010", "Belfort", "90", "27", {"90000"}, 46000, GeoPoint{47.6380, 6.8628}),
      MakeCommune("90017", "Bretagne", "90", "27", {"90130"}, 300, GeoPoint{47.6033, 6.9844}),
      MakeCommune("76540", "Rouen", "76", "28", {"76000", "76100"}, 114000,
                  GeoPoint{49.4431, 1.0993}),
  };
  return Geography(std::move(regions), std::move(departments), std::move(communes));
}

class PlaceDirectoryTest : public ::testing::Test {
 protected:
  Place Parse(std::string_view text) {
    Result<Place> place = places_.Parse(text);
    EXPECT_TRUE(place.ok()) << text << ": " << (place.ok() ? "" : ToLogString(place.error()));
    return place.ok() ? *place : Place{};
  }
  Error ParseError(std::string_view text) {
    Result<Place> place = places_.Parse(text);
    EXPECT_FALSE(place.ok()) << text << " was understood as " << place->code;
    return place.ok() ? Error{} : place.error();
  }
  static std::string Arg(const Error& e, std::string_view name) {
    const std::string* v = e.Arg(name);
    return v ? *v : "(absent)";
  }
  std::vector<std::string> SuggestedValues(std::string_view text, size_t limit) {
    std::vector<std::string> out;
    for (const PlaceSuggestion& s : places_.Suggest(text, limit)) out.push_back(s.value);
    return out;
  }

  Geography geo_ = SmallGeography();
  PlaceDirectory places_{geo_};
};

// ---- Parse: codes ----------------------------------------------------------------------------

TEST_F(PlaceDirectoryTest, EmptyTextIsAllOfFrance) {
  for (const char* text : {"", "   "}) {
    Place p = Parse(text);
    EXPECT_EQ(p.kind, PlaceKind::kFrance);
    EXPECT_EQ(p.match, PlaceMatch::kEmpty);
    EXPECT_EQ(p.Parameter(), "");
    EXPECT_EQ(PlaceLabel(p), "");
    EXPECT_FALSE(p.point.has_value());
  }
}

TEST_F(PlaceDirectoryTest, DepartmentParameter) {
  Place p = Parse("dep:59");
  EXPECT_EQ(p.kind, PlaceKind::kDepartment);
  EXPECT_EQ(p.match, PlaceMatch::kDepartmentCode);
  EXPECT_EQ(p.code, "59");
  EXPECT_EQ(p.name, "Nord");
  EXPECT_EQ(p.department_code, "59");
  EXPECT_EQ(p.region_code, "32");
  EXPECT_FALSE(p.point.has_value());
  EXPECT_EQ(p.Parameter(), "dep:59");
  EXPECT_EQ(PlaceLabel(p), "Nord (59)");
}

TEST_F(PlaceDirectoryTest, DepartmentParameterIgnoresCase) {
  Place p = Parse("DEP:2a");
  EXPECT_EQ(p.kind, PlaceKind::kDepartment);
  EXPECT_EQ(p.code, "2A");
  EXPECT_EQ(p.name, "Corse-du-Sud");
  EXPECT_EQ(Parse("dep:974").name, "La Réunion");
}

TEST_F(PlaceDirectoryTest, RegionParameter) {
  Place p = Parse("reg:32");
  EXPECT_EQ(p.kind, PlaceKind::kRegion);
  EXPECT_EQ(p.match, PlaceMatch::kRegionCode);
  EXPECT_EQ(p.code, "32");
  EXPECT_EQ(p.name, "Hauts-de-France");
  EXPECT_EQ(p.region_code, "32");
  EXPECT_EQ(p.Parameter(), "reg:32");
  EXPECT_EQ(PlaceLabel(p), "Hauts-de-France");
  EXPECT_EQ(Parse("REG:04").name, "La Réunion");
}

TEST_F(PlaceDirectoryTest, UnknownDepartmentOrRegionParameter) {
  struct Case {
    const char* text;
    const char* id;
    const char* code;
  };
  for (const Case& c : {Case{"dep:99", "department_not_found", "99"},
                        Case{"dep:", "department_not_found", ""},
                        Case{"reg:99", "region_not_found", "99"},
                        Case{"reg:Bretagne", "region_not_found", "BRETAGNE"}}) {
    Error e = ParseError(c.text);
    EXPECT_EQ(e.id, c.id) << c.text;
    EXPECT_EQ(e.code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(e.field, "where");
    EXPECT_EQ(Arg(e, "code"), c.code) << c.text;
  }
}

TEST_F(PlaceDirectoryTest, BareDepartmentCode) {
  EXPECT_EQ(Parse("59").Parameter(), "dep:59");
  EXPECT_EQ(Parse("2a").Parameter(), "dep:2A");
  EXPECT_EQ(Parse("974").Parameter(), "dep:974");
  EXPECT_EQ(Parse("59").match, PlaceMatch::kDepartmentCode);
  EXPECT_EQ(ParseError("98").id, "department_not_found");
}

TEST_F(PlaceDirectoryTest, InseeCode) {
  Place p = Parse("59350");
  EXPECT_EQ(p.kind, PlaceKind::kCommune);
  EXPECT_EQ(p.match, PlaceMatch::kInseeCode);
  EXPECT_EQ(p.code, "59350");
  EXPECT_EQ(p.name, "Lille");
  EXPECT_EQ(p.department_code, "59");
  EXPECT_EQ(p.region_code, "32");
  ASSERT_TRUE(p.point.has_value());
  EXPECT_DOUBLE_EQ(p.point->lat, 50.6292);
  EXPECT_THAT(p.alternatives, IsEmpty());
  EXPECT_EQ(p.Parameter(), "59350");
  EXPECT_EQ(PlaceLabel(p), "Lille (59)");
  EXPECT_EQ(Parse("2a004").code, "2A004");
}

TEST_F(PlaceDirectoryTest, PostcodeOfOneCommune) {
  Place p = Parse("59000");
  EXPECT_EQ(p.code, "59350");
  EXPECT_EQ(p.match, PlaceMatch::kPostcode);
  EXPECT_THAT(p.alternatives, IsEmpty());
}

TEST_F(PlaceDirectoryTest, PostcodeSharedByCommunesPicksTheMostPopulous) {
  Place p = Parse("59260");
  EXPECT_EQ(p.code, "59350");
  EXPECT_EQ(p.match, PlaceMatch::kPostcode);
  EXPECT_THAT(p.alternatives, ElementsAre("59343"));
}

// "59100" is Roubaix's postcode and the INSEE code of Bousignies; "59350" is Lille's code and
// Saint-André-lez-Lille's postcode: a code means the more populous of its communes; the other
// is offered as an alternative and reached by "com:CODE", which its links and suggestions say.
TEST(PlaceDirectory, ACodeOfTwoCommunesMeansTheMorePopulous) {
  Geography geo({{"32", "Hauts-de-France"}}, {{"59", "Nord", "32"}},
                {MakeCommune("59100", "Bousignies", "59", "32", {"59149"}, 300, GeoPoint{50.43, 3.35}),
                 MakeCommune("59512", "Roubaix", "59", "32", {"59100"}, 98828, GeoPoint{50.69, 3.17}),
                 MakeCommune("59350", "Lille", "59", "32", {"59000"}, 236234, GeoPoint{50.63, 3.06}),
                 MakeCommune("59527", "Saint-André-lez-Lille", "59", "32", {"59350"}, 12000,
                             GeoPoint{50.66, 3.05})});
  PlaceDirectory places(geo);
  Result<Place> typed = places.Parse("59100");
  ASSERT_TRUE(typed.ok());
  EXPECT_EQ(typed->name, "Roubaix");
  EXPECT_EQ(typed->match, PlaceMatch::kPostcode);
  EXPECT_EQ(typed->Parameter(), "59512");
  EXPECT_THAT(typed->alternatives, ElementsAre("59100"));

  Result<Place> village = places.Parse("com:59100");
  ASSERT_TRUE(village.ok());
  EXPECT_EQ(village->name, "Bousignies");
  EXPECT_EQ(village->Parameter(), "com:59100") << "its links come back to it";
  EXPECT_EQ(places.Parse(village->Parameter())->name, "Bousignies");
  EXPECT_EQ(places.Parse("59350")->name, "Lille") << "more populous than the postcode's commune";
  EXPECT_EQ(places.Parse("59350")->Parameter(), "59350");
  EXPECT_THAT(places.Parse("59350")->alternatives, ElementsAre("59527"));
  EXPECT_FALSE(places.Parse("com:99999").ok());

  std::vector<PlaceSuggestion> suggested = places.Suggest("Bousig", 5);
  ASSERT_EQ(suggested.size(), 1u);
  EXPECT_EQ(suggested[0].value, "com:59100");
}

TEST_F(PlaceDirectoryTest, PostcodeInsideParisPicksTheArrondissement) {
  // Paris itself is more populous, but the postcode designates its arrondissement.
  Place p = Parse("75011");
  EXPECT_EQ(p.code, "75111");
  EXPECT_EQ(p.match, PlaceMatch::kPostcode);
  EXPECT_THAT(p.alternatives, ElementsAre("75056"));
  EXPECT_EQ(Parse("75001").code, "75101");
}

TEST_F(PlaceDirectoryTest, UnknownFiveDigitCode) {
  for (const char* text : {"99999", "00000", "2A999"}) {
    Error e = ParseError(text);
    EXPECT_EQ(e.id, "postcode_not_found") << text;
    EXPECT_EQ(e.field, "where");
    EXPECT_EQ(Arg(e, "query"), text);
  }
}

// ---- Parse: names ----------------------------------------------------------------------------

TEST_F(PlaceDirectoryTest, NameWhateverItsCase) {
  for (const char* text : {"Lille", "lille", "LILLE", "  Lille  ", "LiLLe"}) {
    Place p = Parse(text);
    EXPECT_EQ(p.code, "59350") << text;
    EXPECT_EQ(p.match, PlaceMatch::kName) << text;
    EXPECT_THAT(p.alternatives, IsEmpty()) << text;
  }
}

TEST_F(PlaceDirectoryTest, NameWithDepartmentOrPostcodeHint) {
  EXPECT_EQ(Parse("LILLE (59)").code, "59350");
  EXPECT_EQ(Parse("Lille(59)").code, "59350");
  EXPECT_EQ(Parse("Lille 59000").code, "59350");
  EXPECT_EQ(Parse("Lille 59").code, "59350");
}

TEST_F(PlaceDirectoryTest, WrongHintStillFindsTheName) {
  EXPECT_EQ(Parse("Lille (62)").code, "59350");
  EXPECT_EQ(Parse("Lille 75001").code, "59350");
}

TEST_F(PlaceDirectoryTest, SaintAbbreviationsAndAccents) {
  for (const char* text : {"st etienne", "Saint-Étienne", "ST-ETIENNE", "saint etienne",
                           "Saint Etienne", "st-étienne"})
    EXPECT_EQ(Parse(text).code, "42218") << text;
}

TEST_F(PlaceDirectoryTest, HomonymsPickTheMostPopulousAndListTheOthers) {
  Place p = Parse("Saint-Denis");
  EXPECT_EQ(p.code, "97411");
  EXPECT_THAT(p.alternatives, ElementsAre("93066"));
}

TEST_F(PlaceDirectoryTest, HomonymWithHintPicksTheRightOne) {
  Place p = Parse("Saint-Denis (93)");
  EXPECT_EQ(p.code, "93066");
  EXPECT_THAT(p.alternatives, IsEmpty());
  EXPECT_EQ(Parse("Saint-Denis (974)").code, "97411");
  EXPECT_EQ(Parse("saint denis 93200").code, "93066");
  EXPECT_EQ(Parse("st denis 97490").code, "97411");
}

TEST_F(PlaceDirectoryTest, RegionBeatsATinyCommuneOfTheSameName) {
  Place p = Parse("Bretagne");
  EXPECT_EQ(p.kind, PlaceKind::kRegion);
  EXPECT_EQ(p.code, "53");
  EXPECT_EQ(p.match, PlaceMatch::kName);
  // With a department hint, the person means the commune.
  Place commune = Parse("Bretagne (90)");
  EXPECT_EQ(commune.kind, PlaceKind::kCommune);
  EXPECT_EQ(commune.code, "90017");
}

TEST_F(PlaceDirectoryTest, BigCommuneBeatsTheDepartmentOfTheSameName) {
  Place p = Parse("Paris");
  EXPECT_EQ(p.kind, PlaceKind::kCommune);
  EXPECT_EQ(p.code, "75056");
}

TEST_F(PlaceDirectoryTest, DepartmentName) {
  Place p = Parse("Nord");
  EXPECT_EQ(p.kind, PlaceKind::kDepartment);
  EXPECT_EQ(p.code, "59");
  EXPECT_EQ(Parse("seine saint denis").code, "93");
  EXPECT_EQ(Parse("Côtes d’Armor").code, "22");
}

TEST_F(PlaceDirectoryTest, WordSuffixOfANameWhenNoWholeNameMatches) {
  Place p = Parse("Étienne");
  EXPECT_EQ(p.code, "42218");
}

// A region named like a commune of `population` inhabitants.
Geography RegionAndCommuneNamedAlike(int population) {
  return Geography(
      {{"28", "Normandie"}}, {{"76", "Seine-Maritime", "28"}},
      {MakeCommune("76540", "Rouen", "76", "28", {"76000"}, 114000, GeoPoint{49.4431, 1.0993}),
       MakeCommune("76999", "Normandie", "76", "28", {"76999"}, population, GeoPoint{49.5, 1.0})});
}

TEST(PlaceDirectory, RegionWinsOverACommuneUnder20000Inhabitants) {
  Geography geo = RegionAndCommuneNamedAlike(19999);
  PlaceDirectory places(geo);
  Result<Place> p = places.Parse("Normandie");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->kind, PlaceKind::kRegion);
}

TEST(PlaceDirectory, CommuneOf20000InhabitantsWinsOverTheRegion) {
  Geography geo = RegionAndCommuneNamedAlike(20000);
  PlaceDirectory places(geo);
  Result<Place> p = places.Parse("Normandie");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->kind, PlaceKind::kCommune);
  EXPECT_EQ(p->code, "76999");
}

// ---- Parse: failures -------------------------------------------------------------------------

TEST_F(PlaceDirectoryTest, CloseNameIsSuggested) {
  Error e = ParseError("Lile");
  EXPECT_EQ(e.id, "place_not_found_suggest");
  EXPECT_EQ(e.code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(e.field, "where");
  EXPECT_EQ(Arg(e, "query"), "Lile");
  EXPECT_EQ(Arg(e, "suggestion"), "Lille");
  EXPECT_EQ(Arg(ParseError("Roubais"), "suggestion"), "Roubaix");
  EXPECT_EQ(Arg(ParseError("saint etiene"), "suggestion"), "Saint-Étienne");
}

TEST_F(PlaceDirectoryTest, NothingCloseIsNotFound) {
  Error e = ParseError("Zzzz");
  EXPECT_EQ(e.id, "place_not_found");
  EXPECT_EQ(e.field, "where");
  EXPECT_EQ(Arg(e, "query"), "Zzzz");
  EXPECT_EQ(e.Arg("suggestion"), nullptr);
  EXPECT_EQ(ParseError("---").id, "place_not_found");
}

TEST_F(PlaceDirectoryTest, TooLongText) {
  Error e = ParseError(std::string(300, 'a'));
  EXPECT_EQ(e.id, "place_too_long");
  EXPECT_EQ(e.field, "where");
  EXPECT_EQ(ParseError(std::string(201, 'a')).id, "place_too_long");
  EXPECT_EQ(ParseError(std::string(200, 'a')).id, "place_not_found");
}

TEST_F(PlaceDirectoryTest, CommuneWithoutPointByCode) {
  Error e = ParseError("22998");
  EXPECT_EQ(e.id, "place_without_coordinates");
  EXPECT_EQ(e.field, "where");
  EXPECT_EQ(Arg(e, "query"), "Kerbrat");
}

TEST_F(PlaceDirectoryTest, CommuneWithoutPointByName) {
  Error e = ParseError("Kerbrat");
  EXPECT_EQ(e.id, "place_without_coordinates");
  EXPECT_EQ(Arg(e, "query"), "Kerbrat");
}

TEST_F(PlaceDirectoryTest, FromCommune) {
  Result<Place> lille = places_.FromCommune(*geo_.FindCommune("59350"), PlaceMatch::kInseeCode);
  ASSERT_TRUE(lille.ok());
  EXPECT_EQ(lille->name, "Lille");
  EXPECT_EQ(lille->match, PlaceMatch::kInseeCode);
  Result<Place> kerbrat = places_.FromCommune(*geo_.FindCommune("22998"), PlaceMatch::kName);
  ASSERT_FALSE(kerbrat.ok());
  EXPECT_EQ(kerbrat.error().id, "place_without_coordinates");
}

// ---- Suggest ---------------------------------------------------------------------------------

TEST_F(PlaceDirectoryTest, SuggestByPrefix) {
  std::vector<PlaceSuggestion> s = places_.Suggest("lil", 5);
  ASSERT_FALSE(s.empty());
  EXPECT_EQ(s[0].kind, PlaceKind::kCommune);
  EXPECT_EQ(s[0].code, "59350");
  EXPECT_EQ(s[0].name, "Lille");
  EXPECT_EQ(s[0].department_code, "59");
  EXPECT_EQ(s[0].value, "59350");
  EXPECT_EQ(s[0].postcodes, "59000, 59160, 59260, 59777, 59800");
}

TEST_F(PlaceDirectoryTest, SuggestIsAccentAndCaseInsensitive) {
  EXPECT_THAT(SuggestedValues("LIL", 1), ElementsAre("59350"));
  EXPECT_THAT(SuggestedValues("SAINT-É", 1), ElementsAre("42218"));
  EXPECT_THAT(SuggestedValues("st eti", 1), ElementsAre("42218"));
  EXPECT_THAT(SuggestedValues("île-de", 1), ElementsAre("reg:11"));
}

TEST_F(PlaceDirectoryTest, SuggestMatchesALaterWordOfTheName) {
  std::vector<std::string> values = SuggestedValues("denis", 10);
  EXPECT_THAT(values, ::testing::Contains("93066"));
  EXPECT_THAT(values, ::testing::Contains("97411"));
  EXPECT_THAT(values, ::testing::Contains("dep:93"));
  EXPECT_THAT(SuggestedValues("etienne", 1), ElementsAre("42218"));
}

TEST_F(PlaceDirectoryTest, SuggestNamesStartingWithTheTextFirst) {
  // Every commune whose name starts with "saint", by population, then the department where
  // "saint" is a later word.
  EXPECT_THAT(SuggestedValues("saint", 10),
              ElementsAre("42218", "97411", "93066", "42207", "dep:93"));
}

TEST_F(PlaceDirectoryTest, SuggestIncludesRegionsAndDepartments) {
  std::vector<PlaceSuggestion> s = places_.Suggest("bre", 5);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].kind, PlaceKind::kRegion);
  EXPECT_EQ(s[0].value, "reg:53");
  EXPECT_EQ(s[0].name, "Bretagne");
  EXPECT_EQ(s[1].value, "90017");
  std::vector<PlaceSuggestion> n = places_.Suggest("nor", 5);
  ASSERT_EQ(n.size(), 2u);
  EXPECT_EQ(n[0].kind, PlaceKind::kDepartment);
  EXPECT_EQ(n[0].value, "dep:59");
  EXPECT_EQ(n[0].department_code, "59");
  EXPECT_EQ(n[1].value, "reg:28");
}

// The label a chosen place shows ("Saint-Denis (93)") suggests that place again, so that the
// field's suggestions still make sense when the label is edited.
TEST_F(PlaceDirectoryTest, SuggestUnderstandsTheLabelOfAChosenPlace) {
  EXPECT_THAT(SuggestedValues("Saint-Denis (93)", 5), ElementsAre("93066", "dep:93"));
  EXPECT_THAT(SuggestedValues("saint denis (974)", 5), ElementsAre("97411"));
  EXPECT_THAT(SuggestedValues("Lille 59000", 5), ElementsAre("59350"));
  EXPECT_THAT(SuggestedValues("Nord (59)", 5), ElementsAre("dep:59"));
  // A hint nothing matches leaves the plain suggestions of the whole text (none here).
  EXPECT_THAT(SuggestedValues("Lille (75)", 5), ElementsAre());
}

TEST_F(PlaceDirectoryTest, SuggestDigitsByPostcodePrefix) {
  EXPECT_THAT(SuggestedValues("5916", 10), ElementsAre("59350"));
  EXPECT_THAT(SuggestedValues("591", 10), ElementsAre("59350", "59512"));
  EXPECT_THAT(SuggestedValues("5926", 10), ElementsAre("59350", "59343"));
  // A department code first, then its communes by population, each once.
  EXPECT_THAT(SuggestedValues("59", 10), ElementsAre("dep:59", "59350", "59512", "59343"));
  EXPECT_THAT(SuggestedValues("75", 10), ElementsAre("dep:75", "75056", "75120", "75111", "75101"));
  EXPECT_THAT(SuggestedValues("974", 10), ElementsAre("dep:974", "97411"));
  EXPECT_THAT(SuggestedValues("2A", 10), ElementsAre("dep:2A"));
}

TEST_F(PlaceDirectoryTest, SuggestInseeCode) {
  EXPECT_THAT(SuggestedValues("59350", 10), ElementsAre("59350"));
  EXPECT_THAT(SuggestedValues("2A004", 10), ElementsAre("2A004"));
}

TEST_F(PlaceDirectoryTest, SuggestRespectsTheLimit) {
  EXPECT_EQ(places_.Suggest("s", 3).size(), 3u);
  EXPECT_EQ(places_.Suggest("9", 2).size(), 2u);
  EXPECT_EQ(places_.Suggest("59", 1).size(), 1u);
  EXPECT_THAT(places_.Suggest("lil", 0), IsEmpty());
}

TEST_F(PlaceDirectoryTest, SuggestNothing) {
  EXPECT_THAT(places_.Suggest("", 5), IsEmpty());
  EXPECT_THAT(places_.Suggest("   ", 5), IsEmpty());
  EXPECT_THAT(places_.Suggest("zzz", 5), IsEmpty());
  EXPECT_THAT(places_.Suggest("--", 5), IsEmpty());
  EXPECT_THAT(places_.Suggest(std::string(201, 'l'), 5), IsEmpty());
}

// ---- Names and labels ------------------------------------------------------------------------

TEST(NormalizePlaceName, FoldsPunctuationAndSaints) {
  EXPECT_EQ(NormalizePlaceName("Saint-Étienne"), "saint etienne");
  EXPECT_EQ(NormalizePlaceName("st etienne"), "saint etienne");
  EXPECT_EQ(NormalizePlaceName("  ST--ÉTIENNE  "), "saint etienne");
  EXPECT_EQ(NormalizePlaceName("Ste-Foy-lès-Lyon"), "sainte foy les lyon");
  EXPECT_EQ(NormalizePlaceName("L'Haÿ-les-Roses"), "l hay les roses");
  EXPECT_EQ(NormalizePlaceName("Côtes-d’Armor"), "cotes d armor");
  EXPECT_EQ(NormalizePlaceName("Paris 11e Arrondissement"), "paris 11e arrondissement");
  EXPECT_EQ(NormalizePlaceName("Stella-Plage"), "stella plage");
  EXPECT_EQ(NormalizePlaceName(""), "");
  EXPECT_EQ(NormalizePlaceName(" - "), "");
}

TEST(CommuneLabel, NameAndDepartment) {
  Commune c = MakeCommune("59350", "Lille", "59", "32", {}, 0, std::nullopt);
  EXPECT_EQ(CommuneLabel(c), "Lille (59)");
}

TEST(PlaceStrings, KindsAndMatches) {
  EXPECT_EQ(ToString(PlaceKind::kFrance), "france");
  EXPECT_EQ(ToString(PlaceKind::kRegion), "region");
  EXPECT_EQ(ToString(PlaceKind::kDepartment), "department");
  EXPECT_EQ(ToString(PlaceKind::kCommune), "commune");
  EXPECT_EQ(ToString(PlaceMatch::kEmpty), "empty");
  EXPECT_EQ(ToString(PlaceMatch::kInseeCode), "insee_code");
  EXPECT_EQ(ToString(PlaceMatch::kPostcode), "postcode");
  EXPECT_EQ(ToString(PlaceMatch::kDepartmentCode), "department_code");
  EXPECT_EQ(ToString(PlaceMatch::kRegionCode), "region_code");
  EXPECT_EQ(ToString(PlaceMatch::kName), "name");
}

}  // namespace
}  // namespace tremplin::core
