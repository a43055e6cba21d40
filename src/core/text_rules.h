// What every form of the site does to the text people type, in one place: trimming the spaces
// around it, refusing invisible control characters, reading digits and ids, and telling whether
// a text can be a mail address. Pure functions on UTF-8 text (bytes below 0x80 are ASCII there).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace tremplin::core {

inline constexpr size_t kMaxEmailBytes = 254;  // RFC 5321's limit on a forward path

// `text` without the spaces, tabs and line breaks around it.
std::string_view Trimmed(std::string_view text);

// Whether a text must hold on one line (no tab nor line break either) or may hold several.
enum class Lines { kOne, kMany };

// Whether `text` holds a control character (U+0000–U+001F, U+007F: NUL, escape…) that a person
// cannot see; with Lines::kMany, tabs and line breaks are allowed.
bool HasControlCharacter(std::string_view text, Lines lines = Lines::kOne);

bool IsDigit(char c);
// Whether every character of `text` is an ASCII digit (true for "").
bool AllDigits(std::string_view text);

// The number written with 1 to `max_digits` ASCII digits and nothing else (no sign, no space);
// nullopt otherwise. `max_digits` is at most 9, so the value always fits.
std::optional<int> ParseDigits(std::string_view text, size_t max_digits);

// The id written in `text` ("42"): a whole number above 0, digits only; nullopt otherwise
// (empty, "0", "-3", "4x", "+4", too large).
std::optional<int64_t> ParsePositiveId(std::string_view text);

// Whether `email` has the usual form of a mail address, the one rule for every address typed:
// ASCII, one "@", a local part of at most 64 characters and a dotted domain (no empty label,
// no "-" at either end), at most kMaxEmailBytes in all — a mailbox an SMTP relay can be asked
// to deliver to.
bool PlausibleEmail(std::string_view email);

}  // namespace tremplin::core
