// Secret tokens (session cookies, CSRF, later invitation and reset links): 32 random bytes in
// hex, and the SHA-256 under which the database knows a token without holding it.
#pragma once

#include <string>
#include <string_view>

namespace tremplin::auth {

std::string RandomToken();
std::string TokenHash(std::string_view token);
// Compares without an early exit, so the time taken says nothing of how much matched.
bool SameToken(std::string_view a, std::string_view b);

}  // namespace tremplin::auth
