#include "site/contact_rows.h"

#include "core/place.h"

namespace tremplin::site {
namespace {

void Row(ctemplate::TemplateDictionary& dict, std::string_view key, const std::string& text,
         const std::string& href = "") {
  if (text.empty()) return;
  ctemplate::TemplateDictionary* row = dict.AddSectionDictionary("CONTACT");
  row->SetValue("KEY", Tpl(key));
  if (href.empty()) {
    row->SetValueAndShowSection("TEXT", text, "PLAIN");
  } else {
    ctemplate::TemplateDictionary* link = row->AddSectionDictionary("LINK");
    link->SetValue("HREF", href);
    link->SetValue("TEXT", text);
  }
}

}  // namespace

void FillContactRows(ctemplate::TemplateDictionary& dict, const core::Organisation& org,
                     const core::Geography& geography, core::Lang lang) {
  const core::Messages& m = core::Messages::Builtin();
  std::string address = org.address;
  if (const core::Commune* c = geography.FindCommune(org.commune_code))
    address += (address.empty() ? "" : ", ") + org.postcode + " " + c->name;
  Row(dict, m.Text(lang, "organisation.address"), address);
  bool web = org.website.starts_with("https://") || org.website.starts_with("http://");
  Row(dict, m.Text(lang, "organisation.website"), org.website, web ? org.website : "");
  Row(dict, m.Text(lang, "organisation.email"), org.email,
      org.email.empty() ? "" : "mailto:" + org.email);
  std::string tel;
  for (char c : org.phone)
    if ((c >= '0' && c <= '9') || c == '+') tel += c;
  Row(dict, m.Text(lang, "organisation.phone"), org.phone, tel.empty() ? "" : "tel:" + tel);
  Row(dict, m.Text(lang, "organisation.siret"), org.siret);
  Row(dict, m.Text(lang, "organisation.qualiopi_row"),
      std::string(m.Text(lang, org.qualiopi_certified ? "organisation.qualiopi_yes"
                                                      : "organisation.qualiopi_no")));
}

}  // namespace tremplin::site
