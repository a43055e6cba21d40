#include "core/organisation_rules.h"

#include <algorithm>

#include "core/place.h"
#include "core/siret.h"
#include "core/text_rules.h"
#include "text/utf8.h"

namespace tremplin::core {
namespace {

Error Invalid(std::string id, std::string field) {
  return MakeError(ErrorCode::kInvalidArgument, std::move(id), std::move(field));
}

// A free text: no control character (line breaks allowed where `multiline`), at most `max`
// characters. Adds the refusal to `errors` and returns false when it is not acceptable.
bool AcceptableText(const std::string& field, std::string_view value, size_t max, bool multiline,
                    std::vector<Error>& errors) {
  if (HasControlCharacter(value, multiline ? Lines::kMany : Lines::kOne)) {
    errors.push_back(Invalid("text_control_character", field).With("name", field));
    return false;
  }
  if (text::CharacterCount(value) > max) {
    errors.push_back(Invalid("text_too_long", field).With("name", field).With("max", std::to_string(max)));
    return false;
  }
  return true;
}

// "http(s)://host…" with a dotted host name and no spaces.
bool LooksLikeWebsite(std::string_view url) {
  std::string_view rest;
  if (url.starts_with("https://")) rest = url.substr(8);
  else if (url.starts_with("http://")) rest = url.substr(7);
  else return false;
  std::string_view host = rest.substr(0, rest.find_first_of("/?#"));
  if (host.empty() || host.find('.') == std::string_view::npos || host.front() == '.' || host.back() == '.')
    return false;
  return std::none_of(url.begin(), url.end(), [](char c) { return c == ' ' || c == '"' || c == '<' || c == '>'; });
}

// A French number as people write it: 10 digits starting with 0, or +33 and 9 digits, with
// spaces, dots or dashes between.
bool LooksLikePhone(std::string_view phone) {
  std::string digits;
  for (size_t i = 0; i < phone.size(); ++i) {
    char c = phone[i];
    if (IsDigit(c)) digits += c;
    else if (c == '+' && i == 0) digits += c;
    else if (c != ' ' && c != '.' && c != '-') return false;
  }
  if (digits.starts_with("+33")) return digits.size() == 12 && digits[3] != '0';
  return digits.size() == 10 && digits[0] == '0';
}

std::string Choices(const std::vector<const Commune*>& communes) {
  std::string choices;
  for (const Commune* c : communes) choices += (choices.empty() ? "" : ", ") + c->name;
  return choices;
}

// The commune at `postcode` named `name` (any name when the postcode serves one commune).
const Commune* ReadCommune(std::string_view postcode, std::string_view name, const Geography& geography,
                           std::vector<Error>& errors) {
  if (postcode.size() != 5 || !AllDigits(postcode)) {
    errors.push_back(Invalid("postcode_invalid", "postcode"));
    return nullptr;
  }
  std::vector<const Commune*> communes = geography.CommunesWithPostcode(postcode);
  if (communes.empty()) {
    errors.push_back(Invalid("postcode_not_found", "postcode").With("query", std::string(postcode)));
    return nullptr;
  }
  if (name.empty()) {
    if (communes.size() == 1) return communes.front();
    errors.push_back(Invalid("commune_required", "commune").With("choices", Choices(communes)));
    return nullptr;
  }
  const std::string wanted = NormalizePlaceName(name);
  for (const Commune* c : communes)
    if (NormalizePlaceName(c->name) == wanted) return c;
  errors.push_back(Invalid("commune_not_at_postcode", "commune")
                       .With("commune", std::string(name))
                       .With("postcode", std::string(postcode))
                       .With("choices", Choices(communes)));
  return nullptr;
}

}  // namespace

std::vector<Error> ReadOrganisationInput(const OrganisationInput& input, const Geography& geography,
                                         Organisation& organisation) {
  std::vector<Error> errors;
  Result<std::string> siret = NormalizeSiret(input.siret);
  if (siret.ok()) organisation.siret = *siret;
  else errors.push_back(siret.error());

  std::string name(Trimmed(input.name));
  if (name.empty()) errors.push_back(Invalid("organisation_name_required", "name"));
  else if (AcceptableText("name", name, kMaxOrganisationNameCharacters, false, errors)) organisation.name = name;

  if (AcceptableText("description", input.description, kMaxOrganisationDescriptionCharacters, true, errors))
    organisation.description = input.description;
  std::string address(Trimmed(input.address));
  if (AcceptableText("address", address, kMaxOrganisationLineCharacters, false, errors))
    organisation.address = address;

  std::string postcode(Trimmed(input.postcode));
  std::string commune_name(Trimmed(input.commune));
  if (AcceptableText("commune", commune_name, kMaxOrganisationLineCharacters, false, errors)) {
    if (const Commune* commune = ReadCommune(postcode, commune_name, geography, errors)) {
      organisation.postcode = postcode;
      organisation.commune_code = commune->code;
    }
  }

  std::string website(Trimmed(input.website));
  if (AcceptableText("website", website, kMaxOrganisationLineCharacters, false, errors)) {
    if (!website.empty() && !LooksLikeWebsite(website)) errors.push_back(Invalid("website_invalid", "website"));
    else organisation.website = website;
  }
  std::string email(Trimmed(input.email));
  if (AcceptableText("email", email, kMaxOrganisationLineCharacters, false, errors)) {
    if (!email.empty() && !PlausibleEmail(email)) errors.push_back(Invalid("email_invalid", "email"));
    else organisation.email = email;
  }
  std::string phone(Trimmed(input.phone));
  if (AcceptableText("phone", phone, kMaxOrganisationLineCharacters, false, errors)) {
    if (!phone.empty() && !LooksLikePhone(phone)) errors.push_back(Invalid("phone_invalid", "phone"));
    else organisation.phone = phone;
  }
  organisation.qualiopi_certified = input.qualiopi_certified;
  return errors;
}

OrganisationInput InputOf(const Organisation& organisation, const Geography& geography) {
  OrganisationInput input;
  input.siret = organisation.siret;
  input.name = organisation.name;
  input.description = organisation.description;
  input.address = organisation.address;
  input.postcode = organisation.postcode;
  if (const Commune* commune = geography.FindCommune(organisation.commune_code)) input.commune = commune->name;
  input.website = organisation.website;
  input.email = organisation.email;
  input.phone = organisation.phone;
  input.qualiopi_certified = organisation.qualiopi_certified;
  return input;
}

}  // namespace tremplin::core
