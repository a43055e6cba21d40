// Passwords: hashed with argon2id (libsodium's crypto_pwhash_str, its "interactive" cost: about
// 64 MiB and a tenth of a second), and the rules a new password must follow.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/result.h"

namespace tremplin::auth {

// The argon2id hash of `password` in libsodium's self-describing string form.
core::Result<std::string> HashPassword(std::string_view password);

// Whether `password` matches `hash` (false for an empty or malformed hash).
bool VerifyPassword(std::string_view password, std::string_view hash);

inline constexpr size_t kMinPasswordCharacters = 12;
inline constexpr size_t kMaxPasswordBytes = 1024;

// Passwords too common to be accepted, compared in lower case.
class CommonPasswords {
 public:
  // Reads the JSON arrays of strings at `files` (the npm packages @zxcvbn-ts/language-common
  // passwords.json and @zxcvbn-ts/language-fr commonWords.json). Fails with
  // "password_list_unreadable" (args file, reason).
  static core::Result<CommonPasswords> Load(const std::vector<std::string>& files);
  explicit CommonPasswords(std::unordered_set<std::string> words) : words_(std::move(words)) {}
  bool Contains(std::string_view password) const;
  size_t size() const { return words_.size(); }

 private:
  std::unordered_set<std::string> words_;
};

// Why `password` cannot be used by the account `email`, or nullopt when it can: at least
// kMinPasswordCharacters characters ("password_too_short", arg min), at most kMaxPasswordBytes
// ("password_too_long"), valid UTF-8 ("invalid_utf8"), not a common password ("password_too_common"), not the email address
// or its name part ("password_is_email"). The errors' field is "password".
std::optional<core::Error> CheckNewPassword(std::string_view password, std::string_view email,
                                            const CommonPasswords& common);

}  // namespace tremplin::auth
