#include "auth/permissions.h"

#include <algorithm>

namespace tremplin::auth {

bool CanEditOrganisationData(const store::User& user, int64_t organisation_id) {
  if (user.disabled) return false;
  switch (user.role) {
    case store::Role::kAdmin:
      return true;
    case store::Role::kMember:
      return std::find(user.organisation_ids.begin(), user.organisation_ids.end(), organisation_id) !=
             user.organisation_ids.end();
    case store::Role::kReviewer:
      return false;
  }
  return false;
}

std::string RoleDescription(core::Lang lang, store::Role role) {
  return std::string(
      core::Messages::Builtin().Text(lang, "account.role_" + std::string(store::ToString(role))));
}

}  // namespace tremplin::auth
