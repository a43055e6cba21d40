// Tests of the rules a new course's facts follow, of archiving and restoring a course and of
// GEN's label decisions.
#include "core/course_rules.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tremplin::core {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

CourseInput Valid() {
  return {.title = "  Développeur web et web mobile  ",
          .summary = "Apprendre à créer des sites et des applications.",
          .family_id = "development",
          .profession_ids = {"web-developer", "front-end-developer"},
          .mode = "blended",
          .duration_hours = "1190",
          .duration_weeks = "40",
          .cost = "0",
          .rncp_code = "rncp 37674",
          .certification_title = "Développeur web et web mobile",
          .certification_level = "5"};
}

Pairs Errors(const CourseInput& input) {
  Course course;
  Pairs out;
  for (const Error& e : ReadCourseInput(input, GenTaxonomy(), course)) out.emplace_back(e.id, e.field);
  return out;
}

TEST(CourseRules, AValidInputFillsTheCourseFacts) {
  Course course = NewDraftCourse(42);
  course.objectives = "déjà là";
  ASSERT_TRUE(ReadCourseInput(Valid(), GenTaxonomy(), course).empty());
  EXPECT_EQ(course.organisation_id, 42);
  EXPECT_EQ(course.title, "Développeur web et web mobile");
  EXPECT_EQ(course.summary, "Apprendre à créer des sites et des applications.");
  EXPECT_EQ(course.objectives, "déjà là") << "other fields are untouched";
  EXPECT_EQ(course.family_id, "development");
  EXPECT_EQ(course.profession_ids, (std::vector<std::string>{"web-developer", "front-end-developer"}));
  EXPECT_EQ(course.mode, DeliveryMode::kBlended);
  EXPECT_EQ(course.duration_hours, 1190);
  EXPECT_EQ(course.duration_weeks, 40);
  EXPECT_EQ(course.cost_to_learner_cents, 0);
  EXPECT_EQ(course.rncp_code, "RNCP37674");
  EXPECT_EQ(course.certification_title, "Développeur web et web mobile");
  EXPECT_EQ(course.certification_level, 5);
  EXPECT_EQ(course.status, CourseStatus::kDraft);
  EXPECT_EQ(course.label_state, LabelState::kExpired);
  EXPECT_FALSE(course.IsPublished());
  EXPECT_FALSE(course.IsSearchable());
}

TEST(CourseRules, RequiredFieldsAreNamed) {
  CourseInput input;
  EXPECT_EQ(Errors(input), (Pairs{{"course_title_required", "title"},
                                  {"course_summary_required", "summary"},
                                  {"course_family_required", "family"},
                                  {"course_professions_required", "professions"},
                                  {"course_mode_invalid", "mode"},
                                  {"course_duration_hours_invalid", "duration_hours"},
                                  {"course_duration_weeks_invalid", "duration_weeks"},
                                  {"course_cost_required", "cost"}}));
  input = Valid();
  input.summary = " \n ";
  EXPECT_EQ(Errors(input), (Pairs{{"course_summary_required", "summary"}}));
}

TEST(CourseRules, ProfessionsExistAndBelongToTheChosenFamily) {
  CourseInput input = Valid();
  input.profession_ids = {"web-developer", "web-developer"};  // twice counts once
  Course course;
  ASSERT_TRUE(ReadCourseInput(input, GenTaxonomy(), course).empty());
  EXPECT_EQ(course.profession_ids, std::vector<std::string>{"web-developer"});

  input.profession_ids = {"web-developer", "astronaut"};
  EXPECT_EQ(Errors(input), (Pairs{{"course_profession_unknown", "professions"}}));
  const Profession* other = nullptr;
  for (const Profession& p : GenTaxonomy().professions())
    if (p.family_id != "development") other = &p;
  ASSERT_NE(other, nullptr);
  input.profession_ids = {"web-developer", std::string(other->id)};
  std::vector<Error> errors = ReadCourseInput(input, GenTaxonomy(), course);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].id, "course_profession_other_family");
  EXPECT_EQ(*errors[0].Arg("profession"), other->id);
  EXPECT_EQ(*errors[0].Arg("family"), "development");
  input.family_id = "astronomy";
  input.profession_ids = {"web-developer"};
  EXPECT_EQ(Errors(input), (Pairs{{"course_family_unknown", "family"}}));
}

TEST(CourseRules, DurationsAreWholeNumbersWithinBounds) {
  for (auto [hours, weeks] : {std::pair{"1", "1"}, {"3000", "156"}, {" 35 ", "2"}}) {
    CourseInput input = Valid();
    input.duration_hours = hours;
    input.duration_weeks = weeks;
    EXPECT_TRUE(Errors(input).empty()) << hours << " " << weeks;
  }
  for (auto [hours, weeks] : {std::pair{"0", "0"}, {"3001", "157"}, {"-5", "-1"}, {"12,5", "3.5"},
                              {"douze", "deux"}, {"99999999999999", "1e3"}}) {
    CourseInput input = Valid();
    input.duration_hours = hours;
    input.duration_weeks = weeks;
    EXPECT_EQ(Errors(input), (Pairs{{"course_duration_hours_invalid", "duration_hours"},
                                    {"course_duration_weeks_invalid", "duration_weeks"}}))
        << hours << " " << weeks;
  }
}

TEST(CourseRules, EurosAreTypedWithACommaOrAPoint) {
  EXPECT_EQ(ParseEuros("0"), 0);
  EXPECT_EQ(ParseEuros("1200"), 120000);
  EXPECT_EQ(ParseEuros("1 200"), 120000);
  EXPECT_EQ(ParseEuros("1\u202F200,50 \u20AC"), 120050);
  EXPECT_EQ(ParseEuros("1\u00A0200,5"), 120050);
  EXPECT_EQ(ParseEuros("1200.05"), 120005);
  EXPECT_EQ(ParseEuros(" 15€ "), 1500);
  for (const char* bad : {"", "-1", "1,234", "1.200,50", "12,", ",5", "douze", "1e3", "0x10", "€",
                          "1 2 3 4 5 6 7 8 9 0 1 2 3"})
    EXPECT_EQ(ParseEuros(bad), std::nullopt) << bad;

  CourseInput input = Valid();
  input.cost = "100000";
  EXPECT_TRUE(Errors(input).empty());
  input.cost = "100000,01";
  EXPECT_EQ(Errors(input), (Pairs{{"course_cost_invalid", "cost"}}));
  input.cost = "-5";
  EXPECT_EQ(Errors(input), (Pairs{{"course_cost_invalid", "cost"}}));
}

TEST(CourseRules, ACertificationHasItsRncpCodeTitleAndLevel) {
  CourseInput input = Valid();
  input.rncp_code = "37674";  // the digits alone
  Course course;
  ASSERT_TRUE(ReadCourseInput(input, GenTaxonomy(), course).empty());
  EXPECT_EQ(course.rncp_code, "RNCP37674");

  for (const char* bad : {"RNCP", "RNCPXYZ", "RS5678", "RNCP1234567", "RNCP-3767"}) {
    input.rncp_code = bad;
    EXPECT_EQ(Errors(input), (Pairs{{"course_rncp_invalid", "rncp_code"}})) << bad;
  }
  input = Valid();
  input.certification_title = " ";
  input.certification_level = "2";
  EXPECT_EQ(Errors(input), (Pairs{{"course_certification_title_required", "certification_title"},
                                  {"course_certification_level_invalid", "certification_level"}}));
  input.certification_title = "Titre";
  for (const char* level : {"", "9", "cinq"}) {
    input.certification_level = level;
    EXPECT_EQ(Errors(input), (Pairs{{"course_certification_level_invalid", "certification_level"}})) << level;
  }

  // Without a code, a course leads to no certification: a title or a level alone is refused.
  input = Valid();
  input.rncp_code = "";
  EXPECT_EQ(Errors(input), (Pairs{{"course_certification_without_rncp", "rncp_code"}}));
  input.certification_title = "";
  input.certification_level = "";
  course = Course{};
  course.certification_level = 6;
  ASSERT_TRUE(ReadCourseInput(input, GenTaxonomy(), course).empty());
  EXPECT_EQ(course.rncp_code, "");
  EXPECT_EQ(course.certification_level, 0);
}

TEST(CourseRules, TextsKeepTheirLimitsAndRefuseControlCharacters) {
  CourseInput input = Valid();
  input.title = std::string("Titre\0nul", 9);
  input.certification_title = std::string(kMaxCertificationTitleCharacters + 1, 'x');
  EXPECT_EQ(Errors(input), (Pairs{{"text_control_character", "title"}, {"text_too_long", "certification_title"}}));
  input = Valid();
  input.title = "'; DROP TABLE courses; -- \"><img src=x onerror=alert(1)>";
  Course course;
  ASSERT_TRUE(ReadCourseInput(input, GenTaxonomy(), course).empty());
  EXPECT_EQ(course.title, input.title);
}

TEST(CourseStatusActions, ArchiveAndRestoreDependOnTheLabel) {
  const Date today = Date::FromYmd(2026, 3, 10);
  Course course = NewDraftCourse(1);
  ASSERT_TRUE(ApplyStatusAction("archive", today, course).ok());
  EXPECT_EQ(course.status, CourseStatus::kArchived);
  Status again = ApplyStatusAction("archive", today, course);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().id, "course_already_archived");
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  // No label: back to draft.
  ASSERT_TRUE(ApplyStatusAction("restore", today, course).ok());
  EXPECT_EQ(course.status, CourseStatus::kDraft);
  Status not_archived = ApplyStatusAction("restore", today, course);
  ASSERT_FALSE(not_archived.ok());
  EXPECT_EQ(not_archived.error().id, "course_not_archived");

  // A label in force: back to published.
  ASSERT_TRUE(ApplyLabelAction("grant", today, course).ok());
  ASSERT_TRUE(ApplyStatusAction("archive", today, course).ok());
  EXPECT_FALSE(course.IsPublished());
  ASSERT_TRUE(ApplyStatusAction("restore", today, course).ok());
  EXPECT_EQ(course.status, CourseStatus::kPublished);
  // A label past its date: a draft again.
  ASSERT_TRUE(ApplyStatusAction("archive", today, course).ok());
  ASSERT_TRUE(ApplyStatusAction("restore", today.AddMonths(37), course).ok());
  EXPECT_EQ(course.status, CourseStatus::kDraft);

  for (const char* bad : {"", "delete", "Archive"}) {
    Course before = course;
    Status refused = ApplyStatusAction(bad, today, course);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().id, "course_action_invalid");
    EXPECT_EQ(refused.error().field, "action");
    EXPECT_EQ(course.status, before.status);
  }
}

TEST(CourseLabelActions, GrantingPublishesForThreeYearsAndWithdrawingLeavesSearch) {
  const Date today = Date::FromYmd(2026, 3, 10);
  Course course = NewDraftCourse(1);
  EXPECT_FALSE(LabelInForce(course, today));
  ASSERT_TRUE(ApplyLabelAction("grant", today, course).ok());
  EXPECT_EQ(course.label_state, LabelState::kLabelled);
  EXPECT_EQ(course.label_granted_on, today);
  EXPECT_EQ(course.label_expires_on, Date::FromYmd(2029, 3, 10));
  EXPECT_EQ(course.status, CourseStatus::kPublished);
  EXPECT_TRUE(course.IsSearchable());
  EXPECT_TRUE(LabelInForce(course, Date::FromYmd(2029, 3, 10)));
  EXPECT_FALSE(LabelInForce(course, Date::FromYmd(2029, 3, 11)));

  ASSERT_TRUE(ApplyLabelAction("withdraw", today, course).ok());
  EXPECT_EQ(course.label_state, LabelState::kWithdrawn);
  EXPECT_TRUE(course.IsPublished()) << "its page stays, saying so";
  EXPECT_FALSE(course.IsSearchable());
  Status twice = ApplyLabelAction("withdraw", today, course);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().id, "course_label_already_withdrawn");
  Status bad = ApplyLabelAction("revoke", today, course);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().id, "course_action_invalid");

  // Granting again renews from the day of the decision.
  ASSERT_TRUE(ApplyLabelAction("grant", Date::FromYmd(2027, 1, 31), course).ok());
  EXPECT_EQ(course.label_expires_on, Date::FromYmd(2030, 1, 31));
}

// Archiving is the organisation's decision: GEN's label does not undo it. Restoring the course
// later publishes it, its label being in force.
TEST(CourseLabelActions, GrantingALabelToAnArchivedCourseKeepsItArchived) {
  const Date today = Date::FromYmd(2026, 3, 10);
  Course course = NewDraftCourse(1);
  ASSERT_TRUE(ApplyStatusAction("archive", today, course).ok());
  ASSERT_TRUE(ApplyLabelAction("grant", today, course).ok());
  EXPECT_EQ(course.status, CourseStatus::kArchived);
  EXPECT_EQ(course.label_state, LabelState::kLabelled);
  EXPECT_FALSE(course.IsPublished());
  EXPECT_FALSE(course.IsSearchable());
  ASSERT_TRUE(ApplyStatusAction("restore", today, course).ok());
  EXPECT_EQ(course.status, CourseStatus::kPublished);
  EXPECT_TRUE(course.IsSearchable());

  // A published course stays published when its label is renewed.
  ASSERT_TRUE(ApplyLabelAction("grant", today.AddMonths(1), course).ok());
  EXPECT_EQ(course.status, CourseStatus::kPublished);
}

TEST(CourseLabelActions, ACourseWasEverLabelledOnceGenDecidedOnIt) {
  const Date today = Date::FromYmd(2026, 3, 10);
  Course course = NewDraftCourse(1);
  EXPECT_FALSE(EverLabelled(course));
  ASSERT_TRUE(ApplyLabelAction("grant", today, course).ok());
  EXPECT_TRUE(EverLabelled(course));
  ASSERT_TRUE(ApplyLabelAction("withdraw", today, course).ok());
  EXPECT_TRUE(EverLabelled(course));
  // A label expired long ago (imported courses) was a label all the same.
  Course expired = NewDraftCourse(1);
  expired.label_granted_on = Date::FromYmd(2019, 1, 1);
  expired.label_expires_on = Date::FromYmd(2022, 1, 1);
  EXPECT_TRUE(EverLabelled(expired));
}

}  // namespace
}  // namespace tremplin::core
