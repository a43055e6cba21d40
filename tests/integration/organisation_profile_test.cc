// An organisation's profile in the back office, against the real server: a member edits the
// description and contacts of their organisation and the public pages show them at once (markup
// escaped, SQL metacharacters intact); the legal identity (name, SIRET, Qualiopi) stays with
// administrators, whatever the form sends; bad values are refused next to their field and
// nothing is stored; another organisation's profile does not exist for a member; administrators
// list every organisation and create new ones (a SIRET used twice is refused).
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "account_fixture.h"

namespace tremplin::integration {
namespace {

constexpr std::string_view kAdminEmail = "admin.reseau@example.org";
constexpr std::string_view kAdminPassword = "le phare éclaire la baie depuis 1902";
constexpr std::string_view kXss = "<script>alert(1)</script>\"><img src=x onerror=alert(1)>";
constexpr std::string_view kSql = "'; DROP TABLE organisations; -- \\ \"";

class SecurityOrganisationProfile : public AccountsFixture {
 protected:
  std::string ProfilePath(int64_t organisation_id) { return "/espace/organismes/" + std::to_string(organisation_id); }

  // The profile form's fields as a browser would send them back, over `changes`.
  std::vector<std::pair<std::string, std::string>> FormOf(const std::string& page,
                                                          const std::vector<std::pair<std::string, std::string>>& changes) {
    std::vector<std::pair<std::string, std::string>> form = {{"csrf", FirstMatch(page, kFormCsrf)}};
    for (const char* name : {"name", "siret", "address", "postcode", "commune", "website", "email", "phone"}) {
      std::smatch value;
      if (std::regex_search(page, value, std::regex(std::string("name=\"") + name + "\" value=\"([^\"]*)\"")))
        form.emplace_back(name, HtmlUnescape(value[1].str()));
    }
    std::smatch description;
    if (std::regex_search(page, description, std::regex(R"re(name="description"[^>]*>([^<]*)</textarea>)re")))
      form.emplace_back("description", HtmlUnescape(description[1].str()));
    for (const auto& [name, value] : changes) {
      auto it = std::find_if(form.begin(), form.end(), [&](const auto& f) { return f.first == name; });
      if (it == form.end()) form.emplace_back(name, value);
      else it->second = value;
    }
    return form;
  }

  std::string PublicPage(int64_t organisation_id) {
    HttpClient client(server_->host(), server_->port());
    HttpResponse r = client.Get("/organismes/" + std::to_string(organisation_id));
    EXPECT_EQ(r.status, 200);
    return r.body;
  }

  void SignInAsAdmin(Browser& browser) {
    CommandResult added = AddUser(kAdminEmail, "Aïcha Admin", "admin", kAdminPassword);
    ASSERT_EQ(added.exit_code, 0) << added.output;
    SignInOrFail(browser, kAdminEmail, kAdminPassword);
  }
};

TEST_F(SecurityOrganisationProfile, MemberEditsTheProfileAndThePublicPageShowsItEscaped) {
  Browser alice(*server_);
  SignInOrFail(alice, kAliceEmail, kAlicePassword);
  const Organisation& org = organisations_[0];
  std::string account = AccountPage(alice);
  EXPECT_NE(account.find("href=\"" + ProfilePath(org.id) + "\""), std::string::npos) << "linked from /espace";

  HttpResponse form = alice.Get(ProfilePath(org.id));
  ASSERT_EQ(form.status, 200);
  EXPECT_EQ(form.Header("Cache-Control"), "no-store");
  const std::string description = std::string(kXss) + "\n" + std::string(kSql);
  HttpResponse saved = alice.Post(ProfilePath(org.id),
                                  FormOf(form.body, {{"description", description},
                                                     {"website", "https://ateliers.example.org/?a=1&b=2"},
                                                     {"phone", "03 20 12 34 56"},
                                                     {"address", std::string(kSql)},
                                                     {"name", "Nom changé par un membre"},
                                                     {"siret", "44306184100047"}}));
  ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 3000);
  EXPECT_EQ(saved.Header("Location"), ProfilePath(org.id) + "?enregistre=1");
  HttpResponse after = alice.Get(saved.Header("Location"));
  EXPECT_NE(after.body.find("Profil enregistré"), std::string::npos);
  EXPECT_EQ(after.body.find(std::string(kXss)), std::string::npos) << "markup comes back escaped in the form";
  EXPECT_NE(after.body.find(HtmlEscape(kXss)), std::string::npos);

  std::string page = PublicPage(org.id);
  EXPECT_EQ(page.find("<script>alert(1)"), std::string::npos);
  EXPECT_EQ(page.find("<img src=x"), std::string::npos);
  EXPECT_NE(page.find(HtmlEscape(kXss)), std::string::npos) << "the public page shows the new description at once";
  EXPECT_NE(page.find(HtmlEscape(kSql)), std::string::npos) << "SQL metacharacters are only characters";
  EXPECT_NE(page.find("03 20 12 34 56"), std::string::npos);
  EXPECT_NE(page.find(HtmlEscape(org.name)), std::string::npos) << "a member cannot rename the organisation";
  EXPECT_EQ(page.find("Nom changé par un membre"), std::string::npos);
}

TEST_F(SecurityOrganisationProfile, BadValuesAreRefusedNextToTheirFieldAndNothingIsStored) {
  Browser alice(*server_);
  SignInOrFail(alice, kAliceEmail, kAlicePassword);
  const Organisation& org = organisations_[0];
  const std::string before = PublicPage(org.id);
  HttpResponse form = alice.Get(ProfilePath(org.id));
  HttpResponse refused = alice.Post(ProfilePath(org.id),
                                    FormOf(form.body, {{"postcode", "5900"},
                                                       {"website", "javascript:alert(1)"},
                                                       {"email", "contact@"},
                                                       {"phone", "12"},
                                                       {"description", "texte\x01invisible"}}));
  EXPECT_EQ(refused.status, 400);
  for (const char* field : {"postcode", "website", "email", "phone", "description"}) {
    EXPECT_NE(refused.body.find(std::string("id=\"") + field + "-error\""), std::string::npos) << field;
    EXPECT_NE(refused.body.find(std::string("href=\"#") + field + "\""), std::string::npos)
        << field << " is linked from the error summary";
  }
  EXPECT_NE(refused.body.find("Le code postal compte 5 chiffres"), std::string::npos);
  EXPECT_NE(refused.body.find("javascript:alert(1)"), std::string::npos) << "what was typed is kept";
  // The messages name the field by its label, as the form shows it, never by its id.
  EXPECT_NE(refused.body.find("Le champ « Présentation » contient un caractère de contrôle invisible"),
            std::string::npos)
      << refused.body;
  EXPECT_EQ(refused.body.find("« description »"), std::string::npos);
  EXPECT_EQ(PublicPage(org.id), before) << "nothing stored";

  HttpResponse too_long = alice.Post(ProfilePath(org.id), FormOf(form.body, {{"address", std::string(301, 'a')}}));
  EXPECT_EQ(too_long.status, 400);
  EXPECT_NE(too_long.body.find("Le champ « Adresse (numéro et rue) » est trop long : 300 caractères au plus."),
            std::string::npos)
      << too_long.body;
  EXPECT_EQ(too_long.body.find("« address »"), std::string::npos);
  HttpResponse english = alice.Post(ProfilePath(org.id) + "?lang=en",
                                    FormOf(form.body, {{"description", "text\x01invisible"}}));
  EXPECT_EQ(english.status, 400);
  EXPECT_NE(english.body.find("The field “Presentation” contains an invisible control character"),
            std::string::npos)
      << english.body;
  EXPECT_EQ(PublicPage(org.id), before) << "nothing stored";

  // A NUL byte makes the form undecodable: refused as a whole, nothing stored.
  HttpResponse nul = alice.Post(ProfilePath(org.id), FormOf(form.body, {{"description", std::string("texte\0nul", 9)}}));
  EXPECT_EQ(nul.status, 400);
  EXPECT_NE(nul.body.find("contient un caractère interdit"), std::string::npos);
  EXPECT_EQ(PublicPage(org.id), before);

  // A postcode of several communes needs the commune, and names them.
  HttpResponse ambiguous = alice.Post(ProfilePath(org.id), FormOf(form.body, {{"postcode", "59260"}, {"commune", ""}}));
  EXPECT_EQ(ambiguous.status, 400);
  EXPECT_NE(ambiguous.body.find("Ce code postal couvre plusieurs communes"), std::string::npos);
  EXPECT_NE(ambiguous.body.find("Lezennes"), std::string::npos);
}

TEST_F(SecurityOrganisationProfile, FormsWithoutTheSessionsTokenAndOtherOrganisationsChangeNothing) {
  Browser alice(*server_);
  SignInOrFail(alice, kAliceEmail, kAlicePassword);
  const Organisation& org = organisations_[0];
  const std::string before = PublicPage(org.id);
  HttpResponse form = alice.Get(ProfilePath(org.id));
  auto fields = FormOf(form.body, {{"description", "Changé sans jeton"}});
  fields.front().second = "0000";
  EXPECT_EQ(alice.Post(ProfilePath(org.id), fields).status, 403);
  fields.erase(fields.begin());
  EXPECT_EQ(alice.Post(ProfilePath(org.id), fields).status, 403);
  EXPECT_EQ(PublicPage(org.id), before);

  // An organisation Alice is not a member of: every id, every method, 404.
  HttpClient client(server_->host(), server_->port());
  json::value listed = ParseJson(client.Get("/api/v1/courses?per_page=50").body);
  int64_t other = 0;
  for (const json::value& course : Member(listed, "results").as_array()) {
    int64_t id = static_cast<int64_t>(Number(Member(Member(course, "organisation"), "id")));
    if (id != organisations_[0].id && id != organisations_[1].id) other = id;
  }
  ASSERT_NE(other, 0);
  const std::string other_before = PublicPage(other);
  for (const std::string& path : {ProfilePath(other), ProfilePath(999999), std::string("/espace/organismes/abc")}) {
    EXPECT_EQ(alice.Get(path).status, 404) << path;
    EXPECT_EQ(alice.Post(path, FormOf(form.body, {{"description", "Intrusion"}})).status, 404) << path;
  }
  EXPECT_EQ(PublicPage(other), other_before);

  Browser bob(*server_);
  SignInOrFail(bob, kBobEmail, kBobPassword);
  EXPECT_EQ(bob.Get(ProfilePath(org.id)).status, 404) << "a reviewer edits no organisation";
  EXPECT_EQ(bob.Get("/espace/organismes").status, 403) << "the list is for administrators";
  EXPECT_EQ(alice.Get("/espace/nouvel-organisme").status, 403);
}

TEST_F(SecurityOrganisationProfile, AdministratorsListCreateAndRenameOrganisations) {
  Browser admin(*server_);
  SignInAsAdmin(admin);
  std::string account = AccountPage(admin);
  EXPECT_NE(account.find("href=\"/espace/organismes\""), std::string::npos);
  HttpResponse list = admin.Get("/espace/organismes");
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find(HtmlEscape(organisations_[0].name)), std::string::npos);

  HttpResponse form = admin.Get("/espace/nouvel-organisme");
  ASSERT_EQ(form.status, 200);
  const std::string csrf = FirstMatch(form.body, kFormCsrf);
  std::vector<std::pair<std::string, std::string>> fields = {
      {"csrf", csrf}, {"name", "Ateliers <b>Numériques</b> d'Hellemmes"}, {"siret", "443 061 841 00047"},
      {"description", "Nouvel organisme."}, {"address", "3 rue Faidherbe"}, {"postcode", "59260"},
      {"commune", "lezennes"}, {"website", ""}, {"email", "contact@ateliers.example.org"}, {"phone", ""},
      {"qualiopi", "1"}};
  HttpResponse created = admin.Post("/espace/nouvel-organisme", fields);
  ASSERT_EQ(created.status, 303) << created.body.substr(0, 3000);
  std::smatch id;
  const std::string location = created.Header("Location");
  ASSERT_TRUE(std::regex_match(location, id, std::regex(R"(/espace/organismes/(\d+)\?enregistre=1)"))) << location;
  HttpResponse profile = admin.Get(location);
  ASSERT_EQ(profile.status, 200);
  EXPECT_NE(profile.body.find("value=\"Lezennes\""), std::string::npos) << "the commune as the directory names it";
  EXPECT_NE(profile.body.find("name=\"qualiopi\" value=\"1\" checked"), std::string::npos);
  list = admin.Get("/espace/organismes");
  EXPECT_NE(list.body.find(HtmlEscape("Ateliers <b>Numériques</b> d'Hellemmes")), std::string::npos)
      << "listed at once, escaped";
  EXPECT_EQ(list.body.find("<b>Numériques</b>"), std::string::npos);

  // The same SIRET again: refused next to the field, nothing created.
  HttpResponse again = admin.Post("/espace/nouvel-organisme", fields);
  EXPECT_EQ(again.status, 409);
  EXPECT_NE(again.body.find("id=\"siret-error\""), std::string::npos);
  EXPECT_NE(again.body.find("Un organisme avec ce numéro SIRET existe déjà"), std::string::npos);

  // An administrator may rename a member's organisation; the public page follows at once.
  const Organisation& org = organisations_[0];
  form = admin.Get(ProfilePath(org.id));
  ASSERT_EQ(form.status, 200);
  HttpResponse renamed = admin.Post(ProfilePath(org.id), FormOf(form.body, {{"name", "Organisme renommé"}}));
  ASSERT_EQ(renamed.status, 303) << renamed.body.substr(0, 3000);
  EXPECT_NE(PublicPage(org.id).find("Organisme renommé"), std::string::npos);
}

TEST_F(SecurityOrganisationProfile, TheFormSpeaksEnglishOnRequest) {
  Browser alice(*server_);
  SignInOrFail(alice, kAliceEmail, kAlicePassword);
  HttpResponse form = alice.Get(ProfilePath(organisations_[0].id) + "?lang=en");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("Contact email address"), std::string::npos);
  EXPECT_NE(form.body.find("action=\"" + ProfilePath(organisations_[0].id) + "?lang=en\""), std::string::npos);
  HttpResponse refused = alice.Post(ProfilePath(organisations_[0].id) + "?lang=en",
                                    FormOf(form.body, {{"postcode", "5900"}}));
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("A postcode has 5 digits"), std::string::npos);
}

}  // namespace
}  // namespace tremplin::integration
