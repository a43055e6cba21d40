#include "core/course_rules.h"

#include <algorithm>

#include "core/course_texts.h"
#include "core/text_rules.h"

namespace tremplin::core {
namespace {

constexpr std::string_view kEuroSign = "\u20AC";
// Spaces people put between thousands: ordinary, no-break (U+00A0) and narrow no-break (U+202F).
constexpr std::string_view kSpaces[] = {" ", "\u00A0", "\u202F"};

// A whole number of at most 6 digits, spaces around allowed; nullopt otherwise.
std::optional<int> ParseCount(std::string_view text) { return ParseDigits(Trimmed(text), 6); }

void ReadProfessions(const CourseInput& input, const Taxonomy& taxonomy, const Family* family,
                     Course& course, std::vector<Error>& errors) {
  std::vector<std::string> ids;
  for (const std::string& raw : input.profession_ids) {
    std::string id(Trimmed(raw));
    if (id.empty() || std::find(ids.begin(), ids.end(), id) != ids.end()) continue;
    const Profession* profession = taxonomy.FindProfession(id);
    if (!profession) {
      errors.push_back(MakeError(ErrorCode::kInvalidArgument, "course_profession_unknown", "professions").With("value", id));
    } else if (family && profession->family_id != family->id) {
      errors.push_back(MakeError(ErrorCode::kInvalidArgument, "course_profession_other_family", "professions")
                           .With("profession", id)
                           .With("family", std::string(family->id)));
    }
    ids.push_back(std::move(id));
  }
  if (ids.empty()) errors.push_back(MakeError(ErrorCode::kInvalidArgument, "course_professions_required", "professions"));
  course.profession_ids = std::move(ids);
}

void ReadCertification(const CourseInput& input, Course& course, std::vector<Error>& errors) {
  std::string code;
  for (char c : input.rncp_code)
    if (c != ' ') code += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  code = std::string(Trimmed(code));
  Result<std::string> title =
      CheckTextLine("certification_title", input.certification_title, kMaxCertificationTitleCharacters);
  if (!title.ok()) errors.push_back(title.error());
  std::string level_text(Trimmed(input.certification_level));

  if (code.empty()) {
    if ((title.ok() && !title->empty()) || !level_text.empty())
      errors.push_back(MakeError(ErrorCode::kInvalidArgument, "course_certification_without_rncp", "rncp_code"));
    course.rncp_code.clear();
    course.certification_title.clear();
    course.certification_level = 0;
    return;
  }
  if (AllDigits(code)) code = "RNCP" + code;
  std::string_view digits = std::string_view(code).substr(std::min<size_t>(4, code.size()));
  bool well_formed = code.starts_with("RNCP") && !digits.empty() && digits.size() <= 6 &&
                     AllDigits(digits);
  if (!well_formed) errors.push_back(MakeError(ErrorCode::kInvalidArgument, "course_rncp_invalid", "rncp_code").With("value", std::string(Trimmed(input.rncp_code))));
  if (title.ok() && title->empty()) errors.push_back(MakeError(ErrorCode::kInvalidArgument, "course_certification_title_required", "certification_title"));
  std::optional<int> level = ParseCount(level_text);
  if (!level || *level < kMinCertificationLevel || *level > kMaxCertificationLevel) {
    errors.push_back(MakeError(ErrorCode::kInvalidArgument, "course_certification_level_invalid", "certification_level")
                         .With("min", std::to_string(kMinCertificationLevel))
                         .With("max", std::to_string(kMaxCertificationLevel)));
  }
  course.rncp_code = code;
  if (title.ok()) course.certification_title = *title;
  course.certification_level = level.value_or(0);
}

}  // namespace

std::optional<int64_t> ParseEuros(std::string_view raw) {
  std::string text(Trimmed(raw));
  if (text.ends_with(kEuroSign)) text.resize(text.size() - kEuroSign.size());
  for (std::string_view space : kSpaces)
    for (size_t at = text.find(space); at != std::string::npos; at = text.find(space, at)) text.erase(at, space.size());
  size_t separator = text.find_first_of(",.");
  std::string_view whole = std::string_view(text).substr(0, separator);
  std::string_view decimals =
      separator == std::string::npos ? std::string_view() : std::string_view(text).substr(separator + 1);
  if (whole.empty() || whole.size() > 12 || decimals.size() > 2 ||
      (separator != std::string::npos && decimals.empty()) ||
      !AllDigits(whole) || !AllDigits(decimals))
    return std::nullopt;
  int64_t cents = 0;
  for (char c : whole) cents = cents * 10 + (c - '0');
  cents *= 100;
  if (!decimals.empty()) cents += (decimals[0] - '0') * 10 + (decimals.size() == 2 ? decimals[1] - '0' : 0);
  return cents;
}

std::vector<Error> ReadCourseInput(const CourseInput& input, const Taxonomy& taxonomy, Course& course) {
  std::vector<Error> errors;
  Result<std::string> title = CheckCourseText("title", input.title);
  if (title.ok()) course.title = *title;
  else errors.push_back(title.error());
  Result<std::string> summary = CheckCourseText("summary", input.summary);
  if (!summary.ok()) errors.push_back(summary.error());
  else if (Trimmed(*summary).empty()) errors.push_back(MakeError(ErrorCode::kInvalidArgument, "course_summary_required", "summary"));
  else course.summary = std::string(Trimmed(*summary));

  std::string family_id(Trimmed(input.family_id));
  const Family* family = taxonomy.FindFamily(family_id);
  if (family_id.empty()) errors.push_back(MakeError(ErrorCode::kInvalidArgument, "course_family_required", "family"));
  else if (!family) errors.push_back(MakeError(ErrorCode::kInvalidArgument, "course_family_unknown", "family").With("value", family_id));
  else course.family_id = family_id;
  ReadProfessions(input, taxonomy, family, course, errors);

  if (std::optional<DeliveryMode> mode = ParseDeliveryMode(Trimmed(input.mode))) course.mode = *mode;
  else errors.push_back(MakeError(ErrorCode::kInvalidArgument, "course_mode_invalid", "mode"));

  std::optional<int> hours = ParseCount(input.duration_hours);
  if (hours && *hours >= kMinDurationHours && *hours <= kMaxDurationHours) {
    course.duration_hours = *hours;
  } else {
    errors.push_back(MakeError(ErrorCode::kInvalidArgument, "course_duration_hours_invalid", "duration_hours")
                         .With("min", std::to_string(kMinDurationHours))
                         .With("max", std::to_string(kMaxDurationHours)));
  }
  std::optional<int> weeks = ParseCount(input.duration_weeks);
  if (weeks && *weeks >= 1 && *weeks <= kMaxDurationWeeks) {
    course.duration_weeks = *weeks;
  } else {
    errors.push_back(MakeError(ErrorCode::kInvalidArgument, "course_duration_weeks_invalid", "duration_weeks")
                         .With("min", "1")
                         .With("max", std::to_string(kMaxDurationWeeks)));
  }

  std::optional<int64_t> cost = ParseEuros(input.cost);
  if (Trimmed(input.cost).empty()) errors.push_back(MakeError(ErrorCode::kInvalidArgument, "course_cost_required", "cost"));
  else if (!cost || *cost > kMaxCostCents)
    errors.push_back(MakeError(ErrorCode::kInvalidArgument, "course_cost_invalid", "cost").With("value", std::string(Trimmed(input.cost))));
  else course.cost_to_learner_cents = *cost;

  ReadCertification(input, course, errors);
  return errors;
}

Course NewDraftCourse(int64_t organisation_id) {
  Course course;
  course.organisation_id = organisation_id;
  course.status = CourseStatus::kDraft;
  course.label_state = LabelState::kExpired;
  return course;
}

bool EverLabelled(const Course& course) {
  return course.label_state != LabelState::kExpired || course.label_granted_on != Date();
}

bool LabelInForce(const Course& course, Date today) {
  bool labelled = course.label_state == LabelState::kLabelled || course.label_state == LabelState::kRenewalPending;
  return labelled && course.label_expires_on >= today;
}

Status ApplyStatusAction(std::string_view action, Date today, Course& course) {
  if (action == "archive") {
    if (course.status == CourseStatus::kArchived) return MakeError(ErrorCode::kConflict, "course_already_archived", "action");
    course.status = CourseStatus::kArchived;
    return Ok{};
  }
  if (action == "restore") {
    if (course.status != CourseStatus::kArchived) return MakeError(ErrorCode::kConflict, "course_not_archived", "action");
    course.status = LabelInForce(course, today) ? CourseStatus::kPublished : CourseStatus::kDraft;
    return Ok{};
  }
  return MakeError(ErrorCode::kInvalidArgument, "course_action_invalid", "action");
}

Status ApplyLabelAction(std::string_view action, Date today, Course& course) {
  if (action == "grant") {
    course.label_state = LabelState::kLabelled;
    course.label_granted_on = today;
    course.label_expires_on = today.AddMonths(12 * kLabelYears);
    // A draft was waiting for this decision; an archived course stays archived (its
    // organisation no longer offers it: restoring it is theirs to decide, and then publishes it).
    if (course.status == CourseStatus::kDraft) course.status = CourseStatus::kPublished;
    return Ok{};
  }
  if (action == "withdraw") {
    if (course.label_state == LabelState::kWithdrawn) return MakeError(ErrorCode::kConflict, "course_label_already_withdrawn", "action");
    course.label_state = LabelState::kWithdrawn;
    return Ok{};
  }
  return MakeError(ErrorCode::kInvalidArgument, "course_action_invalid", "action");
}

}  // namespace tremplin::core
