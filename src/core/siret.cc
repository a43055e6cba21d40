#include "core/siret.h"

namespace tremplin::core {
namespace {

bool AllDigits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// Luhn sum of `digits` where the rightmost digit is in a doubled position when
// `double_rightmost` (used to compute a check digit still to be appended).
int LuhnSum(std::string_view digits, bool double_rightmost) {
  int sum = 0;
  bool doubled = double_rightmost;
  for (size_t i = digits.size(); i-- > 0; doubled = !doubled) {
    int d = digits[i] - '0';
    if (doubled) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum;
}

}  // namespace

bool PassesLuhn(std::string_view digits) {
  return !digits.empty() && AllDigits(digits) && LuhnSum(digits, false) % 10 == 0;
}

char LuhnCheckDigit(std::string_view digits) {
  return static_cast<char>('0' + (10 - LuhnSum(digits, true) % 10) % 10);
}

bool IsValidSiret(std::string_view siret) {
  if (siret.size() != 14 || !AllDigits(siret)) return false;
  std::string_view siren = siret.substr(0, 9);
  if (!PassesLuhn(siren)) return false;
  if (PassesLuhn(siret)) return true;
  if (siren != kLaPosteSiren) return false;
  int sum = 0;
  for (char c : siret) sum += c - '0';
  return sum % 5 == 0;
}

Result<std::string> NormalizeSiret(std::string_view input) {
  std::string digits;
  for (size_t i = 0; i < input.size(); ++i) {
    char c = input[i];
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c == ' ' || c == '\t') {
      continue;
    } else if (input.substr(i, 2) == "\xC2\xA0") {  // U+00A0 no-break space
      ++i;
    } else if (input.substr(i, 3) == "\xE2\x80\xAF") {  // U+202F narrow no-break space
      i += 2;
    } else {
      return MakeError(ErrorCode::kInvalidArgument, "siret_not_digits", "siret")
          .With("value", std::string(input));
    }
  }
  if (digits.size() != 14) {
    return MakeError(ErrorCode::kInvalidArgument, "siret_wrong_length", "siret")
        .With("length", std::to_string(digits.size()));
  }
  if (!IsValidSiret(digits)) {
    return MakeError(ErrorCode::kInvalidArgument, "siret_bad_check_digit", "siret")
        .With("value", digits);
  }
  return digits;
}

}  // namespace tremplin::core
