// Tests of reading a search URL's parameters: each parameter valid and invalid, repeated and
// unknown parameters, bad UTF-8 and limits.
#include "search/search_params.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace tremplin::search {
namespace {

using core::Date;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

core::Commune MakeCommune(std::string code, std::string name, std::string department,
                          std::string region, std::string postcode, int population,
                          core::GeoPoint point) {
  core::Commune c;
  c.code = std::move(code);
  c.name = std::move(name);
  c.department_code = std::move(department);
  c.region_code = std::move(region);
  c.postcodes = {std::move(postcode)};
  c.population = population;
  c.point = point;
  return c;
}

core::Geography SmallGeography() {
  return core::Geography(
      {{"32", "Hauts-de-France"}, {"11", "Île-de-France"}},
      {{"59", "Nord", "32"}, {"75", "Paris", "11"}},
      {MakeCommune("59350", "Lille", "59", "32", "59000", 236234, {50.6292, 3.0573}),
       MakeCommune("59512", "Roubaix", "59", "32", "59100", 98828, {50.6942, 3.1746}),
       MakeCommune("75056", "Paris", "75", "11", "75001", 2133111, {48.8566, 2.3522})});
}

class SearchParamsTest : public ::testing::Test {
 protected:
  SearchParams Parse(const Parameters& params, const std::vector<std::string>& extra = {}) {
    return ParseSearchParams(params, places_, core::GenTaxonomy(), today_, extra);
  }
  // Parses one parameter that must be refused; checks the error's field and returns it.
  core::Error OneError(const std::string& name, const std::string& value) {
    SearchParams p = Parse({{name, value}});
    EXPECT_EQ(p.errors.size(), 1u) << name << "=" << value;
    if (p.errors.empty()) return core::Error{};
    EXPECT_EQ(p.errors[0].field, name) << value;
    EXPECT_EQ(p.errors[0].code, core::ErrorCode::kInvalidArgument) << value;
    return p.errors[0];
  }
  static std::string Arg(const core::Error& e, std::string_view name) {
    const std::string* v = e.Arg(name);
    return v ? *v : "(absent)";
  }

  core::Geography geo_ = SmallGeography();
  core::PlaceDirectory places_{geo_};
  Date today_ = Date::FromYmd(2027, 1, 10);
};

TEST_F(SearchParamsTest, NoParametersMeansDefaults) {
  SearchParams p = Parse({});
  EXPECT_THAT(p.errors, IsEmpty());
  EXPECT_THAT(p.unknown, IsEmpty());
  EXPECT_EQ(p.text, "");
  EXPECT_EQ(p.where, "");
  EXPECT_FALSE(p.explicit_radius);
  EXPECT_FALSE(p.max_months.has_value());
  const SearchQuery& q = p.query;
  EXPECT_EQ(q.text, "");
  EXPECT_EQ(q.place.kind, core::PlaceKind::kFrance);
  EXPECT_EQ(q.radius_km, kDefaultRadiusKm);
  EXPECT_TRUE(q.widen_radius);
  EXPECT_THAT(q.families, IsEmpty());
  EXPECT_FALSE(q.max_duration_weeks.has_value());
  EXPECT_FALSE(q.starts_after.has_value());
  EXPECT_EQ(q.sort, SortOrder::kRelevance);
  EXPECT_EQ(q.page, 1);
  EXPECT_EQ(q.per_page, 20);
  EXPECT_EQ(q.today, today_);
}

TEST_F(SearchParamsTest, Text) {
  SearchParams p = Parse({{"q", "Développeur web"}});
  EXPECT_THAT(p.errors, IsEmpty());
  EXPECT_EQ(p.text, "Développeur web");
  EXPECT_EQ(p.query.text, "Développeur web");
  EXPECT_THAT(Parse({{"q", std::string(kMaxQueryCharacters, 'a')}}).errors, IsEmpty());
}

TEST_F(SearchParamsTest, TextOver200BytesIsRefused) {
  core::Error e = OneError("q", std::string(kMaxQueryCharacters + 1, 'a'));
  EXPECT_EQ(e.id, "query_too_long");
  EXPECT_EQ(Arg(e, "max"), "200");
  EXPECT_EQ(Parse({{"q", std::string(201, 'a')}}).query.text, "");
}

TEST_F(SearchParamsTest, Where) {
  SearchParams p = Parse({{"where", "Lille"}});
  EXPECT_THAT(p.errors, IsEmpty());
  EXPECT_EQ(p.where, "Lille");
  EXPECT_EQ(p.query.place.kind, core::PlaceKind::kCommune);
  EXPECT_EQ(p.query.place.code, "59350");
  EXPECT_EQ(Parse({{"where", "dep:59"}}).query.place.kind, core::PlaceKind::kDepartment);
  EXPECT_EQ(Parse({{"where", ""}}).query.place.kind, core::PlaceKind::kFrance);
}

TEST_F(SearchParamsTest, UnknownWhereIsEchoedWithTheError) {
  SearchParams p = Parse({{"where", "Lile"}});
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_EQ(p.errors[0].id, "place_not_found_suggest");
  EXPECT_EQ(p.errors[0].field, "where");
  EXPECT_EQ(Arg(p.errors[0], "suggestion"), "Lille");
  EXPECT_EQ(p.where, "Lile");
  EXPECT_EQ(p.query.place.kind, core::PlaceKind::kFrance);
}

TEST_F(SearchParamsTest, LongWhereIsRefusedAndEchoedShortened) {
  SearchParams p = Parse({{"where", std::string(300, 'x')}});
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_EQ(p.errors[0].id, "place_too_long");
  EXPECT_EQ(p.errors[0].field, "where");
  EXPECT_EQ(p.where, std::string(200, 'x'));
}

TEST_F(SearchParamsTest, Radius) {
  SearchParams p = Parse({{"radius_km", "50"}});
  EXPECT_THAT(p.errors, IsEmpty());
  EXPECT_EQ(p.query.radius_km, 50);
  EXPECT_TRUE(p.explicit_radius);
  EXPECT_EQ(Parse({{"radius_km", "12.5"}}).query.radius_km, 12.5);
  EXPECT_EQ(Parse({{"radius_km", "1"}}).query.radius_km, 1);
  EXPECT_EQ(Parse({{"radius_km", "200"}}).query.radius_km, 200);
}

TEST_F(SearchParamsTest, RadiusNotANumber) {
  for (const char* bad : {"abc", "30km", " 30", "nan", "inf", "1,5", "0x10"}) {
    core::Error e = OneError("radius_km", bad);
    EXPECT_EQ(e.id, "radius_not_a_number") << bad;
    EXPECT_EQ(Arg(e, "value"), bad);
  }
  EXPECT_FALSE(Parse({{"radius_km", "abc"}}).explicit_radius);
}

TEST_F(SearchParamsTest, RadiusOutOfRange) {
  for (const char* bad : {"0", "0.5", "-5", "201", "1e6"}) {
    core::Error e = OneError("radius_km", bad);
    EXPECT_EQ(e.id, "radius_out_of_range") << bad;
    EXPECT_EQ(Arg(e, "value"), bad);
    EXPECT_EQ(Arg(e, "max"), "200");
  }
  EXPECT_EQ(Parse({{"radius_km", "500"}}).query.radius_km, kDefaultRadiusKm);
}

TEST_F(SearchParamsTest, FamilyAndProfession) {
  SearchParams p = Parse({{"family", "development"}, {"profession", "web-developer"}});
  EXPECT_THAT(p.errors, IsEmpty());
  EXPECT_THAT(p.query.families, ElementsAre("development"));
  EXPECT_THAT(p.query.professions, ElementsAre("web-developer"));
  core::Error f = OneError("family", "cooking");
  EXPECT_EQ(f.id, "unknown_family");
  EXPECT_EQ(Arg(f, "value"), "cooking");
  core::Error pr = OneError("profession", "chef");
  EXPECT_EQ(pr.id, "unknown_profession");
  EXPECT_EQ(Arg(pr, "value"), "chef");
}

TEST_F(SearchParamsTest, RepeatedFiltersCombine) {
  SearchParams p = Parse({{"family", "development"},
                          {"mode", "remote"},
                          {"family", "data"},
                          {"mode", "onsite"},
                          {"level", "5"},
                          {"level", "0"},
                          {"region", "32"},
                          {"region", "11"},
                          {"department", "59"},
                          {"department", "75"},
                          {"profession", "web-developer"},
                          {"profession", "data-analyst"}});
  EXPECT_THAT(p.errors, IsEmpty());
  EXPECT_THAT(p.query.families, ElementsAre("development", "data"));
  EXPECT_THAT(p.query.modes, ElementsAre(core::DeliveryMode::kRemote, core::DeliveryMode::kOnSite));
  EXPECT_THAT(p.query.levels, ElementsAre(5, 0));
  EXPECT_THAT(p.query.regions, ElementsAre("32", "11"));
  EXPECT_THAT(p.query.departments, ElementsAre("59", "75"));
  EXPECT_THAT(p.query.professions, ElementsAre("web-developer", "data-analyst"));
}

TEST_F(SearchParamsTest, Mode) {
  EXPECT_THAT(Parse({{"mode", "blended"}}).query.modes, ElementsAre(core::DeliveryMode::kBlended));
  for (const char* bad : {"bus", "Remote", "distance"}) {
    core::Error e = OneError("mode", bad);
    EXPECT_EQ(e.id, "unknown_mode") << bad;
    EXPECT_EQ(Arg(e, "value"), bad);
  }
}

TEST_F(SearchParamsTest, RegionAndDepartment) {
  core::Error r = OneError("region", "99");
  EXPECT_EQ(r.id, "unknown_region");
  EXPECT_EQ(Arg(r, "value"), "99");
  core::Error d = OneError("department", "2A");
  EXPECT_EQ(d.id, "unknown_department");
  EXPECT_EQ(Arg(d, "value"), "2A");
}

TEST_F(SearchParamsTest, Level) {
  for (int level : {0, 3, 4, 5, 6, 7, 8})
    EXPECT_THAT(Parse({{"level", std::to_string(level)}}).query.levels, ElementsAre(level));
  for (const char* bad : {"1", "2", "9", "-1", "x", "5.0", "05a"}) {
    core::Error e = OneError("level", bad);
    EXPECT_EQ(e.id, "unknown_level") << bad;
    EXPECT_EQ(Arg(e, "value"), bad);
  }
}

TEST_F(SearchParamsTest, MaxMonthsBecomesWeeks) {
  SearchParams p = Parse({{"max_months", "6"}});
  EXPECT_THAT(p.errors, IsEmpty());
  EXPECT_EQ(p.max_months, 6);
  EXPECT_EQ(p.query.max_duration_weeks, 26);
  EXPECT_EQ(Parse({{"max_months", "3"}}).query.max_duration_weeks, 13);
  EXPECT_EQ(Parse({{"max_months", "12"}}).query.max_duration_weeks, 52);
  EXPECT_EQ(Parse({{"max_months", "1"}}).query.max_duration_weeks, 4);
  EXPECT_EQ(Parse({{"max_months", "48"}}).query.max_duration_weeks, 208);
}

TEST_F(SearchParamsTest, MaxMonthsOutOfRange) {
  for (const char* bad : {"0", "49", "-3", "six", "6.5"}) {
    core::Error e = OneError("max_months", bad);
    EXPECT_EQ(e.id, "max_months_invalid") << bad;
    EXPECT_EQ(Arg(e, "value"), bad);
    EXPECT_EQ(Arg(e, "max"), "48");
  }
}

TEST_F(SearchParamsTest, StartsAfter) {
  EXPECT_EQ(Parse({{"starts_after", "2027-02-01"}}).query.starts_after, Date::FromYmd(2027, 2, 1));
  for (const char* bad : {"2027-02-30", "2027-2-1", "01/02/2027", "tomorrow"}) {
    core::Error e = OneError("starts_after", bad);
    EXPECT_EQ(e.id, "date_invalid") << bad;
    EXPECT_EQ(Arg(e, "value"), bad);
  }
}

TEST_F(SearchParamsTest, Sort) {
  EXPECT_EQ(Parse({{"sort", "distance"}}).query.sort, SortOrder::kDistance);
  EXPECT_EQ(Parse({{"sort", "start"}}).query.sort, SortOrder::kStart);
  EXPECT_EQ(Parse({{"sort", "relevance"}}).query.sort, SortOrder::kRelevance);
  core::Error e = OneError("sort", "price");
  EXPECT_EQ(e.id, "unknown_sort");
  EXPECT_EQ(Arg(e, "value"), "price");
}

TEST_F(SearchParamsTest, PageAndPerPage) {
  SearchParams p = Parse({{"page", "3"}, {"per_page", "50"}});
  EXPECT_THAT(p.errors, IsEmpty());
  EXPECT_EQ(p.query.page, 3);
  EXPECT_EQ(p.query.per_page, 50);
  EXPECT_EQ(Parse({{"page", "1000"}}).query.page, 1000);
  EXPECT_EQ(Parse({{"per_page", "100"}}).query.per_page, 100);
  for (const char* bad : {"0", "1001", "-1", "x", "2.5", "99999999999"}) {
    core::Error e = OneError("page", bad);
    EXPECT_EQ(e.id, "page_invalid") << bad;
    EXPECT_EQ(Arg(e, "max"), "1000");
  }
  for (const char* bad : {"0", "101", "all"}) {
    core::Error e = OneError("per_page", bad);
    EXPECT_EQ(e.id, "per_page_out_of_range") << bad;
    EXPECT_EQ(Arg(e, "max"), "100");
  }
}

TEST_F(SearchParamsTest, FirstValueOfAScalarParameterWins) {
  SearchParams p = Parse({{"q", "java"},
                          {"q", "python"},
                          {"page", "2"},
                          {"page", "3"},
                          {"sort", "start"},
                          {"sort", "nonsense"},
                          {"where", "Lille"},
                          {"where", "Paris"}});
  EXPECT_THAT(p.errors, IsEmpty());  // the second sort is not even read
  EXPECT_EQ(p.query.text, "java");
  EXPECT_EQ(p.query.page, 2);
  EXPECT_EQ(p.query.sort, SortOrder::kStart);
  EXPECT_EQ(p.query.place.code, "59350");
  EXPECT_EQ(p.where, "Lille");
}

TEST_F(SearchParamsTest, EmptyValuesAreIgnored) {
  SearchParams p = Parse({{"q", ""},
                          {"where", ""},
                          {"radius_km", ""},
                          {"family", ""},
                          {"profession", ""},
                          {"mode", ""},
                          {"region", ""},
                          {"department", ""},
                          {"level", ""},
                          {"max_months", ""},
                          {"starts_after", ""},
                          {"sort", ""},
                          {"page", ""},
                          {"per_page", ""}});
  EXPECT_THAT(p.errors, IsEmpty());
  EXPECT_THAT(p.unknown, IsEmpty());
  EXPECT_FALSE(p.explicit_radius);
  EXPECT_THAT(p.query.families, IsEmpty());
  EXPECT_THAT(p.query.levels, IsEmpty());
  EXPECT_EQ(p.query.place.kind, core::PlaceKind::kFrance);
  EXPECT_EQ(p.query.page, 1);
}

TEST_F(SearchParamsTest, UnknownParametersAreListed) {
  SearchParams p = Parse({{"foo", "1"}, {"q", "web"}, {"lang", "en"}, {"Q", "x"}});
  EXPECT_THAT(p.unknown, ElementsAre("foo", "lang", "Q"));
  EXPECT_THAT(p.errors, IsEmpty());
  EXPECT_EQ(p.query.text, "web");
}

TEST_F(SearchParamsTest, ExtraKnownParametersAreNotUnknown) {
  SearchParams p = Parse({{"foo", "1"}, {"lang", "en"}}, {"lang"});
  EXPECT_THAT(p.unknown, ElementsAre("foo"));
  EXPECT_THAT(p.errors, IsEmpty());
}

TEST_F(SearchParamsTest, InvalidUtf8) {
  SearchParams in_value = Parse({{"q", "caf\xC3"}});
  ASSERT_EQ(in_value.errors.size(), 1u);
  EXPECT_EQ(in_value.errors[0].id, "invalid_utf8");
  EXPECT_EQ(in_value.errors[0].field, "q");
  EXPECT_EQ(in_value.query.text, "");
  SearchParams in_name = Parse({{"q\xFF", "web"}});
  ASSERT_EQ(in_name.errors.size(), 1u);
  EXPECT_EQ(in_name.errors[0].id, "invalid_utf8");
  EXPECT_EQ(in_name.errors[0].field, "");
  EXPECT_THAT(in_name.unknown, IsEmpty());
  SearchParams where = Parse({{"where", "\xED\xA0\x80"}});
  ASSERT_EQ(where.errors.size(), 1u);
  EXPECT_EQ(where.errors[0].id, "invalid_utf8");
  EXPECT_EQ(where.errors[0].field, "where");
}

TEST_F(SearchParamsTest, EveryProblemIsCollectedInParameterOrder) {
  SearchParams p = Parse({{"page", "x"},
                          {"q", "java"},
                          {"radius_km", "y"},
                          {"family", "nope"},
                          {"where", "Zzzz"},
                          {"sort", "price"}});
  ASSERT_EQ(p.errors.size(), 5u);
  EXPECT_EQ(p.errors[0].field, "page");
  EXPECT_EQ(p.errors[1].field, "radius_km");
  EXPECT_EQ(p.errors[2].field, "family");
  EXPECT_EQ(p.errors[3].field, "where");
  EXPECT_EQ(p.errors[4].field, "sort");
  EXPECT_EQ(p.query.text, "java");  // what was right is still used
}

TEST(SortOrder, NamesRoundTrip) {
  for (SortOrder s : {SortOrder::kRelevance, SortOrder::kDistance, SortOrder::kStart})
    EXPECT_EQ(ParseSortOrder(ToString(s)), s);
  EXPECT_EQ(ToString(SortOrder::kStart), "start");
  EXPECT_FALSE(ParseSortOrder("Distance").has_value());
  EXPECT_FALSE(ParseSortOrder("").has_value());
}

}  // namespace
}  // namespace tremplin::search
