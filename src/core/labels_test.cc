// Tests of how durations, dates, amounts, levels and enumerations read in French and English.
#include "core/labels.h"

#include <gtest/gtest.h>

namespace tremplin::core {
namespace {

// Calendar weeks in `months` months (52 weeks = 12 months).
int WeeksIn(int months) { return months * 52 / 12; }

TEST(DurationLabel, Weeks) {
  EXPECT_EQ(DurationLabel(1, Lang::kFr), "1 semaine");
  EXPECT_EQ(DurationLabel(3, Lang::kFr), "3 semaines");
  EXPECT_EQ(DurationLabel(7, Lang::kFr), "7 semaines");
  EXPECT_EQ(DurationLabel(1, Lang::kEn), "1 week");
  EXPECT_EQ(DurationLabel(3, Lang::kEn), "3 weeks");
}

TEST(DurationLabel, Months) {
  EXPECT_EQ(DurationLabel(WeeksIn(7), Lang::kFr), "7 mois");
  EXPECT_EQ(DurationLabel(WeeksIn(7), Lang::kEn), "7 months");
  EXPECT_EQ(DurationLabel(8, Lang::kFr), "2 mois");
  // Under two years, months read better than "1 an et 6 mois".
  EXPECT_EQ(DurationLabel(WeeksIn(18), Lang::kFr), "18 mois");
  EXPECT_EQ(DurationLabel(WeeksIn(18), Lang::kEn), "18 months");
}

TEST(DurationLabel, Years) {
  EXPECT_EQ(DurationLabel(WeeksIn(12), Lang::kFr), "1 an");
  EXPECT_EQ(DurationLabel(WeeksIn(12), Lang::kEn), "1 year");
  EXPECT_EQ(DurationLabel(WeeksIn(24), Lang::kFr), "2 ans");
  EXPECT_EQ(DurationLabel(WeeksIn(24), Lang::kEn), "2 years");
  EXPECT_EQ(DurationLabel(WeeksIn(36), Lang::kFr), "3 ans");
}

TEST(DurationLabel, YearsAndMonths) {
  EXPECT_EQ(DurationLabel(WeeksIn(30), Lang::kFr), "2 ans et 6 mois");
  EXPECT_EQ(DurationLabel(WeeksIn(30), Lang::kEn), "2 years and 6 months");
  EXPECT_EQ(DurationLabel(WeeksIn(25), Lang::kFr), "2 ans et 1 mois");
}

TEST(DateLabel, FrenchAndEnglish) {
  EXPECT_EQ(DateLabel(Date::FromYmd(2027, 1, 1), Lang::kFr), "1er janvier 2027");
  EXPECT_EQ(DateLabel(Date::FromYmd(2027, 1, 1), Lang::kEn), "1 January 2027");
  EXPECT_EQ(DateLabel(Date::FromYmd(2027, 1, 12), Lang::kFr), "12 janvier 2027");
  EXPECT_EQ(DateLabel(Date::FromYmd(2027, 8, 15), Lang::kFr), "15 août 2027");
  EXPECT_EQ(DateLabel(Date::FromYmd(2027, 12, 31), Lang::kEn), "31 December 2027");
  EXPECT_EQ(DateLabel(Date::FromYmd(2028, 2, 29), Lang::kFr), "29 février 2028");
}

TEST(MoneyLabel, ZeroIsFree) {
  EXPECT_EQ(MoneyLabel(0, Lang::kFr), "Gratuit");
  EXPECT_EQ(MoneyLabel(0, Lang::kEn), "Free");
}

TEST(MoneyLabel, FrenchGroupsThousandsWithANarrowNoBreakSpace) {
  // U+202F between thousands, U+00A0 before the euro sign: neither may break a line.
  EXPECT_EQ(MoneyLabel(120000, Lang::kFr), "1\u202f200\u00a0€");
  EXPECT_EQ(MoneyLabel(1250, Lang::kFr), "12,50\u00a0€");
  EXPECT_EQ(MoneyLabel(100, Lang::kFr), "1\u00a0€");
  EXPECT_EQ(MoneyLabel(5, Lang::kFr), "0,05\u00a0€");
  EXPECT_EQ(MoneyLabel(99999, Lang::kFr), "999,99\u00a0€");
  EXPECT_EQ(MoneyLabel(123456789, Lang::kFr), "1\u202f234\u202f567,89\u00a0€");
}

TEST(MoneyLabel, EnglishPutsTheSignFirst) {
  EXPECT_EQ(MoneyLabel(120000, Lang::kEn), "€1,200");
  EXPECT_EQ(MoneyLabel(1250, Lang::kEn), "€12.50");
  EXPECT_EQ(MoneyLabel(123456789, Lang::kEn), "€1,234,567.89");
  EXPECT_EQ(MoneyLabel(100000000, Lang::kEn), "€1,000,000");
}

TEST(LevelLabel, LevelsAndNoCertification) {
  EXPECT_EQ(LevelLabel(0, Lang::kFr), "Sans certification");
  EXPECT_EQ(LevelLabel(5, Lang::kFr), "Niveau 5 (bac + 2)");
  EXPECT_EQ(LevelLabel(0, Lang::kEn), "No qualification");
  EXPECT_EQ(LevelLabel(6, Lang::kEn), "Level 6 (bachelor’s)");
  for (int level = 3; level <= 8; ++level)
    for (Lang lang : {Lang::kFr, Lang::kEn})
      EXPECT_TRUE(Messages::Builtin().Has(lang, "level." + std::to_string(level))) << level;
}

TEST(EnumLabels, EveryValueHasAText) {
  for (Lang lang : {Lang::kFr, Lang::kEn}) {
    for (DeliveryMode m : {DeliveryMode::kOnSite, DeliveryMode::kBlended, DeliveryMode::kRemote})
      EXPECT_FALSE(ModeLabel(m, lang).starts_with("mode.")) << ToString(m);
    for (RecruitmentState s : {RecruitmentState::kUpcoming, RecruitmentState::kOpen,
                               RecruitmentState::kClosed, RecruitmentState::kFull})
      EXPECT_FALSE(RecruitmentLabel(s, lang).starts_with("recruitment.")) << ToString(s);
    for (LabelState s : {LabelState::kLabelled, LabelState::kRenewalPending, LabelState::kWithdrawn,
                         LabelState::kExpired})
      EXPECT_FALSE(LabelStateLabel(s, lang).starts_with("label_state.")) << ToString(s);
  }
  EXPECT_EQ(ModeLabel(DeliveryMode::kOnSite, Lang::kFr), "Présentiel");
  EXPECT_EQ(RecruitmentLabel(RecruitmentState::kOpen, Lang::kFr), "Inscriptions ouvertes");
  EXPECT_EQ(LabelStateLabel(LabelState::kLabelled, Lang::kFr), "Labellisée");
}

TEST(TaxonomyNames, FrenchOrEnglish) {
  const Family* f = GenTaxonomy().FindFamily("development");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(Name(*f, Lang::kFr), "Développement");
  EXPECT_EQ(Name(*f, Lang::kEn), "Development");
  const Profession* p = GenTaxonomy().FindProfession("web-developer");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(Name(*p, Lang::kFr), p->name_fr);
  EXPECT_EQ(Name(*p, Lang::kEn), p->name_en);
}

}  // namespace
}  // namespace tremplin::core
