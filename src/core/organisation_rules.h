// What a training organisation's profile must be before it is stored, whoever types it (a
// member in the back office, an administrator creating it): a name, a SIRET that exists, a
// postcode and a commune that go together, and contacts a candidate can use. Pure checks; each
// refusal names its field so that a form shows it in the right place.
#pragma once

#include <string>
#include <vector>

#include "core/geography.h"
#include "core/organisation.h"
#include "core/result.h"

namespace tremplin::core {

inline constexpr size_t kMaxOrganisationNameCharacters = 200;
inline constexpr size_t kMaxOrganisationDescriptionCharacters = 4000;
inline constexpr size_t kMaxOrganisationLineCharacters = 300;  // address, website, email, phone

// The profile as typed (valid UTF-8), field by field; `commune` is a commune's name, or empty
// when the postcode serves one commune only.
struct OrganisationInput {
  std::string siret, name, description, address, postcode, commune, website, email, phone;
  bool qualiopi_certified = false;
};

// The organisation `input` describes, put into `organisation` (its id and is_demo untouched),
// or every reason it cannot be, by field: "siret_*" (core/siret.h),
// "organisation_name_required", "text_too_long" (args name, max), "text_control_character",
// "postcode_invalid" (5 digits), "postcode_not_found", "commune_required" (args choices: the
// communes of the postcode), "commune_not_at_postcode" (args commune, postcode, choices),
// "website_invalid", "email_invalid", "phone_invalid". Values are trimmed; the phone is kept
// as typed once checked (10 digits, or +33 and 9).
std::vector<Error> ReadOrganisationInput(const OrganisationInput& input, const Geography& geography,
                                         Organisation& organisation);

// The input a stored organisation gives back (for a form filled with it).
OrganisationInput InputOf(const Organisation& organisation, const Geography& geography);

}  // namespace tremplin::core
