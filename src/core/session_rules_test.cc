// Tests of the rules a session follows before it is stored (place, dates, seats) and of what
// its organisation may do with its recruitment, over a small made-up geography shaped like the
// real one.
#include "core/session_rules.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tremplin::core {
namespace {

Commune MakeCommune(std::string code, std::string name, std::string department,
                    std::vector<std::string> postcodes, int population, std::optional<GeoPoint> point,
                    std::string parent = {}) {
  Commune c;
  c.code = std::move(code);
  c.name = std::move(name);
  c.department_code = std::move(department);
  c.region_code = c.department_code == "974" ? "04" : c.department_code == "59" ? "32" : "11";
  c.zone = c.department_code.size() == 3 ? "drom" : "metro";
  c.parent_code = std::move(parent);
  c.postcodes = std::move(postcodes);
  c.population = population;
  c.point = point;
  return c;
}

Geography SmallGeography() {
  return Geography(
      {{"32", "Hauts-de-France"}, {"11", "Île-de-France"}, {"04", "La Réunion"}},
      {{"59", "Nord", "32"}, {"75", "Paris", "11"}, {"93", "Seine-Saint-Denis", "11"}, {"974", "La Réunion", "04"}},
      {
          MakeCommune("59350", "Lille", "59", {"59000", "59160", "59800"}, 236234, GeoPoint{50.6292, 3.0573}),
          MakeCommune("59512", "Roubaix", "59", {"59100"}, 98828, GeoPoint{50.6942, 3.1746}),
          // Its INSEE code is Roubaix's postcode.
          MakeCommune("59100", "Bauvin", "59", {"59221"}, 5300, GeoPoint{50.5167, 2.8931}),
          MakeCommune("75056", "Paris", "75", {"75001", "75011"}, 2133111, GeoPoint{48.8566, 2.3522}),
          MakeCommune("75111", "Paris 11e Arrondissement", "75", {"75011"}, 142583,
                      GeoPoint{48.8590, 2.3800}, "75056"),
          MakeCommune("93066", "Saint-Denis", "93", {"93200", "93210"}, 113942, GeoPoint{48.9362, 2.3574}),
          MakeCommune("97411", "Saint-Denis", "974", {"97400", "97490"}, 153810, GeoPoint{-20.8823, 55.4504}),
          MakeCommune("59999", "Kerbrat", "59", {"59998"}, 120, std::nullopt),
      });
}

class SessionRules : public ::testing::Test {
 protected:
  const Date today_ = Date::FromYmd(2026, 3, 10);
  Geography geography_ = SmallGeography();
  PlaceDirectory places_{geography_};

  SessionInput Valid() const {
    return {.place = "Roubaix",
            .address = "12 rue de l’Épeule",
            .start = "2026-09-14",
            .end = "2027-03-12",
            .enrolment_opens = "01/04/2026",
            .enrolment_closes = "31/08/2026",
            .capacity = "15"};
  }

  // The error ids and fields ReadSessionInput gives for `input`.
  std::vector<std::pair<std::string, std::string>> Errors(const SessionInput& input,
                                                          DeliveryMode mode = DeliveryMode::kOnSite,
                                                          bool is_new = true) {
    Session session;
    std::vector<std::pair<std::string, std::string>> out;
    for (const Error& e : ReadSessionInput(input, mode, places_, today_, is_new, session))
      out.emplace_back(e.id, e.field);
    return out;
  }

  std::string PlaceErrorOf(std::string_view text) {
    Result<const Commune*> commune = ResolveSessionCommune(text, places_);
    return commune.ok() ? "ok " + (*commune)->code : commune.error().id;
  }
};

using Pairs = std::vector<std::pair<std::string, std::string>>;

TEST(SessionDates, FormDatesAreIsoOrFrenchAndRealDays) {
  EXPECT_EQ(ParseFormDate("2027-01-15"), Date::FromYmd(2027, 1, 15));
  EXPECT_EQ(ParseFormDate(" 15/01/2027 "), Date::FromYmd(2027, 1, 15));
  EXPECT_EQ(ParseFormDate("5/1/2027"), Date::FromYmd(2027, 1, 5));
  EXPECT_EQ(ParseFormDate("15-01-2027"), Date::FromYmd(2027, 1, 15));
  EXPECT_EQ(ParseFormDate("15.01.2027"), Date::FromYmd(2027, 1, 15));
  EXPECT_EQ(ParseFormDate("29/02/2028"), Date::FromYmd(2028, 2, 29));  // a leap year
  for (const char* bad : {"", "31/02/2027", "29/02/2027", "2027-02-30", "31/04/2027", "15/13/2027",
                          "00/01/2027", "15/01/27", "15/01-2027", "15 janvier 2027", "2027/01/15",
                          "1/1/20277", "+1/01/2027", "15//2027", "x5/01/2027"})
    EXPECT_EQ(ParseFormDate(bad), std::nullopt) << bad;
}

TEST_F(SessionRules, AValidSessionIsReadWithItsCommuneAndPoint) {
  Session session;
  session.id = 7;
  session.recruitment = RecruitmentState::kFull;
  ASSERT_TRUE(ReadSessionInput(Valid(), DeliveryMode::kOnSite, places_, today_, true, session).empty());
  EXPECT_EQ(session.id, 7);
  EXPECT_EQ(session.recruitment, RecruitmentState::kFull) << "recruitment is not the form's business";
  EXPECT_EQ(session.commune_code, "59512");
  ASSERT_TRUE(session.point.has_value());
  EXPECT_DOUBLE_EQ(session.point->lat, 50.6942);
  EXPECT_EQ(session.address, "12 rue de l’Épeule");
  EXPECT_EQ(session.start, Date::FromYmd(2026, 9, 14));
  EXPECT_EQ(session.end, Date::FromYmd(2027, 3, 12));
  EXPECT_EQ(session.enrolment_opens, Date::FromYmd(2026, 4, 1));
  EXPECT_EQ(session.enrolment_closes, Date::FromYmd(2026, 8, 31));
  EXPECT_EQ(session.capacity, 15);
}

TEST_F(SessionRules, ARemoteSessionHasNoPlaceNorAddress) {
  SessionInput input = Valid();
  input.place = "";
  input.address = "";
  Session session;
  session.commune_code = "59350";
  session.address = "ancienne adresse";
  session.point = GeoPoint{1, 2};
  ASSERT_TRUE(ReadSessionInput(input, DeliveryMode::kRemote, places_, today_, true, session).empty());
  EXPECT_EQ(session.commune_code, "");
  EXPECT_EQ(session.address, "");
  EXPECT_FALSE(session.point.has_value());
  // On site and blended courses need both.
  EXPECT_EQ(Errors(input, DeliveryMode::kBlended),
            (Pairs{{"session_place_required", "place"}, {"session_address_required", "address"}}));
}

TEST_F(SessionRules, PlacesAreCommunesTypedByNamePostcodeOrCode) {
  EXPECT_EQ(PlaceErrorOf("Roubaix"), "ok 59512");
  EXPECT_EQ(PlaceErrorOf("roubaix"), "ok 59512");
  EXPECT_EQ(PlaceErrorOf("Lille"), "ok 59350");
  EXPECT_EQ(PlaceErrorOf("59000"), "ok 59350");  // a postcode
  EXPECT_EQ(PlaceErrorOf("59350"), "ok 59350");  // an INSEE code
  EXPECT_EQ(PlaceErrorOf("Saint-Denis (93)"), "ok 93066");
  EXPECT_EQ(PlaceErrorOf("Saint-Denis 97400"), "ok 97411");
  // A postcode of Paris serves the city and its arrondissement: the arrondissement.
  EXPECT_EQ(PlaceErrorOf("75011"), "ok 75111");
}

TEST_F(SessionRules, AnAmbiguousPlaceListsWhatItCouldMean) {
  Result<const Commune*> homonyms = ResolveSessionCommune("Saint-Denis", places_);
  ASSERT_FALSE(homonyms.ok());
  EXPECT_EQ(homonyms.error().id, "session_place_ambiguous");
  EXPECT_EQ(homonyms.error().field, "place");
  EXPECT_EQ(*homonyms.error().Arg("choices"), "Saint-Denis (974), Saint-Denis (93)");
  // 59100 is Roubaix's postcode and Bauvin's INSEE code.
  Result<const Commune*> code = ResolveSessionCommune("59100", places_);
  ASSERT_FALSE(code.ok());
  EXPECT_EQ(code.error().id, "session_place_ambiguous");
  EXPECT_EQ(*code.error().Arg("choices"), "Bauvin (59), Roubaix (59)");
  EXPECT_EQ(*code.error().Arg("query"), "59100");
}

TEST_F(SessionRules, UnknownPlacesAreasAndUnmappedCommunesAreRefused) {
  EXPECT_EQ(PlaceErrorOf(""), "session_place_required");
  EXPECT_EQ(PlaceErrorOf("   "), "session_place_required");
  EXPECT_EQ(PlaceErrorOf("Zzyzxville"), "session_place_unknown");
  EXPECT_EQ(PlaceErrorOf("00000"), "session_place_unknown");
  EXPECT_EQ(PlaceErrorOf("'; DROP TABLE courses; --"), "session_place_unknown");
  EXPECT_EQ(PlaceErrorOf(std::string(300, 'a')), "session_place_unknown");
  Result<const Commune*> typo = ResolveSessionCommune("Roubaiks", places_);
  ASSERT_FALSE(typo.ok());
  EXPECT_EQ(typo.error().id, "session_place_unknown_suggest");
  EXPECT_EQ(*typo.error().Arg("closest"), "Roubaix");
  EXPECT_EQ(typo.error().Arg("suggestion"), nullptr) << "not a search suggestion link";
  Result<const Commune*> area = ResolveSessionCommune("Nord", places_);
  ASSERT_FALSE(area.ok());
  EXPECT_EQ(area.error().id, "session_place_not_commune");
  EXPECT_EQ(*area.error().Arg("place"), "Nord (59)");
  EXPECT_EQ(PlaceErrorOf("59"), "session_place_not_commune");
  EXPECT_EQ(PlaceErrorOf("Kerbrat"), "session_place_without_coordinates");
}

TEST_F(SessionRules, DatesMustBeRealAndInOrder) {
  SessionInput input = Valid();
  input.start = "31/02/2027";
  input.end = "";
  input.enrolment_opens = "demain";
  input.enrolment_closes = "2026-13-01";
  EXPECT_EQ(Errors(input), (Pairs{{"session_start_invalid", "start"},
                                  {"session_end_invalid", "end"},
                                  {"session_enrolment_opens_invalid", "enrolment_opens"},
                                  {"session_enrolment_closes_invalid", "enrolment_closes"}}));

  input = Valid();
  input.end = "13/09/2026";  // the day before it starts
  EXPECT_EQ(Errors(input), (Pairs{{"session_end_before_start", "end"}}));
  input = Valid();
  input.end = input.start;  // a one-day session
  input.enrolment_closes = "14/09/2026";
  EXPECT_TRUE(Errors(input).empty());

  input = Valid();
  input.enrolment_opens = "01/09/2026";
  input.enrolment_closes = "31/08/2026";
  EXPECT_EQ(Errors(input), (Pairs{{"session_enrolment_closes_before_opens", "enrolment_closes"}}));
  input = Valid();
  input.enrolment_closes = "13/03/2027";  // the day after it ends
  EXPECT_EQ(Errors(input), (Pairs{{"session_enrolment_closes_after_end", "enrolment_closes"}}));
}

TEST_F(SessionRules, StartsWithinTwoYearsAndANewSessionIsNotOver) {
  SessionInput input = Valid();
  input.start = "2028-03-10";  // today + 24 months: the last day allowed
  input.end = "2028-06-30";
  EXPECT_TRUE(Errors(input).empty());
  input.start = "2028-03-11";
  Session session;
  std::vector<Error> errors = ReadSessionInput(input, DeliveryMode::kOnSite, places_, today_, true, session);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].id, "session_start_too_far");
  EXPECT_EQ(*errors[0].Arg("max"), "10/03/2028");

  input = Valid();
  input.start = "2026-01-05";
  input.end = "2026-03-09";  // yesterday
  input.enrolment_opens = "2025-11-01";
  input.enrolment_closes = "2025-12-31";
  EXPECT_EQ(Errors(input), (Pairs{{"session_end_in_past", "end"}}));
  EXPECT_TRUE(Errors(input, DeliveryMode::kOnSite, /*is_new=*/false).empty())
      << "a past session can still be corrected";
  input.end = "2026-03-10";  // ends today
  EXPECT_TRUE(Errors(input).empty());
}

TEST_F(SessionRules, CapacityIsAWholeNumberOfSeatsWithinBounds) {
  for (const char* good : {"1", "500", " 12 "}) {
    SessionInput input = Valid();
    input.capacity = good;
    EXPECT_TRUE(Errors(input).empty()) << good;
  }
  for (const char* bad : {"", "0", "501", "-3", "12.5", "douze", "99999999999"}) {
    SessionInput input = Valid();
    input.capacity = bad;
    EXPECT_EQ(Errors(input), (Pairs{{"session_capacity_invalid", "capacity"}})) << bad;
  }
}

TEST_F(SessionRules, AddressIsOneLineOfBoundedLength) {
  SessionInput input = Valid();
  input.address = "  '; DROP TABLE courses; -- <script>alert(1)</script>  ";
  Session session;
  ASSERT_TRUE(ReadSessionInput(input, DeliveryMode::kOnSite, places_, today_, true, session).empty());
  EXPECT_EQ(session.address, "'; DROP TABLE courses; -- <script>alert(1)</script>");
  input.address = "1 rue\nde la Paix";
  EXPECT_EQ(Errors(input), (Pairs{{"text_control_character", "address"}}));
  input.address = std::string(kMaxSessionAddressCharacters, 'a');
  EXPECT_TRUE(Errors(input).empty());
  input.address += "é";
  EXPECT_EQ(Errors(input), (Pairs{{"text_too_long", "address"}}));
}

TEST_F(SessionRules, AStoredSessionGivesBackAFormThatDesignatesItAgain) {
  Session stored;
  ASSERT_TRUE(ReadSessionInput(Valid(), DeliveryMode::kOnSite, places_, today_, true, stored).empty());
  SessionInput input = InputOf(stored, places_);
  EXPECT_EQ(input.place, "Roubaix (59)");
  EXPECT_EQ(input.start, "2026-09-14");
  EXPECT_EQ(input.enrolment_opens, "2026-04-01");
  EXPECT_EQ(input.capacity, "15");
  Session again;
  ASSERT_TRUE(ReadSessionInput(input, DeliveryMode::kOnSite, places_, today_, false, again).empty());
  EXPECT_EQ(again.commune_code, stored.commune_code);
  EXPECT_EQ(again.start, stored.start);
  // Two communes share the label "Saint-Denis (93)"? Not here; but an arrondissement's
  // label is its own, and a remote session has no place.
  stored.commune_code = "75111";
  EXPECT_EQ(InputOf(stored, places_).place, "Paris 11e Arrondissement (75)");
  stored.commune_code = "";
  EXPECT_EQ(InputOf(stored, places_).place, "");
}

TEST_F(SessionRules, RecruitmentIsClosedByTheOrganisationOrDecidedByDates) {
  Session session;
  ASSERT_TRUE(ReadSessionInput(Valid(), DeliveryMode::kOnSite, places_, today_, true, session).empty());
  EXPECT_EQ(DatesDecide(session, today_), RecruitmentState::kUpcoming);  // opens 1 April
  EXPECT_EQ(DatesDecide(session, Date::FromYmd(2026, 4, 1)), RecruitmentState::kOpen);

  ASSERT_TRUE(ApplyRecruitmentAction("close", today_, session).ok());
  EXPECT_EQ(session.recruitment, RecruitmentState::kClosed);
  EXPECT_EQ(RecruitmentOn(session, Date::FromYmd(2026, 5, 1)), RecruitmentState::kClosed)
      << "closed by the organisation while the dates say open";
  ASSERT_TRUE(ApplyRecruitmentAction("reopen", Date::FromYmd(2026, 5, 1), session).ok());
  EXPECT_EQ(RecruitmentOn(session, Date::FromYmd(2026, 5, 1)), RecruitmentState::kOpen);
  ASSERT_TRUE(ApplyRecruitmentAction("full", today_, session).ok());
  EXPECT_EQ(RecruitmentOn(session, Date::FromYmd(2026, 5, 1)), RecruitmentState::kFull);

  // After its enrolment closing date, reopening would change nothing: refused, unchanged.
  Status late = ApplyRecruitmentAction("reopen", Date::FromYmd(2026, 9, 1), session);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().id, "session_reopen_after_enrolment");
  EXPECT_EQ(late.error().code, ErrorCode::kConflict);
  EXPECT_EQ(session.recruitment, RecruitmentState::kFull);
  for (const char* bad : {"", "open", "CLOSE", "close "}) {
    Status refused = ApplyRecruitmentAction(bad, today_, session);
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.error().id, "session_action_invalid");
    EXPECT_EQ(refused.error().field, "action");
  }
  EXPECT_EQ(session.recruitment, RecruitmentState::kFull);
}

}  // namespace
}  // namespace tremplin::core
