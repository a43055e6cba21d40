// The back office's pure rules on arbitrary text, as its forms send it: the course, session and
// organisation forms (core/course_rules, session_rules, organisation_rules) and the readers they
// share (core/text_rules, dates, amounts, SIRET). Input: one form field per line; the first
// line's first byte also chooses the delivery mode of the session form and the Qualiopi box.
// The forms pass only valid UTF-8 to the rules (they answer "invalid_utf8" first), so does this.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/course_rules.h"
#include "core/date.h"
#include "core/organisation_rules.h"
#include "core/session_rules.h"
#include "core/siret.h"
#include "core/taxonomy.h"
#include "core/text_rules.h"
#include "fuzz_support.h"
#include "text/utf8.h"

using namespace tremplin;

namespace {

// The readers every form uses, on one field, with the properties their callers rely on.
void ReadOneField(const std::string& field) {
  core::Trimmed(field);
  core::HasControlCharacter(field, core::Lines::kOne);
  core::HasControlCharacter(field, core::Lines::kMany);
  core::PlausibleEmail(field);
  if (std::optional<int> digits = core::ParseDigits(field, 9); digits && *digits < 0) __builtin_trap();
  if (std::optional<int64_t> id = core::ParsePositiveId(field); id && *id <= 0) __builtin_trap();
  if (std::optional<int64_t> cents = core::ParseEuros(field); cents && *cents < 0) __builtin_trap();
  if (std::optional<core::Date> date = core::Date::Parse(field)) {
    if (core::Date::Parse(date->ToIso()) != date) __builtin_trap();
  }
  if (std::optional<core::Date> date = core::ParseFormDate(field)) {
    if (core::ParseFormDate(date->ToIso()) != date) __builtin_trap();
  }
  if (core::Result<std::string> siret = core::NormalizeSiret(field); siret.ok()) {
    if (!core::IsValidSiret(*siret)) __builtin_trap();
  }
}

const std::string& At(const std::vector<std::string>& fields, size_t i) {
  static const std::string kEmpty;
  return i < fields.size() ? fields[i] : kEmpty;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = fuzz::AsText(data, size);
  if (!text::IsValidUtf8(text)) return 0;
  std::vector<std::string> fields = fuzz::Fields(text, 12);
  for (const std::string& field : fields) ReadOneField(field);
  uint8_t choice = size > 0 ? data[0] : 0;
  core::Date today = fuzz::FuzzToday();

  core::CourseInput course_input{.title = At(fields, 0),
                                 .summary = At(fields, 1),
                                 .family_id = At(fields, 2),
                                 .profession_ids = {At(fields, 3), At(fields, 4)},
                                 .mode = At(fields, 5),
                                 .duration_hours = At(fields, 6),
                                 .duration_weeks = At(fields, 7),
                                 .cost = At(fields, 8),
                                 .rncp_code = At(fields, 9),
                                 .certification_title = At(fields, 10),
                                 .certification_level = At(fields, 11)};
  core::Course course = core::NewDraftCourse(1);
  core::ReadCourseInput(course_input, core::GenTaxonomy(), course);
  core::ApplyStatusAction(At(fields, 0), today, course);
  core::ApplyLabelAction(At(fields, 1), today, course);
  core::LabelInForce(course, today);

  core::SessionInput session_input{.place = At(fields, 0),
                                   .address = At(fields, 1),
                                   .start = At(fields, 2),
                                   .end = At(fields, 3),
                                   .enrolment_opens = At(fields, 4),
                                   .enrolment_closes = At(fields, 5),
                                   .capacity = At(fields, 6)};
  static constexpr core::DeliveryMode kModes[] = {core::DeliveryMode::kOnSite,
                                                  core::DeliveryMode::kBlended,
                                                  core::DeliveryMode::kRemote};
  core::Session session;
  std::vector<core::Error> errors = core::ReadSessionInput(
      session_input, kModes[choice % 3], fuzz::SmallPlaces(), today, (choice & 8) != 0, session);
  if (errors.empty()) {
    core::InputOf(session, fuzz::SmallPlaces());
    core::DatesDecide(session, today);
    core::ApplyRecruitmentAction(At(fields, 7), today, session);
  }

  core::OrganisationInput organisation_input{.siret = At(fields, 0),
                                             .name = At(fields, 1),
                                             .description = At(fields, 2),
                                             .address = At(fields, 3),
                                             .postcode = At(fields, 4),
                                             .commune = At(fields, 5),
                                             .website = At(fields, 6),
                                             .email = At(fields, 7),
                                             .phone = At(fields, 8),
                                             .qualiopi_certified = (choice & 16) != 0};
  core::Organisation organisation;
  if (core::ReadOrganisationInput(organisation_input, fuzz::SmallGeography(), organisation).empty()) {
    core::InputOf(organisation, fuzz::SmallGeography());
  }
  return 0;
}
