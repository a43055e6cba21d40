// Invitations and password resets by mailed single-use links, end to end: the real server
// sends its mails to a real SMTP server (aiosmtpd), the tests read the message the person
// would receive, open its link in a fresh browser and choose a password. Also: the same
// answer whether an address has an account or not, single use, expiry, CSRF, escaping.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "account_fixture.h"
#include "smtp_sink.h"

namespace tremplin::integration {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view kAdminEmail = "dominique.admin@example.org";
constexpr std::string_view kAdminName = "Dominique Admin";
constexpr std::string_view kAdminPassword = "une phrase pour administrer le réseau";
constexpr std::string_view kFormCsrfCookieName = "tremplin_form_csrf";  // the public forms'
constexpr std::string_view kChosenPassword = "Neuf nénuphars flottent sur l'étang";
// The mail sender looks at the outbox every five seconds (app/mail_sender.cc).
constexpr auto kSenderPoll = 5s;

const std::regex kTokenField(R"re(name="jeton" value="([^"]*)")re");

std::string DecodeBase64(std::string_view text) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    size_t value = kAlphabet.find(c);
    if (value == std::string::npos) continue;  // padding
    buffer = (buffer << 6) | static_cast<unsigned>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xff);
    }
  }
  return out;
}

// A received message taken apart: its headers (the subject decoded) and its body.
struct Message {
  std::string raw, to, subject, body;
};

Message ParseMessage(const std::string& raw) {
  Message m{raw, "", "", ""};
  size_t end = raw.find("\r\n\r\n");
  size_t separator = 4;
  if (end == std::string::npos) {
    end = raw.find("\n\n");
    separator = 2;
  }
  std::string headers = raw.substr(0, end);
  m.body = end == std::string::npos ? "" : raw.substr(end + separator);
  std::smatch found;
  if (std::regex_search(headers, found, std::regex(R"(\nTo: ([^\r\n]*))"))) m.to = found[1].str();
  if (std::regex_search(headers, found, std::regex(R"(\nSubject: =\?UTF-8\?B\?([^?]*)\?=)")))
    m.subject = DecodeBase64(found[1].str());
  else if (std::regex_search(headers, found, std::regex(R"(\nSubject: ([^\r\n]*))")))
    m.subject = found[1].str();
  return m;
}

// The path and query of the link to `path` in a mail ("/invitation?jeton=…"), "" if none.
std::string LinkIn(const std::string& body, std::string_view path) {
  std::smatch m;
  std::regex link(R"(http://127\.0\.0\.1:\d+()" + std::string(path) + R"(\?jeton=[0-9a-f]{64}))");
  return std::regex_search(body, m, link) ? m[1].str() : "";
}

class SecurityMailedLinks : public AccountsFixture {
 protected:
  void SetUp() override {
    AccountsFixture::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    fs::create_directories(dir_.path() / "smtp");
    sink_ = std::make_unique<SmtpSink>(dir_.path() / "smtp");
    ASSERT_EQ(sink_->error(), "");
    const fs::path config = dir_.path() / "tremplin.toml";
    std::ofstream(config) << sink_->MailConfig();
    // The fixture's server sends no mail: the same database is served again with [mail].
    std::string error;
    ASSERT_EQ(server_->Stop(&error), 0) << error;
    server_ =
        TestServer::Start(&error, TestServerOptions{.database = database_,
                                                    .global_args = {"--config", config.string()},
                                                    .temp_parent = {}});
    ASSERT_TRUE(server_) << error;
    CommandResult admin = AddUser(kAdminEmail, kAdminName, "admin", kAdminPassword);
    ASSERT_EQ(admin.exit_code, 0) << admin.output;
  }

  // What the database holds, read with the sqlite3 command-line tool (one value per line).
  std::string Sql(const std::string& statement) {
    const std::string file = database_.substr(std::string_view("sqlite:").size());
    std::string command = "sqlite3 '" + file + "' \"" + statement + "\" 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return "cannot run sqlite3";
    std::string out;
    char buffer[4096];
    while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
    pclose(pipe);
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return out;
  }

  std::unique_ptr<Browser> SignedInAdmin() {
    auto browser = NewBrowser();
    SignInOrFail(*browser, kAdminEmail, kAdminPassword);
    return browser;
  }

  // Opens the invitation form in `admin` and posts `fields` with the form's CSRF token.
  HttpResponse PostInvitation(Browser& admin,
                              std::vector<std::pair<std::string, std::string>> fields) {
    HttpResponse form = admin.Get("/espace/utilisateurs/inviter");
    EXPECT_EQ(form.status, 200) << form.body.substr(0, 2000);
    fields.insert(fields.begin(), {"csrf", FirstMatch(form.body, kFormCsrf)});
    return admin.Post("/espace/utilisateurs/inviter", fields);
  }

  // Invites a member of organisations_[0] and returns the invitation page's link from the mail.
  std::string InviteMember(Browser& admin, std::string_view email, std::string_view name,
                           size_t mails_before = 0) {
    HttpResponse r =
        PostInvitation(admin, {{"email", std::string(email)},
                               {"name", std::string(name)},
                               {"role", "member"},
                               {"organisations", std::to_string(organisations_[0].id)}});
    EXPECT_EQ(r.status, 303) << r.body.substr(0, 3000);
    Message mail = Received(mails_before + 1);
    return LinkIn(mail.body, "/invitation");
  }

  // Asks for a reset link for `email` from a fresh browser; returns the POST's answer.
  HttpResponse AskReset(std::string_view email) {
    Browser browser(*server_);
    HttpResponse form = browser.Get("/mot-de-passe-oublie");
    EXPECT_EQ(form.status, 200);
    return browser.Post("/mot-de-passe-oublie", {{"csrf", FirstMatch(form.body, kFormCsrf)},
                                                 {"email", std::string(email)}});
  }

  // The `count`-th message received (waiting for it), taken apart.
  Message Received(size_t count) {
    std::vector<fs::path> files = sink_->Received(count, 30s);
    if (files.size() < count) {
      ADD_FAILURE() << files.size() << " message(s) received instead of " << count
                    << "\nSMTP log:\n"
                    << sink_->Log() << "\nServer log:\n"
                    << server_->Log();
      return {};
    }
    return ParseMessage(ReadAll(files[count - 1]));
  }

  // Opens `link` in `browser` and submits the password form it shows.
  HttpResponse ChoosePassword(Browser& browser, const std::string& link, std::string_view password,
                              std::string_view confirmation) {
    HttpResponse page = browser.Get(link);
    EXPECT_EQ(page.status, 200) << page.body.substr(0, 3000);
    std::string path = link.substr(0, link.find('?'));
    return browser.Post(path, {{"csrf", FirstMatch(page.body, kFormCsrf)},
                               {"jeton", FirstMatch(page.body, kTokenField)},
                               {"password", std::string(password)},
                               {"password_confirmation", std::string(confirmation)}});
  }

  static void ExpectNoTokenLeaks(const HttpResponse& r) {
    EXPECT_EQ(r.Header("Cache-Control"), "no-store");
    EXPECT_EQ(r.Header("Referrer-Policy"), "no-referrer");
  }

  std::unique_ptr<SmtpSink> sink_;
};

// 1. An administrator invites a member; the mail arrives; its link shows the invitation in a
// fresh browser; a good password activates the account, which then signs in and sees its
// organisation; the link works once.
TEST_F(SecurityMailedLinks, AnInvitedMemberActivatesTheAccountWithTheMailedLinkOnce) {
  auto admin = SignedInAdmin();
  const std::string email = "nour.obrien@example.org", name = "Nour O'Brien";
  HttpResponse posted =
      PostInvitation(*admin, {{"email", "Nour.OBrien@Example.org "},
                              {"name", name},
                              {"role", "member"},
                              {"organisations", std::to_string(organisations_[0].id)}});
  ASSERT_EQ(posted.status, 303) << posted.body.substr(0, 3000);
  ASSERT_TRUE(posted.Header("Location").starts_with("/espace/utilisateurs/inviter?envoye="))
      << posted.Header("Location");
  HttpResponse notice = admin->Get(posted.Header("Location"));
  ASSERT_EQ(notice.status, 200);
  EXPECT_TRUE(
      Contains(notice.body, "Invitation envoyée à " + HtmlEscape(name) + " (" + email + ")"))
      << notice.body;
  EXPECT_EQ(SignInStatus(email, kChosenPassword), 401)
      << "an invited account opens before activation";

  Message mail = Received(1);
  EXPECT_EQ(mail.to, email);
  EXPECT_EQ(mail.subject, "Votre invitation à Tremplin");
  EXPECT_TRUE(Contains(mail.body, "Bonjour Nour O'Brien,")) << mail.body;
  EXPECT_TRUE(Contains(mail.body, "Dominique Admin vous invite")) << mail.body;
  EXPECT_TRUE(Contains(mail.body, organisations_[0].name)) << mail.body;
  EXPECT_TRUE(Contains(mail.body, "7 jours")) << mail.body;
  EXPECT_TRUE(Contains(mail.body, "ignorez ce courriel")) << mail.body;
  EXPECT_TRUE(Contains(mail.body, "Dominique Admin invites you")) << mail.body;
  const std::string link = LinkIn(mail.body, "/invitation");
  ASSERT_FALSE(link.empty()) << mail.raw;

  Browser invited(*server_);
  HttpResponse page = invited.Get(link);
  ASSERT_EQ(page.status, 200) << page.body.substr(0, 3000);
  ExpectNoTokenLeaks(page);
  for (std::string expected :
       {HtmlEscape("Dominique Admin vous invite à rejoindre Tremplin."), HtmlEscape(name), email,
        std::string("membre d’organisme de formation"), HtmlEscape(organisations_[0].name)})
    EXPECT_TRUE(Contains(page.body, expected)) << expected;
  HttpResponse english = invited.Get(link + "&lang=en");
  EXPECT_EQ(english.status, 200);
  EXPECT_TRUE(Contains(english.body, "Dominique Admin invites you to join Tremplin."))
      << english.body.substr(0, 3000);

  HttpResponse activated = ChoosePassword(invited, link, kChosenPassword, kChosenPassword);
  ASSERT_EQ(activated.status, 303) << activated.body.substr(0, 3000);
  EXPECT_EQ(activated.Header("Location"), "/connexion?compte-active=1");
  HttpResponse login = invited.Get(activated.Header("Location"));
  EXPECT_TRUE(Contains(login.body, "Votre compte est activé. Connectez-vous."))
      << login.body.substr(0, 3000);

  auto member = NewBrowser();
  ASSERT_NO_FATAL_FAILURE(SignInOrFail(*member, email, kChosenPassword));
  EXPECT_TRUE(Contains(AccountPage(*member), HtmlEscape(organisations_[0].name)));

  // The link again: no longer valid, and a second submission changes nothing.
  Browser again(*server_);
  HttpResponse reopened = again.Get(link);
  EXPECT_EQ(reopened.status, 410);
  EXPECT_TRUE(Contains(reopened.body, "Ce lien ne fonctionne plus"))
      << reopened.body.substr(0, 3000);
  EXPECT_TRUE(Contains(reopened.body, "Ce lien a déjà servi")) << reopened.body.substr(0, 3000);
  ExpectNoTokenLeaks(reopened);
  const std::string token = link.substr(link.find('=') + 1);
  HttpResponse replayed =
      invited.Post("/invitation", {{"csrf", invited.Cookie(kFormCsrfCookieName)},
                                   {"jeton", token},
                                   {"password", "une toute autre phrase"},
                                   {"password_confirmation", "une toute autre phrase"}});
  EXPECT_EQ(replayed.status, 410) << replayed.body.substr(0, 2000);
  EXPECT_EQ(SignInStatus(email, "une toute autre phrase"), 401);
  EXPECT_EQ(SignInStatus(email, kChosenPassword), 303);
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM audit_log WHERE action = 'user.activate'"), "1");
}

// 2. Alice asks for a link; it sets a new password, signs her out everywhere, and works once.
TEST_F(SecurityMailedLinks, AResetLinkSetsANewPasswordSignsOutEverywhereAndWorksOnce) {
  auto before = NewBrowser();
  ASSERT_NO_FATAL_FAILURE(SignInOrFail(*before, kAliceEmail, kAlicePassword));

  HttpResponse asked = AskReset("Alice.Martin@example.org");
  ASSERT_EQ(asked.status, 303) << asked.body.substr(0, 2000);
  EXPECT_EQ(asked.Header("Location"), "/mot-de-passe-oublie?envoye=1");
  Message mail = Received(1);
  EXPECT_EQ(mail.to, kAliceEmail);
  EXPECT_EQ(mail.subject, "Réinitialiser votre mot de passe Tremplin");
  EXPECT_TRUE(Contains(mail.body, "Bonjour Alice Martin,")) << mail.body;
  EXPECT_TRUE(Contains(mail.body, "60 minutes")) << mail.body;
  EXPECT_TRUE(Contains(mail.body, "Si vous n’avez rien demandé, ignorez ce courriel")) << mail.body;
  EXPECT_TRUE(Contains(mail.body, "In English.")) << mail.body;
  const std::string link = LinkIn(mail.body, "/nouveau-mot-de-passe");
  ASSERT_FALSE(link.empty()) << mail.raw;

  Browser browser(*server_);
  HttpResponse page = browser.Get(link);
  ASSERT_EQ(page.status, 200);
  ExpectNoTokenLeaks(page);
  EXPECT_TRUE(Contains(page.body, "Pour le compte alice.martin@example.org."))
      << page.body.substr(0, 3000);
  HttpResponse changed = ChoosePassword(browser, link, kChosenPassword, kChosenPassword);
  ASSERT_EQ(changed.status, 303) << changed.body.substr(0, 3000);
  EXPECT_EQ(changed.Header("Location"), "/connexion?mot-de-passe-change=1");
  HttpResponse login = browser.Get(changed.Header("Location"));
  EXPECT_TRUE(Contains(login.body, "Votre mot de passe est changé. Connectez-vous."));

  EXPECT_EQ(SignInStatus(kAliceEmail, kAlicePassword), 401);
  EXPECT_EQ(SignInStatus(kAliceEmail, kChosenPassword), 303);
  EXPECT_TRUE(SignedOut(*before)) << "the session opened before the reset goes on";
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM audit_log WHERE action = 'user.password_reset'"), "1");
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM audit_log WHERE after_state LIKE '%argon2%' OR before_state "
                "LIKE '%argon2%'"),
            "0");

  // Once only.
  Browser again(*server_);
  EXPECT_EQ(again.Get(link).status, 410);
  const std::string token = link.substr(link.find('=') + 1);
  HttpResponse replayed =
      browser.Post("/nouveau-mot-de-passe", {{"csrf", browser.Cookie(kFormCsrfCookieName)},
                                             {"jeton", token},
                                             {"password", "une toute autre phrase"},
                                             {"password_confirmation", "une toute autre phrase"}});
  EXPECT_EQ(replayed.status, 410);
  EXPECT_EQ(SignInStatus(kAliceEmail, "une toute autre phrase"), 401);
  EXPECT_EQ(SignInStatus(kAliceEmail, kChosenPassword), 303);
}

// 2. The answer says nothing of whether the address has an account, or of throttling; a mail
// goes only to an existing account, at most three an hour.
TEST_F(SecurityMailedLinks,
       UnknownThrottledAndKnownAddressesGetTheSameAnswerAndOnlyKnownOnesAMail) {
  HttpResponse unknown = AskReset("personne.inconnue@example.org");
  std::vector<HttpResponse> alice;
  for (int i = 0; i < 4; ++i) alice.push_back(AskReset(kAliceEmail));  // the fourth is throttled
  for (const HttpResponse& r : alice) {
    EXPECT_EQ(r.status, unknown.status);
    EXPECT_EQ(r.Header("Location"), unknown.Header("Location"));
    EXPECT_EQ(r.body, unknown.body);
  }
  EXPECT_EQ(unknown.status, 303);
  Browser browser(*server_);
  std::string answer = browser.Get(unknown.Header("Location")).body;
  EXPECT_TRUE(
      Contains(answer, "Si un compte existe pour cette adresse, nous venons d’y envoyer un lien."))
      << answer;

  // The sender sends in the order of queuing: once Alice's third mail is in, anything queued
  // before would be too; one more poll shows nothing else comes.
  std::vector<fs::path> received = sink_->Received(3, 30s);
  ASSERT_EQ(received.size(), 3u) << sink_->Log();
  std::this_thread::sleep_for(kSenderPoll + 1s);
  received = sink_->Received(4, 0s);
  ASSERT_EQ(received.size(), 3u);
  for (const fs::path& file : received) EXPECT_EQ(ParseMessage(ReadAll(file)).to, kAliceEmail);
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM outbox"), "3");
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM user_tokens"), "3");
  // Of the three links mailed, only the last works.
  EXPECT_EQ(
      browser.Get(LinkIn(ParseMessage(ReadAll(received[0])).body, "/nouveau-mot-de-passe")).status,
      410);
  EXPECT_EQ(
      browser.Get(LinkIn(ParseMessage(ReadAll(received[2])).body, "/nouveau-mot-de-passe")).status,
      200);
}

// 2. A link past its hour is refused and changes nothing (its expiry moved back in the
// database, as an hour passing would).
TEST_F(SecurityMailedLinks, AnExpiredResetLinkIsRefusedAndChangesNothing) {
  ASSERT_EQ(AskReset(kAliceEmail).status, 303);
  const std::string link = LinkIn(Received(1).body, "/nouveau-mot-de-passe");
  ASSERT_FALSE(link.empty());
  Browser browser(*server_);
  HttpResponse page = browser.Get(link);
  ASSERT_EQ(page.status, 200);
  ASSERT_EQ(
      Sql("UPDATE user_tokens SET expires_unix = strftime('%s', 'now') - 1; SELECT changes();"),
      "1");
  HttpResponse expired = browser.Get(link);
  EXPECT_EQ(expired.status, 410);
  EXPECT_TRUE(Contains(expired.body, "Ce lien a expiré")) << expired.body.substr(0, 3000);
  EXPECT_TRUE(Contains(expired.body, "href=\"/mot-de-passe-oublie\""))
      << "no way to ask for a new link";
  HttpResponse posted = browser.Post("/nouveau-mot-de-passe",
                                     {{"csrf", FirstMatch(page.body, kFormCsrf)},
                                      {"jeton", FirstMatch(page.body, kTokenField)},
                                      {"password", std::string(kChosenPassword)},
                                      {"password_confirmation", std::string(kChosenPassword)}});
  EXPECT_EQ(posted.status, 410);
  EXPECT_EQ(SignInStatus(kAliceEmail, kChosenPassword), 401);
  EXPECT_EQ(SignInStatus(kAliceEmail, kAlicePassword), 303);
  EXPECT_EQ(Sql("SELECT used_unix FROM user_tokens"), "0");
}

// Missing, malformed, unknown and too long tokens, and a link of the other kind: a clear page,
// never a crash.
TEST_F(SecurityMailedLinks, MissingMalformedOrUnknownTokensGetAPageSayingWhatToDo) {
  Browser browser(*server_);
  for (std::string_view path : {"/nouveau-mot-de-passe", "/invitation"}) {
    SCOPED_TRACE(path);
    HttpResponse missing = browser.Get(path);
    EXPECT_EQ(missing.status, 200);
    EXPECT_TRUE(Contains(missing.body, "Lien incomplet")) << missing.body.substr(0, 2000);
    for (const std::string& query :
         {std::string("?jeton="), std::string("?jeton=abc"), "?jeton=" + std::string(64, 'f'),
          "?jeton=" + std::string(5000, 'a'), std::string("?jeton=%FF%FE"),
          std::string("?jeton=%3Cscript%3Ealert(1)%3C/script%3E"),
          std::string("?jeton=%27%3B%20DROP%20TABLE%20user_tokens%3B%20--")}) {
      SCOPED_TRACE(query.substr(0, 60));
      HttpResponse r = browser.Get(std::string(path) + query);
      if (query == "?jeton=") {
        EXPECT_EQ(r.status, 200);
        continue;
      }
      EXPECT_EQ(r.status, 404);
      EXPECT_TRUE(Contains(r.body, "Ce lien ne fonctionne pas")) << r.body.substr(0, 2000);
      EXPECT_FALSE(Contains(r.body, "<script>alert(1)</script>"));
      ExpectNoTokenLeaks(r);
    }
    // An encoded NUL is refused before any page.
    EXPECT_EQ(browser.Get(std::string(path) + "?jeton=%00").status, 400);
    // A form without a token.
    HttpResponse form = browser.Get("/mot-de-passe-oublie");
    HttpResponse posted =
        browser.Post(path, {{"csrf", FirstMatch(form.body, kFormCsrf)},
                            {"password", std::string(kChosenPassword)},
                            {"password_confirmation", std::string(kChosenPassword)}});
    EXPECT_EQ(posted.status, 400);
    EXPECT_TRUE(Contains(posted.body, "Lien incomplet"));
  }
  // A reset link is no invitation.
  ASSERT_EQ(AskReset(kAliceEmail).status, 303);
  const std::string link = LinkIn(Received(1).body, "/nouveau-mot-de-passe");
  EXPECT_EQ(browser.Get("/invitation" + link.substr(link.find('?'))).status, 404);
  EXPECT_EQ(browser.Get(link).status, 200);
  EXPECT_EQ(browser.Get("/healthz").status, 200);
}

// 3. Forms without their CSRF token, or with another, are refused with 403 and change nothing.
TEST_F(SecurityMailedLinks, FormsWithoutTheirCsrfTokenAreRefusedAndChangeNothing) {
  auto admin = SignedInAdmin();
  const std::vector<std::pair<std::string, std::string>> invitation = {
      {"email", "camille.csrf@example.org"}, {"name", "Camille"}, {"role", "admin"}};
  std::vector<std::pair<std::string, std::string>> wrong = invitation;
  wrong.insert(wrong.begin(), {"csrf", std::string(64, 'a')});
  EXPECT_EQ(admin->Post("/espace/utilisateurs/inviter", invitation).status, 403);
  HttpResponse refused = admin->Post("/espace/utilisateurs/inviter", wrong);
  EXPECT_EQ(refused.status, 403);
  EXPECT_TRUE(Contains(refused.body, "Ce formulaire a expiré ou ne vient pas de ce site."));

  Browser browser(*server_);
  ASSERT_EQ(browser.Get("/mot-de-passe-oublie").status, 200);  // the browser has its cookie
  EXPECT_EQ(browser.Post("/mot-de-passe-oublie", {{"email", std::string(kAliceEmail)}}).status,
            403);
  EXPECT_EQ(browser
                .Post("/mot-de-passe-oublie",
                      {{"csrf", std::string(64, 'a')}, {"email", std::string(kAliceEmail)}})
                .status,
            403);
  Browser stranger(*server_);  // the right token, but from another browser's page
  HttpResponse form = browser.Get("/mot-de-passe-oublie");
  EXPECT_EQ(stranger
                .Post("/mot-de-passe-oublie", {{"csrf", FirstMatch(form.body, kFormCsrf)},
                                               {"email", std::string(kAliceEmail)}})
                .status,
            403);
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM users WHERE email = 'camille.csrf@example.org'"), "0");
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM user_tokens"), "0");
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM outbox"), "0");

  // A link's form: refused, the form shown again, the link still usable.
  const std::string link = InviteMember(*admin, "nour@example.org", "Nour");
  ASSERT_FALSE(link.empty());
  Browser invited(*server_);
  HttpResponse page = invited.Get(link);
  const std::string token = FirstMatch(page.body, kTokenField);
  for (const std::string& csrf : {std::string(), std::string(64, 'a')}) {
    HttpResponse r =
        invited.Post("/invitation", {{"csrf", csrf},
                                     {"jeton", token},
                                     {"password", std::string(kChosenPassword)},
                                     {"password_confirmation", std::string(kChosenPassword)}});
    EXPECT_EQ(r.status, 403);
    EXPECT_TRUE(Contains(r.body, "Ce formulaire a expiré ou ne vient pas de ce site."))
        << r.body.substr(0, 2000);
  }
  EXPECT_EQ(Sql("SELECT used_unix FROM user_tokens"), "0");
  EXPECT_EQ(SignInStatus("nour@example.org", kChosenPassword), 401);
  EXPECT_EQ(ChoosePassword(invited, link, kChosenPassword, kChosenPassword).status, 303);
}

// 3. Markup and SQL in the name come back as typed, escaped, on the administrator's pages, the
// invitation page and the person's account.
TEST_F(SecurityMailedLinks, MarkupAndSqlInTheInvitationAreShownEscapedEverywhere) {
  const std::string name = "<script>alert(1)</script> O'Brien \"Nour\" \\ '; DROP TABLE users; --";
  auto admin = SignedInAdmin();
  // Refused for its address, the form shows every typed value back, escaped.
  HttpResponse refused =
      PostInvitation(*admin, {{"email", "<script>alert(1)</script>@example.org"},
                              {"name", name},
                              {"role", "member"},
                              {"organisations", std::to_string(organisations_[0].id)}});
  EXPECT_EQ(refused.status, 400);
  EXPECT_TRUE(Contains(refused.body, "Cette adresse électronique n’est pas valide."))
      << refused.body.substr(0, 3000);
  EXPECT_TRUE(Contains(refused.body, "value=\"" + HtmlEscape(name) + "\"")) << refused.body;
  EXPECT_TRUE(Contains(refused.body, HtmlEscape("<script>alert(1)</script>@example.org")));
  EXPECT_FALSE(Contains(refused.body, "<script>alert(1)</script>"));
  EXPECT_TRUE(Contains(refused.body, "aria-invalid=\"true\" aria-describedby=\"email-error\""));

  HttpResponse posted =
      PostInvitation(*admin, {{"email", "nour@example.org"},
                              {"name", name},
                              {"role", "member"},
                              {"organisations", std::to_string(organisations_[0].id)}});
  ASSERT_EQ(posted.status, 303) << posted.body.substr(0, 3000);
  HttpResponse notice = admin->Get(posted.Header("Location"));
  EXPECT_TRUE(Contains(notice.body, HtmlEscape(name))) << notice.body;
  EXPECT_FALSE(Contains(notice.body, "<script>alert(1)</script>"));

  Message mail = Received(1);
  EXPECT_TRUE(Contains(mail.body, "Bonjour " + name + ",")) << mail.body;  // plain text, as typed
  const std::string link = LinkIn(mail.body, "/invitation");
  Browser invited(*server_);
  HttpResponse page = invited.Get(link);
  EXPECT_TRUE(Contains(page.body, HtmlEscape(name))) << page.body;
  EXPECT_FALSE(Contains(page.body, "<script>alert(1)</script>"));
  ASSERT_EQ(ChoosePassword(invited, link, kChosenPassword, kChosenPassword).status, 303);
  auto member = NewBrowser();
  ASSERT_NO_FATAL_FAILURE(SignInOrFail(*member, "nour@example.org", kChosenPassword));
  std::string account = AccountPage(*member);
  EXPECT_TRUE(Contains(account, HtmlEscape(name)));
  EXPECT_FALSE(Contains(account, "<script>alert(1)</script>"));
  EXPECT_EQ(Sql("SELECT name FROM users WHERE email = 'nour@example.org'"), name);
}

// 3. Weak, common or mismatched passwords: a message next to the field, status 400, and the
// link is not used up.
TEST_F(SecurityMailedLinks, RefusedPasswordsAreSaidNextToTheirFieldAndLeaveTheLinkUsable) {
  auto admin = SignedInAdmin();
  const std::string link = InviteMember(*admin, "nour@example.org", "Nour");
  ASSERT_FALSE(link.empty());
  Browser invited(*server_);
  struct Case {
    std::string password, confirmation, message, field;
  };
  for (const Case& c :
       {Case{"", "", "Choisissez un mot de passe.", "password"},
        Case{"court", "court", "Le mot de passe doit compter au moins 12 caractères.", "password"},
        Case{"passwordpassword", "passwordpassword", "Ce mot de passe est trop courant",
             "password"},
        Case{"nour@example.org", "nour@example.org",
             "Le mot de passe ne doit pas être votre adresse électronique.", "password"},
        Case{std::string(kChosenPassword), "Neuf nénuphars",
             "Les deux mots de passe sont différents", "password_confirmation"}}) {
    SCOPED_TRACE(c.message);
    HttpResponse r = ChoosePassword(invited, link, c.password, c.confirmation);
    EXPECT_EQ(r.status, 400);
    EXPECT_TRUE(Contains(r.body, "id=\"" + c.field + "-error\">" + HtmlEscape(c.message)))
        << r.body;
    EXPECT_TRUE(Contains(r.body, "aria-invalid=\"true\"")) << r.body;
    EXPECT_FALSE(std::regex_search(r.body, std::regex(R"(name="password[^"]*"[^>]*value=)")))
        << "a password echoed";
  }
  EXPECT_EQ(Sql("SELECT used_unix FROM user_tokens"), "0");
  ASSERT_EQ(ChoosePassword(invited, link, kChosenPassword, kChosenPassword).status, 303);
  EXPECT_EQ(SignInStatus("nour@example.org", kChosenPassword), 303);
}

// The administrator's form: each wrong field said next to it, nothing stored.
TEST_F(SecurityMailedLinks, TheInvitationFormRefusesWrongFieldsAndStoresNothing) {
  auto admin = SignedInAdmin();
  const std::string users = Sql("SELECT COUNT(*) FROM users");
  struct Case {
    std::vector<std::pair<std::string, std::string>> fields;
    int status;
    std::string message, field;
  };
  const std::string org = std::to_string(organisations_[0].id);
  for (const Case& c : std::vector<Case>{
           {{{"email", "ALICE.martin@example.org"}, {"name", "Alice bis"}, {"role", "admin"}},
            409,
            "Un compte existe déjà avec cette adresse électronique.",
            "email"},
           {{{"email", "a@example.org"}, {"name", "A"}, {"role", "member"}},
            400,
            "Cochez au moins un organisme",
            "organisations"},
           {{{"email", "a@example.org"},
             {"name", "A"},
             {"role", "member"},
             {"organisations", "999999"}},
            400,
            "Un des organismes choisis n’existe pas",
            "organisations"},
           {{{"email", "a@example.org"},
             {"name", "A"},
             {"role", "superuser"},
             {"organisations", org}},
            400,
            "Choisissez un rôle",
            "role"},
           {{{"email", ""}, {"name", "A"}, {"role", "admin"}},
            400,
            "Indiquez l’adresse électronique",
            "email"},
           {{{"email", "a@example.org"}, {"name", "  "}, {"role", "admin"}},
            400,
            "Indiquez le prénom et le nom",
            "name"},
           {{{"email", "a@example.org"}, {"name", "A\tB"}, {"role", "admin"}},
            400,
            "Le nom doit tenir sur une ligne, sans caractère invisible",
            "name"},
           {{{"email", "a@example.org"}, {"name", "\xff\xfe"}, {"role", "admin"}},
            400,
            "Le texte envoyé contient des caractères illisibles.",
            "name"},
       }) {
    SCOPED_TRACE(c.message);
    HttpResponse r = PostInvitation(*admin, c.fields);
    EXPECT_EQ(r.status, c.status);
    EXPECT_TRUE(Contains(r.body, "id=\"" + c.field + "-error\">" + HtmlEscape(c.message)))
        << r.body;
    EXPECT_TRUE(IsValidUtf8(r.body));
  }
  // A NUL, as it is or percent-encoded: no browser sends it, the form is refused whole.
  HttpResponse form = admin->Get("/espace/utilisateurs/inviter");
  const std::string csrf = "csrf=" + FirstMatch(form.body, kFormCsrf);
  for (const std::string& nul : {std::string(1, '\0'), std::string("%00")}) {
    HttpResponse r = admin->PostRaw("/espace/utilisateurs/inviter",
                                    csrf + "&email=a%40example.org&role=admin&name=A" + nul + "B");
    EXPECT_EQ(r.status, 400);
    EXPECT_TRUE(Contains(r.body, "Le formulaire envoyé contient un caractère interdit (comme NUL)"))
        << r.body;
  }
  for (std::string_view path : {"/mot-de-passe-oublie", "/nouveau-mot-de-passe", "/invitation"}) {
    Browser browser(*server_);
    HttpResponse page = browser.Get("/mot-de-passe-oublie");
    HttpResponse r = browser.PostRaw(
        path, "csrf=" + FirstMatch(page.body, kFormCsrf) + "&email=a%00b&jeton=%00");
    EXPECT_EQ(r.status, 400) << path;
    EXPECT_TRUE(Contains(r.body, "Le formulaire envoyé contient un caractère interdit (comme NUL)"))
        << path;
  }
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM users"), users);
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM user_tokens"), "0");
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM outbox"), "0");
  // Only administrators invite.
  auto alice = NewBrowser();
  ASSERT_NO_FATAL_FAILURE(SignInOrFail(*alice, kAliceEmail, kAlicePassword));
  EXPECT_EQ(alice->Get("/espace/utilisateurs/inviter").status, 403);
}

// The forgotten-password form: what cannot be an address is said next to the field (nothing
// stored); anything else, SQL included, gets the usual answer.
TEST_F(SecurityMailedLinks, TheForgottenPasswordFormSaysWhatIsWrongWithTheAddress) {
  Browser browser(*server_);
  const std::string csrf = FirstMatch(browser.Get("/mot-de-passe-oublie").body, kFormCsrf);
  struct Case {
    std::string email, message;
  };
  for (const Case& c : std::vector<Case>{
           {"", "Indiquez votre adresse électronique."},
           {"   ", "Indiquez votre adresse électronique."},
           {std::string(kAliceEmail) + "\r\nBcc: mallory@example.org",
            "Cette adresse électronique n’est pas valide"},
           {std::string(400, 'a') + "@example.org", "Cette adresse électronique n’est pas valide"},
           {"alice\xff@example.org", "Le texte envoyé contient des caractères illisibles."}}) {
    SCOPED_TRACE(c.message);
    HttpResponse r = browser.Post("/mot-de-passe-oublie", {{"csrf", csrf}, {"email", c.email}});
    EXPECT_EQ(r.status, 400);
    EXPECT_TRUE(Contains(r.body, "id=\"email-error\">" + HtmlEscape(c.message))) << r.body;
    EXPECT_TRUE(IsValidUtf8(r.body));
  }
  for (const char* email :
       {"'; DROP TABLE users; --", "\"alice\"@example.org", "a\\b@example.org"}) {
    HttpResponse r = browser.Post("/mot-de-passe-oublie", {{"csrf", csrf}, {"email", email}});
    EXPECT_EQ(r.status, 303) << email;
    EXPECT_EQ(r.Header("Location"), "/mot-de-passe-oublie?envoye=1");
  }
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM user_tokens"), "0");
  EXPECT_EQ(SignInStatus(kAliceEmail, kAlicePassword), 303);
}

// The login page leads to the forgotten-password page, in the language of the page.
TEST_F(SecurityMailedLinks, TheLoginPageLinksToTheForgottenPasswordPage) {
  Browser browser(*server_);
  EXPECT_TRUE(Contains(browser.Get("/connexion").body,
                       "<a href=\"/mot-de-passe-oublie\">Mot de passe oublié ?</a>"));
  EXPECT_TRUE(Contains(browser.Get("/connexion?lang=en").body,
                       "<a href=\"/mot-de-passe-oublie?lang=en\">Forgotten your password?</a>"));
  HttpResponse english = browser.Get("/mot-de-passe-oublie?lang=en");
  EXPECT_EQ(english.status, 200);
  EXPECT_TRUE(Contains(english.body, "Forgotten password"));
  EXPECT_TRUE(Contains(english.body, "action=\"/mot-de-passe-oublie?lang=en\""));
}

// 4. An invitation that expired is sent again from the account's page: the new mail arrives, its
// link works, the older link no longer does; audited. Once the account is active, no more.
TEST_F(SecurityMailedLinks, AnExpiredInvitationIsSentAgainFromTheAccountsPage) {
  auto admin = SignedInAdmin();
  const std::string email = "nour@example.org";
  const std::string first = InviteMember(*admin, email, "Nour");
  ASSERT_FALSE(first.empty());
  const std::string id = Sql("SELECT id FROM users WHERE email = '" + email + "'");
  ASSERT_EQ(Sql("UPDATE user_tokens SET expires_unix = strftime('%s', 'now') - 1; SELECT changes();"), "1");
  Browser invited(*server_);
  EXPECT_EQ(invited.Get(first).status, 410);

  const std::string user_path = "/espace/utilisateurs/" + id;
  HttpResponse page = admin->Get(user_path);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Contains(page.body, "value=\"reinvite\"")) << "an account waiting for its password";
  EXPECT_TRUE(Contains(page.body, "Renvoyer l’invitation"));
  const std::string csrf = FirstMatch(page.body, kFormCsrf);
  // Without the session's CSRF token: refused, nothing sent.
  EXPECT_EQ(admin->Post(user_path, {{"action", "reinvite"}}).status, 403);
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM outbox"), "1");

  HttpResponse sent = admin->Post(user_path, {{"csrf", csrf}, {"action", "reinvite"}});
  ASSERT_EQ(sent.status, 303) << sent.body.substr(0, 3000);
  EXPECT_EQ(sent.Header("Location"), user_path + "?invitation-renvoyee=1");
  EXPECT_EQ(sent.Header("Cache-Control"), "no-store");
  HttpResponse notice = admin->Get(sent.Header("Location"));
  EXPECT_TRUE(Contains(notice.body, "Invitation renvoyée à nour@example.org")) << notice.body.substr(0, 3000);

  Message mail = Received(2);
  EXPECT_EQ(mail.to, email);
  EXPECT_TRUE(Contains(mail.body, "Dominique Admin vous invite")) << mail.body;
  const std::string second = LinkIn(mail.body, "/invitation");
  ASSERT_FALSE(second.empty()) << mail.raw;
  EXPECT_NE(second, first);
  HttpResponse opened = invited.Get(second);
  EXPECT_EQ(opened.status, 200) << opened.body.substr(0, 2000);
  EXPECT_TRUE(Contains(opened.body, HtmlEscape("Dominique Admin vous invite à rejoindre Tremplin.")));
  EXPECT_EQ(invited.Get(first).status, 410) << "the older link works again";
  EXPECT_EQ(Sql("SELECT actor || '|' || entity FROM audit_log WHERE action = 'user.reinvite'"),
            "user:" + Sql("SELECT id FROM users WHERE email = '" + std::string(kAdminEmail) + "'") +
                "|user:" + id);
  const std::string token = second.substr(second.find('=') + 1);
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM audit_log WHERE before_state LIKE '%" + token +
                "%' OR after_state LIKE '%" + token + "%'"),
            "0");

  ASSERT_EQ(ChoosePassword(invited, second, kChosenPassword, kChosenPassword).status, 303);
  page = admin->Get(user_path);
  EXPECT_FALSE(Contains(page.body, "value=\"reinvite\"")) << "an active account";
  HttpResponse refused = admin->Post(user_path, {{"csrf", csrf}, {"action", "reinvite"}});
  EXPECT_EQ(refused.status, 409);
  EXPECT_TRUE(Contains(refused.body, "Ce compte n’attend plus d’invitation")) << refused.body.substr(0, 3000);
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM outbox"), "2");
}

// 5. Disabling an account ends its unused links: enabled again, the account gets none back.
TEST_F(SecurityMailedLinks, DisablingAnAccountEndsItsMailedLinks) {
  auto admin = SignedInAdmin();
  const std::string invitation = InviteMember(*admin, "nour@example.org", "Nour");
  ASSERT_FALSE(invitation.empty());
  ASSERT_EQ(AskReset(kAliceEmail).status, 303);
  const std::string reset = LinkIn(Received(2).body, "/nouveau-mot-de-passe");
  ASSERT_FALSE(reset.empty());
  Browser browser(*server_);
  ASSERT_EQ(browser.Get(invitation).status, 200);
  ASSERT_EQ(browser.Get(reset).status, 200);

  for (const std::string& email : {std::string("nour@example.org"), std::string(kAliceEmail)}) {
    const std::string path = "/espace/utilisateurs/" + Sql("SELECT id FROM users WHERE email = '" + email + "'");
    for (const char* action : {"disable", "enable"}) {
      HttpResponse page = admin->Get(path);
      HttpResponse done = admin->Post(path, {{"csrf", FirstMatch(page.body, kFormCsrf)}, {"action", action}});
      ASSERT_EQ(done.status, 303) << email << " " << action << ": " << done.body.substr(0, 2000);
      EXPECT_EQ(done.Header("Cache-Control"), "no-store");
    }
  }
  HttpResponse expired = browser.Get(invitation);
  EXPECT_EQ(expired.status, 410);
  EXPECT_TRUE(Contains(expired.body, "Ce lien a expiré")) << expired.body.substr(0, 2000);
  EXPECT_EQ(browser.Get(reset).status, 410);
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM user_tokens WHERE used_unix = 0 AND expires_unix > strftime('%s', 'now')"), "0");
  EXPECT_EQ(SignInStatus(kAliceEmail, kAlicePassword), 303) << "her password still works";
}

// 2, 6. A link sent leaves no trace of its token: the mail's text is erased from the outbox once
// sent, and the request is audited without it.
TEST_F(SecurityMailedLinks, ASentMailsTextIsErasedAndTheResetRequestAuditedWithoutItsToken) {
  ASSERT_EQ(AskReset(kAliceEmail).status, 303);
  const std::string link = LinkIn(Received(1).body, "/nouveau-mot-de-passe");
  ASSERT_FALSE(link.empty());
  const std::string token = link.substr(link.find('=') + 1);
  std::string state;
  for (auto deadline = std::chrono::steady_clock::now() + 20s; std::chrono::steady_clock::now() < deadline;) {
    state = Sql("SELECT (sent_at <> '') || '|' || length(body) FROM outbox");
    if (state.starts_with("1|")) break;  // marked sent just after the SMTP server took it
    std::this_thread::sleep_for(100ms);
  }
  EXPECT_EQ(state, "1|0") << "the sent mail's text (and its link) is still stored";
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM outbox WHERE body LIKE '%" + token + "%'"), "0");

  EXPECT_EQ(Sql("SELECT actor || '|' || entity FROM audit_log WHERE action = 'user.password_reset_request'"),
            "anonymous|user:" + Sql("SELECT id FROM users WHERE email = '" + std::string(kAliceEmail) + "'"));
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM audit_log WHERE before_state LIKE '%" + token +
                "%' OR after_state LIKE '%" + token + "%'"),
            "0");
  // An unknown address is not audited: nothing was mailed.
  ASSERT_EQ(AskReset("personne.inconnue@example.org").status, 303);
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM audit_log WHERE action = 'user.password_reset_request'"), "1");
}

// 9. This server sends mail without [site] public_url: its links point at its own address, and
// it says so when it starts.
TEST_F(SecurityMailedLinks, AServerThatMailsLinksWithoutAPublicAddressWarnsAtStartUp) {
  EXPECT_TRUE(Contains(server_->Log(), "[site] public_url is not set")) << server_->Log();
}

}  // namespace
}  // namespace tremplin::integration
