// SIRET numbers: the 14-digit identifier of a French establishment (9-digit SIREN of the legal
// unit + 5-digit NIC), checked with the Luhn algorithm as INSEE defines it.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace tremplin::core {

// The SIREN of La Poste, whose establishments are numbered with a different rule: the sum of
// the 14 digits of their SIRET is a multiple of 5 (Luhn is not guaranteed).
inline constexpr std::string_view kLaPosteSiren = "356000000";

// True when `digits` is non-empty, made of ASCII digits only and passes the Luhn check.
bool PassesLuhn(std::string_view digits);

// The digit ('0'..'9') that, appended to `digits` (ASCII digits only), makes a number that
// passes the Luhn check.
char LuhnCheckDigit(std::string_view digits);

// True when `siret` is exactly 14 ASCII digits (no spaces), its SIREN (first 9 digits) passes
// Luhn, and the 14 digits pass Luhn — or, for La Poste (SIREN 356000000), their sum is a
// multiple of 5.
bool IsValidSiret(std::string_view siret);

// The 14 digits of `input` once spaces are removed (ASCII space, tab, no-break spaces U+00A0
// and U+202F, as in "123 456 789 00012"). Fails with kInvalidArgument on field "siret":
// "siret_not_digits" when anything else than digits and spaces is present (arg "value"),
// "siret_wrong_length" when there are not 14 digits (arg "length": how many there were),
// "siret_bad_check_digit" when the check fails (arg "value": the 14 digits).
Result<std::string> NormalizeSiret(std::string_view input);

}  // namespace tremplin::core
