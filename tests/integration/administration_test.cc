// The GEN administrators' pages about people and mail, against the real server with real
// sign-ins: the list of accounts (roles, organisations, states, filters); one account's name,
// role and organisations, which apply to the person's next page at once; disabling (sessions
// gone, sign-in refused with the usual answer) and enabling again; signing someone out
// everywhere; an administrator who cannot disable or demote themself; every change in the audit
// log (never a password hash); forms without the session's CSRF token refused with nothing
// changed; members and reviewers refused everywhere; markup escaped and SQL metacharacters kept;
// and the mail outbox, where a mail the SMTP server cannot take shows its error and is put back
// to be tried at once.
//
// The suites' names start with "Security": CTest labels them `security` too.
#include <gtest/gtest.h>
#include <stdio.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <memory>
#include <regex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "account_fixture.h"

namespace tremplin::integration {
namespace {

using namespace std::chrono_literals;
using Fields = std::vector<std::pair<std::string, std::string>>;

constexpr std::string_view kAdminEmail = "ada.lovelace@example.org";
constexpr std::string_view kAdminName = "Ada Lovelace";
constexpr std::string_view kAdminPassword = "la machine analytique tisse des motifs";
constexpr std::string_view kXss = "<script>alert(1)</script>";
constexpr std::string_view kSql = "'; DROP TABLE users; -- \"guillemets\" \\ fin";

// The messages the pages must show (src/core/messages/administration.toml).
constexpr std::string_view kSaved = "Modifications enregistrées.";
constexpr std::string_view kSelfDisable =
    "Vous ne pouvez pas désactiver votre propre compte : demandez-le à un·e autre "
    "administrateur·rice.";
constexpr std::string_view kSelfDemote =
    "Vous ne pouvez pas retirer votre propre rôle d’administrateur·rice";

// The table row of `page` that contains `needle` ("" when none does).
std::string RowOf(const std::string& page, std::string_view needle) {
  size_t at = page.find(needle);
  if (at == std::string::npos) return "";
  size_t start = page.rfind("<tr", at);
  size_t end = page.find("</tr>", at);
  if (start == std::string::npos || end == std::string::npos) return "";
  return page.substr(start, end - start);
}

class SecurityAdministration : public AccountsFixture {
 protected:
  void SetUp() override {
    AccountsFixture::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    CommandResult admin = AddUser(kAdminEmail, kAdminName, "admin", kAdminPassword);
    ASSERT_EQ(admin.exit_code, 0) << admin.output;
    admin_ = NewBrowser();
    ASSERT_NO_FATAL_FAILURE(SignInOrFail(*admin_, kAdminEmail, kAdminPassword));
    std::string list = UsersPage();
    for (auto [name, id] :
         {std::pair{kAdminName, &admin_id_}, {kAliceName, &alice_id_}, {kBobName, &bob_id_}}) {
      *id = UserIdIn(list, name);
      ASSERT_FALSE(id->empty()) << "no link to the account of " << name << " in\n" << list;
    }
  }

  // The id in the list's link to the account named `name` ("" when absent).
  static std::string UserIdIn(const std::string& list, std::string_view name) {
    static const std::regex kLink(R"re(<a href="/espace/utilisateurs/(\d+)">)re");
    std::string text = HtmlEscape(name) + "</a>";
    for (auto it = std::sregex_iterator(list.begin(), list.end(), kLink);
         it != std::sregex_iterator(); ++it)
      if (list.compare(it->position() + it->length(), text.size(), text) == 0)
        return (*it)[1].str();
    return "";
  }

  std::string UserPath(const std::string& id) { return "/espace/utilisateurs/" + id; }

  std::string UsersPage(std::string_view query = "") {
    HttpResponse r = admin_->Get("/espace/utilisateurs" + std::string(query));
    EXPECT_EQ(r.status, 200) << r.body.substr(0, 2000);
    EXPECT_EQ(r.Header("Cache-Control"), "no-store");
    return r.body;
  }

  std::string AdminCsrf() {
    HttpResponse r = admin_->Get(UserPath(admin_id_));
    EXPECT_EQ(r.status, 200);
    return FirstMatch(r.body, kFormCsrf);
  }

  // The profile form of account `id` as the administrator sends it.
  HttpResponse Save(const std::string& id, std::string_view name, std::string_view role,
                    const std::vector<int64_t>& organisations, std::string csrf = "") {
    Fields form = {{"csrf", csrf.empty() ? AdminCsrf() : csrf},
                   {"action", "save"},
                   {"name", std::string(name)},
                   {"role", std::string(role)}};
    for (int64_t o : organisations) form.emplace_back("organisation", std::to_string(o));
    return admin_->Post(UserPath(id), form);
  }

  HttpResponse Act(const std::string& id, std::string_view action) {
    return admin_->Post(UserPath(id), {{"csrf", AdminCsrf()}, {"action", std::string(action)}});
  }

  // A query's output from the sqlite3 tool, read-only (the query must not contain '"').
  std::string Sql(const std::string& query) {
    std::string path = database_.substr(std::string_view("sqlite:").size());
    std::string command = "sqlite3 -readonly '" + path + "' \"" + query + "\" 2>&1";
    std::string out;
    if (FILE* pipe = popen(command.c_str(), "r")) {
      char buffer[4096];
      while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
      pclose(pipe);
    }
    return out;
  }
  // The audit log's entries of accounts and mails: "action entity before after" lines.
  std::string AdministrationAudit() {
    return Sql(
        "SELECT action, entity, actor, before_state, after_state FROM audit_log "
        "WHERE action LIKE 'user.%' AND action <> 'user.create' OR action LIKE 'mail.%' ORDER BY "
        "id");
  }

  // A course of organisation `organisation_id`, from the public API.
  std::string CourseOf(int64_t organisation_id) {
    HttpClient client(server_->host(), server_->port());
    json::value listed = ParseJson(client.Get("/api/v1/courses?per_page=50").body);
    for (const json::value& course : Member(listed, "results").as_array())
      if (static_cast<int64_t>(Number(Member(Member(course, "organisation"), "id"))) ==
          organisation_id)
        return std::to_string(static_cast<int64_t>(Number(Member(course, "id"))));
    return "";
  }

  std::unique_ptr<Browser> admin_;
  std::string admin_id_, alice_id_, bob_id_;
};

// The list: every account with its role, organisations (by name) and state, sorted by name,
// with the link to the invitation page; the filters by text and role.
TEST_F(SecurityAdministration, AdministratorListsEveryAccountWithRolesAndOrganisations) {
  std::string list = UsersPage();
  EXPECT_TRUE(Contains(list, R"(href="/espace/utilisateurs/inviter")"))
      << "no link to invite someone";
  EXPECT_TRUE(Contains(list, "Inviter une personne"));
  std::string alice = RowOf(list, HtmlEscape(kAliceName));
  EXPECT_TRUE(Contains(alice, std::string(kAliceEmail))) << alice;
  EXPECT_TRUE(Contains(alice, "Membre d’organisme")) << alice;
  EXPECT_TRUE(Contains(alice, HtmlEscape(organisations_[0].name))) << alice;
  EXPECT_TRUE(Contains(alice, HtmlEscape(organisations_[1].name))) << alice;
  EXPECT_TRUE(Contains(alice, "Actif")) << alice;
  std::string bob = RowOf(list, HtmlEscape(kBobName));
  EXPECT_TRUE(Contains(bob, "Évaluateur·rice")) << bob;
  EXPECT_TRUE(Contains(bob, "Aucun")) << bob;
  EXPECT_TRUE(Contains(RowOf(list, HtmlEscape(kAdminName)), "Administrateur·rice"));
  // Ada, Alice, Bob: by name.
  size_t ada = list.find(HtmlEscape(kAdminName)), alice_at = list.find(HtmlEscape(kAliceName)),
         bob_at = list.find(HtmlEscape(kBobName));
  EXPECT_LT(ada, alice_at);
  EXPECT_LT(alice_at, bob_at);
  EXPECT_TRUE(Contains(list, "3 comptes"));

  std::string durand = UsersPage("?q=DURAND");  // case and accents do not count
  EXPECT_TRUE(Contains(durand, HtmlEscape(kBobName)));
  EXPECT_FALSE(Contains(durand, HtmlEscape(kAliceName)));
  std::string members = UsersPage("?role=member");
  EXPECT_TRUE(Contains(members, HtmlEscape(kAliceName)));
  EXPECT_FALSE(Contains(members, HtmlEscape(kBobName)));
  EXPECT_TRUE(Contains(UsersPage("?q=zzz-personne"), "Aucun compte ne correspond à ces critères."));
  HttpResponse bad_role = admin_->Get("/espace/utilisateurs?role=superuser");
  EXPECT_EQ(bad_role.status, 400);
  EXPECT_TRUE(Contains(bad_role.body, "Le rôle « superuser » n’existe pas")) << bad_role.body;
  HttpResponse bad_text = admin_->Get("/espace/utilisateurs?q=%FF%FE");
  EXPECT_EQ(bad_text.status, 400);
  EXPECT_TRUE(IsValidUtf8(bad_text.body));
  // In English.
  HttpResponse english = admin_->Get("/espace/utilisateurs?lang=en");
  EXPECT_EQ(english.status, 200);
  EXPECT_TRUE(Contains(english.body, "Organisation member"));
  EXPECT_TRUE(Contains(english.body, R"(href="/espace/utilisateurs/inviter?lang=en")"));
}

// Alice loses organisation A: her account page no longer shows it and her editor of one of its
// courses answers 404, at once; the change is audited with the organisations before and after.
TEST_F(SecurityAdministration, ChangingAMembersOrganisationsAppliesToHerNextPage) {
  const std::string course_of_a = CourseOf(organisations_[0].id),
                    course_of_b = CourseOf(organisations_[1].id);
  ASSERT_FALSE(course_of_a.empty());
  ASSERT_FALSE(course_of_b.empty());
  auto alice = NewBrowser();
  ASSERT_NO_FATAL_FAILURE(SignInOrFail(*alice, kAliceEmail, kAlicePassword));
  EXPECT_EQ(alice->Get("/espace/formations/" + course_of_a).status, 200);

  HttpResponse form = admin_->Get(UserPath(alice_id_));
  ASSERT_EQ(form.status, 200);
  EXPECT_EQ(form.Header("Cache-Control"), "no-store");
  EXPECT_TRUE(Contains(form.body, "Compte : Alice Martin"));
  EXPECT_TRUE(
      Contains(form.body, "value=\"" + std::to_string(organisations_[0].id) + "\" checked"));
  EXPECT_TRUE(Contains(form.body, R"(value="member" checked)"));

  HttpResponse saved = Save(alice_id_, kAliceName, "member", {organisations_[1].id});
  ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 3000);
  EXPECT_EQ(saved.Header("Location"), UserPath(alice_id_) + "?enregistre=1");
  HttpResponse shown = admin_->Get(saved.Header("Location"));
  EXPECT_TRUE(Contains(shown.body, kSaved)) << shown.body;
  EXPECT_FALSE(
      Contains(shown.body, "value=\"" + std::to_string(organisations_[0].id) + "\" checked"));

  std::string account = AccountPage(*alice);
  EXPECT_TRUE(Contains(account, HtmlEscape(organisations_[1].name)));
  EXPECT_FALSE(Contains(account, HtmlEscape(organisations_[0].name)));
  EXPECT_EQ(alice->Get("/espace/formations/" + course_of_a).status, 404);
  EXPECT_EQ(alice->Get("/espace/formations/" + course_of_b).status, 200);
  std::string row = RowOf(UsersPage(), HtmlEscape(kAliceName));
  EXPECT_FALSE(Contains(row, HtmlEscape(organisations_[0].name))) << row;

  std::string audit = AdministrationAudit();
  const std::string a = std::to_string(organisations_[0].id),
                    b = std::to_string(organisations_[1].id);
  EXPECT_TRUE(Contains(audit, "user.edit|user:" + alice_id_ + "|user:" + admin_id_)) << audit;
  EXPECT_TRUE(Contains(audit, R"("organisation_ids":[)" + a + "," + b + "]")) << audit;
  EXPECT_TRUE(Contains(audit, R"("organisation_ids":[)" + b + "]")) << audit;
  EXPECT_FALSE(Contains(audit, "argon2")) << "a password hash in the audit log";
  std::vector<std::string> verify = TestServer::GlobalArgs(database_);
  verify.insert(verify.end(), {"audit", "verify"});
  CommandResult verified = RunTremplin(verify, dir_.path());
  EXPECT_EQ(verified.exit_code, 0) << verified.output;

  // Saving the same values again changes nothing and adds nothing to the log.
  HttpResponse again = Save(alice_id_, kAliceName, "member", {organisations_[1].id});
  EXPECT_EQ(again.Header("Location"), UserPath(alice_id_) + "?inchange=1");
  EXPECT_EQ(AdministrationAudit(), audit);
}

// The organisations of an account: hers as ticked checkboxes (untick to remove), every other
// organisation of the network once in one select (choose to add), whose "None" sends an empty
// value that changes nothing. The form stays short whatever the size of the network.
TEST_F(SecurityAdministration, AnAccountsOrganisationsAreTickedAndTheOthersAddedFromOneSelect) {
  const std::string a = std::to_string(organisations_[0].id), b = std::to_string(organisations_[1].id);
  HttpResponse form = admin_->Get(UserPath(alice_id_));
  ASSERT_EQ(form.status, 200);
  // Alice has A and B: two checkboxes, the first one the error summary's target.
  std::regex checkbox(R"re(<input type="checkbox" id="([^"]+)" name="organisation" value="(\d+)" checked>)re");
  std::vector<std::string> ticked;
  for (std::sregex_iterator it(form.body.begin(), form.body.end(), checkbox), end; it != end; ++it)
    ticked.push_back((*it)[1].str() + "=" + (*it)[2].str());
  ASSERT_EQ(ticked.size(), 2u) << form.body;
  EXPECT_TRUE(ticked[0].starts_with("organisations=")) << ticked[0];
  // One select with "None" first, then the other organisations, without hers.
  size_t select = form.body.find(R"(<select class="t-select" id="organisation-add" name="organisation">)");
  ASSERT_NE(select, std::string::npos) << form.body;
  std::string options = form.body.substr(select, form.body.find("</select>", select) - select);
  EXPECT_TRUE(Contains(options, R"(<option value="">Aucun</option>)")) << options.substr(0, 300);
  EXPECT_FALSE(Contains(options, "value=\"" + a + "\"")) << "her organisation A offered again";
  EXPECT_FALSE(Contains(options, "value=\"" + b + "\""));
  // The network's other organisations are offered: the first of them, C, is the one added.
  std::smatch first_other;
  ASSERT_TRUE(std::regex_search(options, first_other, std::regex(R"re(<option value="(\d+)">)re"))) << options.substr(0, 300);
  const std::string c = first_other[1].str();
  EXPECT_GT(std::count(options.begin(), options.end(), '\n'), 10) << "the whole network, one option each";

  // Unticking A, keeping B, choosing C: B and C.
  HttpResponse saved = admin_->Post(UserPath(alice_id_), {{"csrf", AdminCsrf()}, {"action", "save"},
                                                        {"name", std::string(kAliceName)}, {"role", "member"},
                                                        {"organisation", b}, {"organisation", c}});
  ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 3000);
  HttpResponse shown = admin_->Get(UserPath(alice_id_));
  EXPECT_TRUE(Contains(shown.body, "name=\"organisation\" value=\"" + b + "\" checked"));
  EXPECT_TRUE(Contains(shown.body, "name=\"organisation\" value=\"" + c + "\" checked"));
  EXPECT_FALSE(Contains(shown.body, "name=\"organisation\" value=\"" + a + "\" checked"));
  EXPECT_TRUE(Contains(shown.body, "<option value=\"" + a + "\">")) << "A can be added again";

  // The select left on "None": nothing added, nothing refused.
  HttpResponse none = admin_->Post(UserPath(alice_id_), {{"csrf", AdminCsrf()}, {"action", "save"},
                                                       {"name", std::string(kAliceName)}, {"role", "member"},
                                                       {"organisation", b}, {"organisation", c}, {"organisation", ""}});
  EXPECT_EQ(none.status, 303) << none.body.substr(0, 3000);
  EXPECT_EQ(none.Header("Location"), UserPath(alice_id_) + "?inchange=1");
  // A reviewer has none: the select alone, which the error summary then leads to.
  HttpResponse reviewer = admin_->Get(UserPath(bob_id_));
  EXPECT_FALSE(Contains(reviewer.body, R"(type="checkbox" id="organisations")"));
  EXPECT_TRUE(Contains(reviewer.body, R"(<select class="t-select" id="organisations" name="organisation">)"));
}

// Bob disabled: his open session ends, he cannot sign in (the answer a wrong password gets);
// enabled again, he can. Both audited.
TEST_F(SecurityAdministration, DisablingEndsTheSessionsAndRefusesSignInUntilEnabled) {
  auto bob = NewBrowser();
  ASSERT_NO_FATAL_FAILURE(SignInOrFail(*bob, kBobEmail, kBobPassword));
  HttpResponse disabled = Act(bob_id_, "disable");
  ASSERT_EQ(disabled.status, 303) << disabled.body.substr(0, 3000);
  EXPECT_EQ(disabled.Header("Location"), UserPath(bob_id_) + "?desactive=1");
  EXPECT_TRUE(SignedOut(*bob)) << "Bob's session survived";
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM user_sessions WHERE user_id = " + bob_id_), "0\n");
  Browser again(*server_);
  HttpResponse refused = SignIn(again, kBobEmail, kBobPassword);
  EXPECT_EQ(refused.status, 401);
  EXPECT_TRUE(Contains(refused.body, kLoginFailed)) << "not the usual answer";
  EXPECT_EQ(refused.body.find("désactivé"), std::string::npos)
      << "the answer tells the account is disabled";
  EXPECT_TRUE(Contains(RowOf(UsersPage(), HtmlEscape(kBobName)), "Désactivé"));
  HttpResponse page = admin_->Get(UserPath(bob_id_));
  EXPECT_TRUE(Contains(page.body, R"(name="action" value="enable")"));
  EXPECT_FALSE(Contains(page.body, R"(name="action" value="disable")"));

  HttpResponse enabled = Act(bob_id_, "enable");
  ASSERT_EQ(enabled.status, 303);
  EXPECT_EQ(enabled.Header("Location"), UserPath(bob_id_) + "?reactive=1");
  EXPECT_EQ(SignInStatus(kBobEmail, kBobPassword), 303);
  std::string audit = AdministrationAudit();
  EXPECT_TRUE(Contains(
      audit,
      "user.disable|user:" + bob_id_ + "|user:" + admin_id_ +
          R"(|{"name":"Bob Durand","role":"reviewer","organisation_ids":[],"disabled":false}|)"
          R"({"name":"Bob Durand","role":"reviewer","organisation_ids":[],"disabled":true})"))
      << audit;
  EXPECT_TRUE(Contains(audit, "user.enable|user:" + bob_id_)) << audit;
}

// "Sign out everywhere" for someone else: every session of theirs ends; audited.
TEST_F(SecurityAdministration, SigningSomeoneOutEverywhereEndsAllTheirSessions) {
  auto phone = NewBrowser(), laptop = NewBrowser();
  ASSERT_NO_FATAL_FAILURE(SignInOrFail(*phone, kAliceEmail, kAlicePassword));
  ASSERT_NO_FATAL_FAILURE(SignInOrFail(*laptop, kAliceEmail, kAlicePassword));
  HttpResponse ended = Act(alice_id_, "sign_out");
  ASSERT_EQ(ended.status, 303);
  EXPECT_EQ(ended.Header("Location"), UserPath(alice_id_) + "?deconnecte=1");
  EXPECT_TRUE(SignedOut(*phone));
  EXPECT_TRUE(SignedOut(*laptop));
  EXPECT_FALSE(SignedOut(*admin_));
  EXPECT_EQ(SignInStatus(kAliceEmail, kAlicePassword), 303) << "she can sign in again";
  EXPECT_TRUE(Contains(AdministrationAudit(), "user.sign_out_everywhere|user:" + alice_id_));
}

// The administrator's own account: no button to disable it, and a forged form is refused with
// a message saying whom to ask; demoting themself too. They stay an administrator.
TEST_F(SecurityAdministration, AdministratorCannotDisableOrDemoteThemself) {
  HttpResponse own = admin_->Get(UserPath(admin_id_));
  ASSERT_EQ(own.status, 200);
  EXPECT_FALSE(Contains(own.body, R"(name="action" value="disable")"));
  EXPECT_TRUE(Contains(own.body, "C’est votre compte"));

  HttpResponse disable = Act(admin_id_, "disable");
  EXPECT_EQ(disable.status, 409);
  EXPECT_TRUE(Contains(disable.body, kSelfDisable)) << disable.body;
  HttpResponse demote = Save(admin_id_, kAdminName, "reviewer", {});
  EXPECT_EQ(demote.status, 400);
  EXPECT_TRUE(Contains(demote.body, kSelfDemote)) << demote.body;
  EXPECT_TRUE(Contains(demote.body, R"(id="role-error")"));
  EXPECT_FALSE(SignedOut(*admin_));
  EXPECT_TRUE(Contains(RowOf(UsersPage(), HtmlEscape(kAdminName)), "Administrateur·rice"));
  EXPECT_EQ(Sql("SELECT role || disabled_at FROM users WHERE id = " + admin_id_), "admin\n");
  EXPECT_EQ(AdministrationAudit(), "");
}

// Forms without the session's CSRF token, or with another one: 403, and nothing changes.
TEST_F(SecurityAdministration, FormsWithoutTheSessionsCsrfTokenAreRefusedAndChangeNothing) {
  auto bob = NewBrowser();
  ASSERT_NO_FATAL_FAILURE(SignInOrFail(*bob, kBobEmail, kBobPassword));
  auto other = NewBrowser();
  ASSERT_NO_FATAL_FAILURE(SignInOrFail(*other, kAliceEmail, kAlicePassword));
  const std::string others_token = FirstMatch(AccountPage(*other), kFormCsrf);
  ASSERT_FALSE(others_token.empty());
  for (const std::string& csrf : {std::string(), std::string("0123"), others_token}) {
    SCOPED_TRACE("csrf \"" + csrf + "\"");
    for (const Fields& form :
         {Fields{{"action", "save"}, {"name", "Bob Piraté"}, {"role", "admin"}},
          Fields{{"action", "disable"}}, Fields{{"action", "sign_out"}}}) {
      Fields sent = form;
      if (!csrf.empty()) sent.emplace_back("csrf", csrf);
      HttpResponse r = admin_->Post(UserPath(bob_id_), sent);
      EXPECT_EQ(r.status, 403) << form[0].second;
      EXPECT_TRUE(Contains(r.body, kCsrfRefused));
    }
    EXPECT_EQ(
        admin_
            ->Post("/espace/courriels/1/renvoyer", csrf.empty() ? Fields{} : Fields{{"csrf", csrf}})
            .status,
        403);
  }
  EXPECT_FALSE(SignedOut(*bob));
  EXPECT_EQ(
      Sql("SELECT name || '|' || role || '|' || disabled_at FROM users WHERE id = " + bob_id_),
      "Bob Durand|reviewer|\n");
  EXPECT_EQ(AdministrationAudit(), "");
}

// Members and reviewers: 403 on every administrators' page, even with their own valid CSRF
// token in the form; nothing changes.
TEST_F(SecurityAdministration, MembersAndReviewersAreRefusedEveryAdministrationPage) {
  for (auto [email, password] :
       {std::pair{kAliceEmail, kAlicePassword}, {kBobEmail, kBobPassword}}) {
    SCOPED_TRACE(email);
    auto browser = NewBrowser();
    ASSERT_NO_FATAL_FAILURE(SignInOrFail(*browser, email, password));
    const std::string csrf = FirstMatch(AccountPage(*browser), kFormCsrf);
    for (const std::string& path :
         {std::string("/espace/utilisateurs"), UserPath(alice_id_), UserPath(bob_id_),
          UserPath("999999"), std::string("/espace/courriels")})
      EXPECT_EQ(browser->Get(path).status, 403) << path;
    for (const std::string& id : {alice_id_, bob_id_}) {
      HttpResponse r = browser->Post(
          UserPath(id), {{"csrf", csrf}, {"action", "save"}, {"name", "Promu"}, {"role", "admin"}});
      EXPECT_EQ(r.status, 403);
      EXPECT_EQ(browser->Post(UserPath(id), {{"csrf", csrf}, {"action", "disable"}}).status, 403);
    }
    EXPECT_EQ(browser->Post("/espace/courriels/1/renvoyer", {{"csrf", csrf}}).status, 403);
  }
  EXPECT_EQ(Sql("SELECT name || '|' || role FROM users WHERE id IN (" + alice_id_ + ", " + bob_id_ +
                ") ORDER BY id"),
            "Alice Martin|member\nBob Durand|reviewer\n");
  EXPECT_EQ(AdministrationAudit(), "");
}

TEST_F(SecurityAdministration, UnknownAccountsAndMailsAre404) {
  const std::string csrf = AdminCsrf();
  for (const char* id : {"999999", "0", "-1", "abc", "1e3"}) {
    SCOPED_TRACE(id);
    EXPECT_EQ(admin_->Get(UserPath(id)).status, 404);
    EXPECT_EQ(admin_->Post(UserPath(id), {{"csrf", csrf}, {"action", "disable"}}).status, 404);
    EXPECT_EQ(
        admin_->Post("/espace/courriels/" + std::string(id) + "/renvoyer", {{"csrf", csrf}}).status,
        404);
  }
  EXPECT_EQ(AdministrationAudit(), "");
}

// Bad values are refused next to their field (status 400), what was typed is kept, nothing is
// stored.
TEST_F(SecurityAdministration, InvalidProfilesAreRefusedNextToTheirFieldAndNothingIsStored) {
  struct Case {
    std::string name, role;
    std::vector<int64_t> organisations;
    std::string field, message;
  };
  const int64_t a = organisations_[0].id;
  for (const Case& c :
       {Case{"   ", "member", {a}, "name", "Indiquez le prénom et le nom de la personne."},
        Case{"Alice\nMartin", "member", {a}, "name", "Le nom doit tenir sur une ligne"},
        Case{std::string(201, 'x'),
             "member",
             {a},
             "name",
             "Le nom est trop long : 200 caractères au plus."},
        Case{"Alice", "superuser", {a}, "role", "Choisissez le rôle de la personne"},
        Case{"Alice", "member", {}, "organisations", "Cochez au moins un organisme"},
        Case{"Alice", "reviewer", {a}, "organisations", "Décochez les organismes"},
        Case{"Alice",
             "member",
             {999999},
             "organisations",
             "Un des organismes choisis n’existe pas"}}) {
    SCOPED_TRACE(c.field + ": " + c.message);
    HttpResponse r = Save(alice_id_, c.name, c.role, c.organisations);
    EXPECT_EQ(r.status, 400);
    EXPECT_TRUE(Contains(r.body, c.message)) << r.body.substr(0, 4000);
    EXPECT_TRUE(Contains(r.body, "id=\"" + c.field + "-error\""));
    EXPECT_TRUE(Contains(r.body, "href=\"#" + c.field + "\"")) << "the summary links to the field";
    EXPECT_TRUE(Contains(r.body, "id=\"" + c.field + "\""));
  }
  HttpResponse typed = Save(alice_id_, "Alice Typée", "member", {});
  EXPECT_TRUE(Contains(typed.body, R"(value="Alice Typée")")) << "what was typed is lost";
  HttpResponse garbled = admin_->PostRaw(
      UserPath(alice_id_), "csrf=" + AdminCsrf() + "&action=save&name=%FF%FE&role=member");
  EXPECT_EQ(garbled.status, 400);
  EXPECT_TRUE(IsValidUtf8(garbled.body));
  HttpResponse unknown_action =
      admin_->Post(UserPath(alice_id_), {{"csrf", AdminCsrf()}, {"action", "delete"}});
  EXPECT_EQ(unknown_action.status, 400);
  EXPECT_EQ(Sql("SELECT name || '|' || role FROM users WHERE id = " + alice_id_),
            "Alice Martin|member\n");
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM user_organisations WHERE user_id = " + alice_id_), "2\n");
  EXPECT_EQ(AdministrationAudit(), "");
}

// Markup in names (typed in the form or given to `tremplin user add`) comes back escaped on the
// list and the account page; SQL metacharacters are stored and shown as they are.
TEST_F(SecurityAdministration, MarkupInNamesIsEscapedAndSqlMetacharactersKeptIntact) {
  const std::string markup = "Zoé " + std::string(kXss);
  CommandResult added = AddUser("zoe@example.org", markup, "member", "une phrase de passe pour zoé",
                                {organisations_[0].id});
  ASSERT_EQ(added.exit_code, 0) << added.output;
  std::string list = UsersPage();
  const std::string zoe = UserIdIn(list, markup);
  ASSERT_FALSE(zoe.empty()) << list;
  EXPECT_TRUE(Contains(list, "Zoé &lt;script&gt;alert(1)&lt;/script&gt;"));
  std::string page = admin_->Get(UserPath(zoe)).body;
  EXPECT_TRUE(Contains(page, "Compte : Zoé &lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_TRUE(Contains(page, "value=\"Zoé &lt;script&gt;alert(1)&lt;/script&gt;\""));

  ASSERT_EQ(Save(bob_id_, kXss, "reviewer", {}).status, 303);
  ASSERT_EQ(Save(alice_id_, kSql, "member", {organisations_[0].id}).status, 303);
  list = UsersPage();
  EXPECT_TRUE(Contains(list, HtmlEscape(kSql))) << "SQL metacharacters not shown intact";
  EXPECT_TRUE(Contains(list, HtmlEscape(kXss)));
  EXPECT_TRUE(Contains(list, HtmlEscape(kAdminName))) << "the users table is gone";
  for (const std::string& shown :
       {list, admin_->Get(UserPath(bob_id_)).body, admin_->Get(UserPath(alice_id_)).body,
        UsersPage("?q=" + EncodeQueryComponent(kXss))}) {
    EXPECT_FALSE(Contains(shown, "<script>alert(1)")) << "markup not escaped";
  }
  EXPECT_TRUE(
      Contains(admin_->Get(UserPath(alice_id_)).body, "value=\"" + HtmlEscape(kSql) + "\""));
  EXPECT_EQ(Sql("SELECT name FROM users WHERE id = " + alice_id_), std::string(kSql) + "\n");
  // Found by the filter, quotes and all.
  EXPECT_TRUE(Contains(UsersPage("?q=" + EncodeQueryComponent("DROP TABLE users; -- \"")),
                       HtmlEscape(kSql)));
}

// The outbox page, with the server's [mail] pointing where nothing listens: a mail that cannot
// leave shows its error; "renvoyer" makes it due at once (attempts afresh, audited), and the
// sender tries it again; a mail already sent is not sent again.
class SecurityAdministrationMail : public SecurityAdministration {
 protected:
  void SetUp() override {
    SecurityAdministration::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    uint16_t port = FreeLoopbackPort();
    ASSERT_NE(port, 0);
    config_ = dir_.path() / "tremplin.toml";
    std::ofstream(config_) << "[mail]\nurl = \"smtp://127.0.0.1:" << port
                           << "\"\nfrom = \"gen@example.org\"\nstarttls = false\n";
    std::string error;
    ASSERT_EQ(server_->Stop(&error), 0) << error;
    server_ = TestServer::Start(
        &error, {.database = database_, .global_args = {"--config", config_.string()}});
    ASSERT_TRUE(server_) << error;
    admin_ = NewBrowser();  // sessions live in the database: a new connection to the new server
    ASSERT_NO_FATAL_FAILURE(SignInOrFail(*admin_, kAdminEmail, kAdminPassword));
  }

  CommandResult QueueTestMail(const std::string& to) {
    std::vector<std::string> args = {"--config", config_.string()};
    for (const std::string& a : TestServer::GlobalArgs(database_)) args.push_back(a);
    args.insert(args.end(), {"mail", "test", "--to", to});
    return RunTremplin(args, dir_.path());
  }

  // The outbox page once `done` holds for it (or after 20 s).
  std::string MailsPageWhen(const std::function<bool(const std::string&)>& done) {
    std::string page;
    for (auto deadline = std::chrono::steady_clock::now() + 20s;
         std::chrono::steady_clock::now() < deadline;) {
      HttpResponse r = admin_->Get("/espace/courriels");
      EXPECT_EQ(r.status, 200);
      EXPECT_EQ(r.Header("Cache-Control"), "no-store");
      page = r.body;
      if (done(page)) break;
      std::this_thread::sleep_for(200ms);
    }
    return page;
  }

  std::filesystem::path config_;
};

TEST_F(SecurityAdministrationMail, AFailedMailShowsItsErrorAndIsPutBackToBeTriedAtOnce) {
  ASSERT_EQ(QueueTestMail("camille@example.org").exit_code, 0);
  ASSERT_EQ(QueueTestMail(std::string(kXss) + "@example.org").exit_code, 0);
  std::string page = MailsPageWhen([](const std::string& p) {
    std::string row = RowOf(p, "camille@example.org");
    return Contains(row, "mail_send_failed");
  });
  std::smatch id_match;
  std::string row = RowOf(page, "camille@example.org");
  ASSERT_TRUE(std::regex_search(row, id_match, std::regex(R"re(id="courriel-(\d+)")re"))) << page;
  const std::string id = id_match[1].str();
  EXPECT_TRUE(Contains(row, "Tremplin : courriel d’essai")) << row;
  EXPECT_TRUE(Contains(row, "mail_send_failed")) << row;
  EXPECT_TRUE(Contains(row, R"(<td class="t-table__num">1</td>)")) << row;
  EXPECT_TRUE(Contains(row, "action=\"/espace/courriels/" + id + "/renvoyer\"")) << row;
  EXPECT_TRUE(Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;@example.org"));
  EXPECT_FALSE(Contains(page, "<script>alert(1)"));
  EXPECT_TRUE(Contains(page, "Aucun courriel envoyé ces 7 derniers jours."));
  // Most recent first.
  EXPECT_LT(page.find("&lt;script&gt;alert(1)"), page.find("camille@example.org"));

  const std::string next_before = Sql("SELECT next_attempt_unix FROM outbox WHERE id = " + id);
  std::this_thread::sleep_for(1100ms);  // so that the next failure is rescheduled later
  HttpResponse retried = admin_->Post("/espace/courriels/" + id + "/renvoyer",
                                      {{"csrf", FirstMatch(page, kFormCsrf)}});
  ASSERT_EQ(retried.status, 303) << retried.body.substr(0, 3000);
  EXPECT_EQ(retried.Header("Location"), "/espace/courriels?renvoye=1");
  EXPECT_TRUE(
      Contains(admin_->Get(retried.Header("Location")).body, "Le courriel sera envoyé de nouveau"));
  std::string audit = AdministrationAudit();
  EXPECT_TRUE(Contains(
      audit, "mail.retry|mail:" + id + "|user:" + admin_id_ +
                 R"(|{"to_address":"camille@example.org","attempts":1,"next_attempt_unix":)" +
                 next_before.substr(0, next_before.size() - 1)))
      << audit;
  EXPECT_TRUE(Contains(audit, R"(}|{"to_address":"camille@example.org","attempts":0,)")) << audit;
  // The sender takes it again at once (it looks every 5 s): a new failure, rescheduled later.
  std::string after;
  for (auto deadline = std::chrono::steady_clock::now() + 20s;
       std::chrono::steady_clock::now() < deadline;) {
    after = Sql("SELECT attempts || '|' || (next_attempt_unix > " +
                next_before.substr(0, next_before.size() - 1) + ") FROM outbox WHERE id = " + id);
    if (after == "1|1\n") break;
    std::this_thread::sleep_for(200ms);
  }
  EXPECT_EQ(after, "1|1\n") << "the mail was not tried again";

  // Once sent, it is not sent again.
  std::string path = database_.substr(std::string_view("sqlite:").size());
  std::string mark =
      "sqlite3 -cmd '.timeout 5000' '" + path +
      "' \"UPDATE outbox SET sent_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = " + id +
      "\"";
  ASSERT_EQ(std::system(mark.c_str()), 0);
  page = admin_->Get("/espace/courriels").body;
  EXPECT_TRUE(Contains(page, "1 courriel envoyé ces 7 derniers jours.")) << page;
  HttpResponse sent = admin_->Post("/espace/courriels/" + id + "/renvoyer",
                                   {{"csrf", FirstMatch(page, kFormCsrf)}});
  ASSERT_EQ(sent.status, 303);
  EXPECT_EQ(sent.Header("Location"), "/espace/courriels?deja_envoye=1");
  EXPECT_TRUE(Contains(admin_->Get(sent.Header("Location")).body, "Ce courriel a déjà été envoyé"));
  EXPECT_EQ(AdministrationAudit(), audit) << "a sent mail was retried";
}

}  // namespace
}  // namespace tremplin::integration
