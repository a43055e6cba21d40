#include "core/organisation_rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace tremplin::core {
namespace {

Commune MakeCommune(std::string code, std::string name, std::vector<std::string> postcodes) {
  Commune c;
  c.code = std::move(code);
  c.name = std::move(name);
  c.department_code = "59";
  c.region_code = "32";
  c.zone = "metro";
  c.postcodes = std::move(postcodes);
  c.population = 1000;
  return c;
}

// Lille and Lezennes share 59260; Roubaix has 59100 to itself.
Geography SmallGeography() {
  return Geography({{"32", "Hauts-de-France"}}, {{"59", "Nord", "32"}},
                   {MakeCommune("59350", "Lille", {"59000", "59260"}),
                    MakeCommune("59343", "Lezennes", {"59260"}),
                    MakeCommune("59512", "Roubaix", {"59100"})});
}

OrganisationInput GoodInput() {
  OrganisationInput input;
  input.siret = "732 829 320 00074";
  input.name = "  Les Ateliers du Code  ";
  input.description = "Formations au développement web.\nÀ Roubaix depuis 2015.";
  input.address = "12 rue des Tilleuls";
  input.postcode = "59100";
  input.website = "https://ateliers.example.org/formations";
  input.email = "contact@ateliers.example.org";
  input.phone = "03 20 00 00 00";
  return input;
}

std::vector<std::string> Ids(const std::vector<Error>& errors) {
  std::vector<std::string> ids;
  for (const Error& e : errors) ids.push_back(e.id + "@" + e.field);
  return ids;
}

class OrganisationRulesTest : public ::testing::Test {
 protected:
  std::vector<Error> Read(const OrganisationInput& input) {
    organisation_ = Organisation{};
    return ReadOrganisationInput(input, geography_, organisation_);
  }
  Geography geography_ = SmallGeography();
  Organisation organisation_;
};

TEST_F(OrganisationRulesTest, AGoodProfileIsReadTrimmedWithItsCommune) {
  ASSERT_THAT(Ids(Read(GoodInput())), ::testing::IsEmpty());
  EXPECT_EQ(organisation_.siret, "73282932000074");
  EXPECT_EQ(organisation_.name, "Les Ateliers du Code");
  EXPECT_EQ(organisation_.commune_code, "59512") << "59100 serves Roubaix only: no name needed";
  EXPECT_EQ(organisation_.postcode, "59100");
  EXPECT_EQ(organisation_.description, GoodInput().description) << "line breaks kept";
  EXPECT_EQ(organisation_.phone, "03 20 00 00 00");
}

TEST_F(OrganisationRulesTest, APostcodeOfSeveralCommunesNeedsTheCommuneAndNamesTheChoices) {
  OrganisationInput input = GoodInput();
  input.postcode = "59260";
  std::vector<Error> errors = Read(input);
  ASSERT_THAT(Ids(errors), ::testing::ElementsAre("commune_required@commune"));
  EXPECT_EQ(*errors[0].Arg("choices"), "Lille, Lezennes");

  input.commune = "lezennes";
  EXPECT_THAT(Ids(Read(input)), ::testing::IsEmpty());
  EXPECT_EQ(organisation_.commune_code, "59343") << "names compare without case or accents";

  input.commune = "Roubaix";
  errors = Read(input);
  ASSERT_THAT(Ids(errors), ::testing::ElementsAre("commune_not_at_postcode@commune"));
  EXPECT_EQ(*errors[0].Arg("choices"), "Lille, Lezennes");
}

TEST_F(OrganisationRulesTest, EveryBadFieldIsNamed) {
  OrganisationInput input;
  input.siret = "732 829 320 00075";
  input.name = "   ";
  input.postcode = "5910";
  input.website = "ateliers.example.org";
  input.email = "contact@";
  input.phone = "03 20 00 00";
  EXPECT_THAT(Ids(Read(input)),
              ::testing::ElementsAre("siret_bad_check_digit@siret", "organisation_name_required@name",
                                     "postcode_invalid@postcode", "website_invalid@website",
                                     "email_invalid@email", "phone_invalid@phone"));
  input = GoodInput();
  input.postcode = "99999";
  EXPECT_THAT(Ids(Read(input)), ::testing::ElementsAre("postcode_not_found@postcode"));
}

TEST_F(OrganisationRulesTest, ControlCharactersAndLengthAreRefused) {
  OrganisationInput input = GoodInput();
  input.name = std::string("Ateliers\0Code", 13);
  input.address = "12 rue\ndes Tilleuls";  // one line
  input.description = std::string(kMaxOrganisationDescriptionCharacters + 1, 'a');
  EXPECT_THAT(Ids(Read(input)),
              ::testing::ElementsAre("text_control_character@name", "text_too_long@description",
                                     "text_control_character@address"));
  input = GoodInput();
  input.description = std::string(kMaxOrganisationDescriptionCharacters, 'a');
  EXPECT_THAT(Ids(Read(input)), ::testing::IsEmpty());
}

TEST_F(OrganisationRulesTest, ContactsAreOptionalButMustWorkWhenGiven) {
  OrganisationInput input = GoodInput();
  input.website = input.email = input.phone = "";
  EXPECT_THAT(Ids(Read(input)), ::testing::IsEmpty());
  for (const char* phone : {"+33 3 20 00 00 00", "03.20.00.00.00", "0320000000", "03-20-00-00-00"}) {
    input.phone = phone;
    EXPECT_THAT(Ids(Read(input)), ::testing::IsEmpty()) << phone;
  }
  for (const char* phone : {"+33 03 20 00 00 00", "3 20 00 00 00", "03 20 00 00 0a", "03 20 00 00 00 00"}) {
    input.phone = phone;
    EXPECT_THAT(Ids(Read(input)), ::testing::ElementsAre("phone_invalid@phone")) << phone;
  }
  input = GoodInput();
  for (const char* site : {"javascript:alert(1)", "https://", "https://localhost", "http://a b.org", "https://x.org/\"onmouseover=\""}) {
    input.website = site;
    EXPECT_THAT(Ids(Read(input)), ::testing::ElementsAre("website_invalid@website")) << site;
  }
  for (const char* email : {"a@b@c.org", "@example.org", "a b@example.org", "a@example"}) {
    input = GoodInput();
    input.email = email;
    EXPECT_THAT(Ids(Read(input)), ::testing::ElementsAre("email_invalid@email")) << email;
  }
}

TEST_F(OrganisationRulesTest, AStoredOrganisationGivesItsInputBack) {
  ASSERT_THAT(Ids(Read(GoodInput())), ::testing::IsEmpty());
  OrganisationInput input = InputOf(organisation_, geography_);
  EXPECT_EQ(input.commune, "Roubaix");
  Organisation again;
  EXPECT_THAT(Ids(ReadOrganisationInput(input, geography_, again)), ::testing::IsEmpty());
  EXPECT_EQ(again.commune_code, organisation_.commune_code);
  EXPECT_EQ(again.siret, organisation_.siret);
}

}  // namespace
}  // namespace tremplin::core
