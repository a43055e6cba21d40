#include "auth/password.h"

#include <sodium.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <fstream>
#include <sstream>

#include "text/utf8.h"

namespace tremplin::auth {
namespace {

std::string LowerAscii(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

core::Error PasswordError(std::string id) {
  return core::MakeError(core::ErrorCode::kInvalidArgument, std::move(id), "password");
}

}  // namespace

core::Result<std::string> HashPassword(std::string_view password) {
  if (sodium_init() < 0) return core::MakeError(core::ErrorCode::kInternal, "crypto_unavailable");
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(hash, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    return core::MakeError(core::ErrorCode::kUnavailable, "password_hash_failed");  // out of memory
  return std::string(hash);
}

bool VerifyPassword(std::string_view password, std::string_view hash) {
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES || sodium_init() < 0) return false;
  std::string terminated(hash);
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

core::Result<CommonPasswords> CommonPasswords::Load(const std::vector<std::string>& files) {
  std::unordered_set<std::string> words;
  for (const std::string& file : files) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    boost::system::error_code ec;
    boost::json::value list = boost::json::parse(text.str(), ec);
    if (!in || ec || !list.is_array()) {
      return core::MakeError(core::ErrorCode::kInternal, "password_list_unreadable")
          .With("file", file)
          .With("reason", !in ? "cannot be read" : "not a JSON array");
    }
    for (const boost::json::value& w : list.as_array())
      if (w.is_string()) words.insert(LowerAscii(w.as_string()));
  }
  return CommonPasswords(std::move(words));
}

bool CommonPasswords::Contains(std::string_view password) const {
  return words_.contains(LowerAscii(password));
}

std::optional<core::Error> CheckNewPassword(std::string_view password, std::string_view email,
                                            const CommonPasswords& common) {
  if (password.size() > kMaxPasswordBytes) return PasswordError("password_too_long");
  if (!text::IsValidUtf8(password)) return PasswordError("invalid_utf8");
  if (text::CharacterCount(password) < kMinPasswordCharacters)
    return PasswordError("password_too_short").With("min", std::to_string(kMinPasswordCharacters));
  std::string lower = LowerAscii(password), address = LowerAscii(email);
  std::string name = address.substr(0, address.find('@'));
  if (lower == address || (!name.empty() && lower == name)) return PasswordError("password_is_email");
  if (common.Contains(password)) return PasswordError("password_too_common");
  return std::nullopt;
}

}  // namespace tremplin::auth
