// What a course must be before it is stored, whoever types it, and what may happen to it
// afterwards: the facts a training organisation gives for a new course (title, summary, the
// professions it leads to, delivery mode, length, cost, certification), archiving and restoring
// it, and GEN's label decisions. Pure rules; each refusal names its field so that a form shows
// it in the right place.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/course.h"
#include "core/date.h"
#include "core/result.h"
#include "core/taxonomy.h"

namespace tremplin::core {

inline constexpr int kMinDurationHours = 1;
inline constexpr int kMaxDurationHours = 3000;    // about two years full time
inline constexpr int kMaxDurationWeeks = 156;     // three years
inline constexpr int64_t kMaxCostCents = 10'000'000;  // 100 000 €
inline constexpr size_t kMaxCertificationTitleCharacters = 200;
inline constexpr int kMinCertificationLevel = 3;
inline constexpr int kMaxCertificationLevel = 8;
inline constexpr int kLabelYears = 3;  // a label is granted for three years

// A new course's facts as typed (valid UTF-8), field by field; the form's field names are in
// the comments.
struct CourseInput {
  std::string title;                         // title
  std::string summary;                       // summary
  std::string family_id;                     // family
  std::vector<std::string> profession_ids;   // professions (several)
  std::string mode;                          // mode: "onsite", "blended", "remote"
  std::string duration_hours;                // duration_hours: a whole number
  std::string duration_weeks;                // duration_weeks
  std::string cost;                          // cost: euros, "1 200,50" or "1200.5"
  std::string rncp_code;                     // rncp_code: "RNCP37674", optional
  std::string certification_title;          // certification_title: with an RNCP code
  std::string certification_level;          // certification_level: "3".."8" with an RNCP code
};

// The facts `input` describes, put into `course` (every other field untouched), or every reason
// they cannot be, by field: "course_title_required", "course_summary_required",
// "text_too_long" (args name, max), "text_control_character" (arg name),
// "course_family_required", "course_family_unknown" (arg value), "course_professions_required",
// "course_profession_unknown" (arg value), "course_profession_other_family" (args profession,
// family: ids), "course_mode_invalid", "course_duration_hours_invalid" and
// "course_duration_weeks_invalid" (args min, max), "course_cost_required",
// "course_cost_invalid" (arg value), "course_rncp_invalid" (arg value),
// "course_certification_title_required", "course_certification_level_invalid" (args min, max),
// "course_certification_without_rncp". A profession listed twice counts once; the RNCP code is
// stored in capitals without spaces ("rncp 37674" → "RNCP37674").
std::vector<Error> ReadCourseInput(const CourseInput& input, const Taxonomy& taxonomy, Course& course);

// An amount in euros as people type it — "0", "1200", "1 200", "1 200,50 €", "1200.5" — in
// cents; nullopt when it is not one (negative, more than two decimals, letters).
std::optional<int64_t> ParseEuros(std::string_view text);

// A new course of organisation `organisation_id`: a draft, without label (it waits for GEN's
// decision), no session.
Course NewDraftCourse(int64_t organisation_id);

// Whether GEN ever decided on the course's label (granted it, at any time): false for a new
// course still waiting for its first decision.
bool EverLabelled(const Course& course);

// Whether the course's label is in force on `today`: labelled (or being renewed) and not past
// its expiry date.
bool LabelInForce(const Course& course, Date today);

// An organisation's decision about its course, the form's `action`: "archive" (a draft or a
// published course is no longer offered: gone from search and its page at once) or "restore"
// (an archived course comes back: published when its label is in force on `today`, else a
// draft). Refuses with "course_action_invalid" (field action), "course_already_archived",
// "course_not_archived" (kConflict); `course` is then unchanged.
Status ApplyStatusAction(std::string_view action, Date today, Course& course);

// GEN's decision about a course's label, the form's `action`: "grant" (labelled on `today` for
// kLabelYears; a draft is published, searchable at once, while an archived course stays
// archived — its organisation no longer offers it — until they restore it) or "withdraw" (the label is withdrawn: the
// course leaves search, its page says so). Refuses with "course_action_invalid",
// "course_label_already_withdrawn" (kConflict); `course` is then unchanged.
Status ApplyLabelAction(std::string_view action, Date today, Course& course);

}  // namespace tremplin::core
