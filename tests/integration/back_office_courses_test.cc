// Courses and sessions in the back office, through HTTP with real sign-ins: a member creates a
// course (a draft: not public), an administrator grants its label (in search at once), the
// member adds and edits a session in a commune, closes and reopens its recruitment, archives
// and restores the course — each step checked on the public page, in search and in the API.
// Then the refusals: every field rule next to its field with nothing stored, another
// organisation's ids and ids mixed across courses answer 404 and change nothing, forms without
// the session's CSRF token 403, labels for administrators only; and markup and SQL typed in
// every text field come back escaped (HTML) and intact (JSON) on every page that shows them.
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "account_fixture.h"

namespace tremplin::integration {
namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

constexpr std::string_view kAdminEmail = "gaelle.admin@example.org";
constexpr std::string_view kOutsiderEmail = "carole.ailleurs@example.org";
constexpr std::string_view kPassword = "une longue phrase pour les tests du back office";
constexpr std::string_view kScript = "<script>alert(1)</script>";
constexpr std::string_view kImage = "\"><img src=x onerror=alert(1)>";
constexpr std::string_view kSql = "'; DROP TABLE courses; --";

// "2027-01-15" → "15/01/2027", as people type dates by hand.
std::string FrenchDate(const std::string& iso) {
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

// The value of field `name` in `fields`.
std::string& FieldOf(Fields& fields, std::string_view name) {
  for (auto& [key, value] : fields)
    if (key == name) return value;
  fields.emplace_back(std::string(name), "");
  return fields.back().second;
}

Fields With(Fields fields, std::string_view name, std::string value) {
  FieldOf(fields, name) = std::move(value);
  return fields;
}

Fields WithCsrf(Fields fields, const std::string& csrf) {
  fields.insert(fields.begin(), {"csrf", csrf});
  return fields;
}

class SecurityBackOfficeCourses : public AccountsFixture {
 protected:
  void SetUp() override {
    AccountsFixture::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    // A third organisation of the demo network, Alice's neither: Carole's.
    HttpClient client(server_->host(), server_->port());
    json::value listed = ParseJson(client.Get("/api/v1/courses?per_page=100").body);
    for (const json::value& course : Member(listed, "results").as_array()) {
      int64_t id = static_cast<int64_t>(Number(Member(Member(course, "organisation"), "id")));
      if (id != organisations_[0].id && id != organisations_[1].id) {
        outsider_organisation_ = id;
        outsider_course_ = static_cast<int64_t>(Number(Member(course, "id")));
        break;
      }
    }
    ASSERT_GT(outsider_organisation_, 0) << "the demo network should have a third organisation";
    ASSERT_EQ(AddUser(kAdminEmail, "Gaëlle Admin", "admin", kPassword).exit_code, 0);
    ASSERT_EQ(AddUser(kOutsiderEmail, "Carole Ailleurs", "member", kPassword, {outsider_organisation_}).exit_code, 0);
  }

  std::unique_ptr<Browser> SignedIn(std::string_view email, std::string_view password = kPassword) {
    auto browser = NewBrowser();
    SignInOrFail(*browser, email, password);
    return browser;
  }
  std::unique_ptr<Browser> Alice() { return SignedIn(kAliceEmail, kAlicePassword); }

  // GET `target` (expecting 200) and the form's CSRF token.
  static std::string CsrfOf(Browser& browser, const std::string& target) {
    HttpResponse r = browser.Get(target);
    EXPECT_EQ(r.status, 200) << target << "\n" << r.body.substr(0, 1000);
    return FirstMatch(r.body, kFormCsrf);
  }

  HttpResponse Public(const std::string& target) {
    HttpClient client(server_->host(), server_->port());
    return client.Get(target);
  }

  // The ids GET /api/v1/courses?q=`words` finds.
  std::set<int64_t> SearchIds(std::string_view words) {
    std::set<int64_t> ids;
    HttpResponse r = Public("/api/v1/courses?per_page=100&q=" + EncodeQueryComponent(words));
    EXPECT_EQ(r.status, 200) << r.body.substr(0, 500);
    json::value found = ParseJson(r.body);
    if (!Member(found, "results").is_array()) return ids;
    for (const json::value& result : Member(found, "results").as_array())
      ids.insert(static_cast<int64_t>(Number(Member(result, "id"))));
    return ids;
  }

  // The number of entries of the audit log (every catalogue write adds one), chain checked.
  int AuditEntries() {
    std::vector<std::string> args = TestServer::GlobalArgs(database_);
    args.insert(args.end(), {"audit", "verify"});
    CommandResult verified = RunTremplin(args, dir_.path());
    EXPECT_EQ(verified.exit_code, 0) << verified.output;
    std::smatch m;
    if (!std::regex_search(verified.output, m, std::regex(R"((\d+) entries, chain intact)"))) {
      ADD_FAILURE() << verified.output;
      return -1;
    }
    return std::stoi(m[1].str());
  }

  static std::string NewCourseUrl(int64_t organisation) {
    return "/espace/organismes/" + std::to_string(organisation) + "/nouvelle-formation";
  }
  static std::string EditorUrl(int64_t course) { return "/espace/formations/" + std::to_string(course); }
  static std::string SessionUrl(int64_t course, int64_t session) {
    return EditorUrl(course) + "/sessions/" + std::to_string(session);
  }

  static Fields ValidCourse(std::string title) {
    return {{"title", std::move(title)},
            {"summary", "Apprendre à créer des sites web accessibles, de la maquette à la mise en ligne."},
            {"family", "development"},
            {"professions", "web-developer"},
            {"professions", "front-end-developer"},
            {"mode", "onsite"},
            {"duration_hours", "700"},
            {"duration_weeks", "28"},
            {"cost", "0"},
            {"rncp_code", "RNCP37674"},
            {"certification_title", "Développeur web et web mobile"},
            {"certification_level", "5"}};
  }

  static Fields ValidSession() {
    return {{"place", "Roubaix"},
            {"address", "12 rue de l’Épeule"},
            {"start", IsoDateFromToday(60)},
            {"end", IsoDateFromToday(240)},
            {"enrolment_opens", FrenchDate(IsoDateFromToday(-5))},  // typed by hand
            {"enrolment_closes", IsoDateFromToday(50)},
            {"capacity", "12"}};
  }

  // Creates a course of `organisation` as `browser`'s person; its id (0 and a failure if refused).
  int64_t CreateCourse(Browser& browser, int64_t organisation, const Fields& fields) {
    const std::string url = NewCourseUrl(organisation);
    HttpResponse r = browser.Post(url, WithCsrf(fields, CsrfOf(browser, url)));
    EXPECT_EQ(r.status, 303) << r.body.substr(0, 4000);
    std::smatch m;
    std::string location = r.Header("Location");
    if (!std::regex_match(location, m, std::regex(R"(/espace/formations/(\d+)\?avis=creee)"))) {
      ADD_FAILURE() << "Location: " << location;
      return 0;
    }
    return std::stoll(m[1].str());
  }

  // Adds a session to `course`; its id (the highest on the course's page; 0 and a failure if refused).
  int64_t AddSession(Browser& browser, int64_t course, const Fields& fields) {
    const std::string url = EditorUrl(course) + "/nouvelle-session";
    HttpResponse r = browser.Post(url, WithCsrf(fields, CsrfOf(browser, url)));
    EXPECT_EQ(r.status, 303) << r.body.substr(0, 4000);
    EXPECT_EQ(r.Header("Location"), EditorUrl(course) + "?avis=session-ajoutee");
    return LastSessionId(browser, course);
  }

  static int64_t LastSessionId(Browser& browser, int64_t course) {
    std::string page = browser.Get(EditorUrl(course)).body;
    int64_t last = 0;
    std::regex link("href=\"" + EditorUrl(course) + R"re(/sessions/(\d+)")re");
    for (std::sregex_iterator it(page.begin(), page.end(), link), end; it != end; ++it)
      last = std::max<int64_t>(last, std::stoll((*it)[1].str()));
    EXPECT_GT(last, 0) << "no session on the course's page";
    return last;
  }

  // The course's sessions as the API gives them (the course must be public).
  json::array ApiSessions(int64_t course) {
    HttpResponse r = Public("/api/v1/courses/" + std::to_string(course));
    EXPECT_EQ(r.status, 200);
    json::value parsed = ParseJson(r.body);
    return Member(parsed, "sessions").is_array() ? Member(parsed, "sessions").as_array() : json::array{};
  }

  // A published course of Alice's first organisation, with a session (demo data), as the API
  // lists them: (course, session).
  std::pair<int64_t, int64_t> DemoCourseWithSession(int64_t organisation) {
    json::value listed = ParseJson(Public("/api/v1/courses?per_page=100").body);
    for (const json::value& course : Member(listed, "results").as_array()) {
      if (static_cast<int64_t>(Number(Member(Member(course, "organisation"), "id"))) != organisation) continue;
      int64_t id = static_cast<int64_t>(Number(Member(course, "id")));
      json::array sessions = ApiSessions(id);
      if (!sessions.empty()) return {id, static_cast<int64_t>(Number(Member(sessions.front(), "id")))};
    }
    ADD_FAILURE() << "no course with a session for organisation " << organisation;
    return {0, 0};
  }

  int64_t outsider_organisation_ = 0;
  int64_t outsider_course_ = 0;
};

// The whole life of a course, as its organisation and GEN live it.
TEST_F(SecurityBackOfficeCourses, ACourseGoesFromDraftToLabelledWithSessionsThenArchivedAndRestored) {
  auto alice = Alice();
  ASSERT_FALSE(HasFatalFailure());
  const int audit_before = AuditEntries();

  // Created as a draft: its page says so, the public sees nothing.
  HttpResponse form = alice->Get(NewCourseUrl(organisations_[0].id));
  ASSERT_EQ(form.status, 200);
  EXPECT_EQ(form.Header("Cache-Control"), "no-store");
  EXPECT_TRUE(Contains(form.body, organisations_[0].name.substr(0, 10)) || Contains(form.body, HtmlEscape(organisations_[0].name)));
  const int64_t id = CreateCourse(*alice, organisations_[0].id, ValidCourse("Quokkatronique : développement web"));
  ASSERT_GT(id, 0);
  HttpResponse editor = alice->Get(EditorUrl(id) + "?avis=creee");
  ASSERT_EQ(editor.status, 200);
  EXPECT_TRUE(Contains(editor.body, "Formation créée")) << editor.body.substr(0, 3000);
  EXPECT_TRUE(Contains(editor.body, "data-status=\"draft\""));
  EXPECT_TRUE(Contains(editor.body, "Pas encore labellisée"));
  EXPECT_TRUE(Contains(editor.body, "Développeur / Développeuse web"));
  EXPECT_TRUE(Contains(editor.body, "RNCP37674"));
  EXPECT_FALSE(Contains(editor.body, "value=\"grant\"")) << "only administrators see the label buttons";
  EXPECT_EQ(Public("/formations/" + std::to_string(id)).status, 404);
  EXPECT_EQ(Public("/api/v1/courses/" + std::to_string(id)).status, 404);
  EXPECT_TRUE(SearchIds("quokkatronique").empty());
  EXPECT_FALSE(Contains(Public("/organismes/" + std::to_string(organisations_[0].id)).body, "Quokkatronique"));
  EXPECT_EQ(AuditEntries(), audit_before + 1) << "the creation is audited";

  // GEN grants the label: in search at once, with its public page.
  auto admin = SignedIn(kAdminEmail);
  ASSERT_FALSE(HasFatalFailure());
  std::string admin_csrf = CsrfOf(*admin, EditorUrl(id));
  EXPECT_TRUE(Contains(admin->Get(EditorUrl(id)).body, "value=\"grant\""));
  HttpResponse granted = admin->Post(EditorUrl(id) + "/label", {{"csrf", admin_csrf}, {"action", "grant"}});
  ASSERT_EQ(granted.status, 303) << granted.body.substr(0, 3000);
  EXPECT_EQ(granted.Header("Location"), EditorUrl(id) + "?avis=label-accorde");
  EXPECT_EQ(SearchIds("quokkatronique"), std::set<int64_t>{id});
  HttpResponse page = Public("/formations/" + std::to_string(id));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Contains(page.body, "Quokkatronique"));
  EXPECT_TRUE(Contains(Public("/organismes/" + std::to_string(organisations_[0].id)).body, "Quokkatronique"));
  EXPECT_TRUE(Contains(alice->Get(EditorUrl(id)).body, "data-status=\"published\""));

  // A session in Roubaix: on the public page with its place, in the API.
  const int64_t session = AddSession(*alice, id, ValidSession());
  ASSERT_GT(session, 0);
  page = Public("/formations/" + std::to_string(id));
  EXPECT_TRUE(Contains(page.body, "Roubaix (59)")) << page.body.substr(0, 5000);
  EXPECT_TRUE(Contains(page.body, HtmlEscape("12 rue de l’Épeule, Roubaix")));
  EXPECT_TRUE(Contains(page.body, "12 places"));
  json::array sessions = ApiSessions(id);
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_EQ(Text(Member(Member(sessions[0], "place"), "commune_code")), "59512");
  EXPECT_EQ(Text(Member(sessions[0], "start")), IsoDateFromToday(60));
  EXPECT_EQ(Text(Member(sessions[0], "enrolment_opens")), IsoDateFromToday(-5)) << "typed as JJ/MM/AAAA";
  EXPECT_EQ(Text(Member(sessions[0], "recruitment")), "open");
  // Searching around Roubaix finds it there.
  json::value near = ParseJson(Public("/api/v1/courses?q=quokkatronique&where=Roubaix").body);
  ASSERT_FALSE(Member(near, "results").as_array().empty());

  // Edited: the form comes filled, the change shows at once.
  HttpResponse edit_form = alice->Get(SessionUrl(id, session));
  ASSERT_EQ(edit_form.status, 200);
  EXPECT_TRUE(Contains(edit_form.body, "value=\"Roubaix (59)\"")) << edit_form.body.substr(0, 4000);
  EXPECT_TRUE(Contains(edit_form.body, "value=\"" + IsoDateFromToday(60) + "\""));
  std::string csrf = FirstMatch(edit_form.body, kFormCsrf);
  Fields edited = With(With(ValidSession(), "capacity", "20"), "address", "3 place de la Liberté");
  HttpResponse saved = alice->Post(SessionUrl(id, session), WithCsrf(edited, csrf));
  ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 4000);
  EXPECT_EQ(saved.Header("Location"), EditorUrl(id) + "?avis=session-enregistree");
  page = Public("/formations/" + std::to_string(id));
  EXPECT_TRUE(Contains(page.body, "20 places"));
  EXPECT_TRUE(Contains(page.body, "3 place de la Liberté, Roubaix"));
  EXPECT_EQ(ApiSessions(id).size(), 1u) << "edited, not added";

  // Recruitment closed by the organisation: closed on the public page and in the API at once.
  HttpResponse closed = alice->Post(SessionUrl(id, session) + "/recrutement", {{"csrf", csrf}, {"action", "close"}});
  ASSERT_EQ(closed.status, 303) << closed.body.substr(0, 3000);
  EXPECT_EQ(closed.Header("Location"), EditorUrl(id) + "?avis=inscriptions-closes");
  EXPECT_EQ(Text(Member(ApiSessions(id)[0], "recruitment")), "closed");
  EXPECT_TRUE(Contains(Public("/formations/" + std::to_string(id)).body, "Inscriptions closes"));
  std::string own = alice->Get(EditorUrl(id)).body;
  EXPECT_TRUE(Contains(own, "(par l’organisme)"));
  EXPECT_TRUE(Contains(own, "value=\"reopen\""));
  // Editing the session keeps it closed.
  ASSERT_EQ(alice->Post(SessionUrl(id, session), WithCsrf(edited, csrf)).status, 303);
  EXPECT_EQ(Text(Member(ApiSessions(id)[0], "recruitment")), "closed");
  HttpResponse reopened = alice->Post(SessionUrl(id, session) + "/recrutement", {{"csrf", csrf}, {"action", "reopen"}});
  ASSERT_EQ(reopened.status, 303);
  EXPECT_EQ(Text(Member(ApiSessions(id)[0], "recruitment")), "open");
  ASSERT_EQ(alice->Post(SessionUrl(id, session) + "/recrutement", {{"csrf", csrf}, {"action", "full"}}).status, 303);
  EXPECT_EQ(Text(Member(ApiSessions(id)[0], "recruitment")), "full");

  // Archived: gone from search, its page and the API at once; the organisation still edits it.
  HttpResponse archived = alice->Post(EditorUrl(id) + "/statut", {{"csrf", csrf}, {"action", "archive"}});
  ASSERT_EQ(archived.status, 303) << archived.body.substr(0, 3000);
  EXPECT_EQ(archived.Header("Location"), EditorUrl(id) + "?avis=archivee");
  EXPECT_TRUE(SearchIds("quokkatronique").empty());
  EXPECT_EQ(Public("/formations/" + std::to_string(id)).status, 404);
  EXPECT_EQ(Public("/api/v1/courses/" + std::to_string(id)).status, 404);
  EXPECT_FALSE(Contains(Public("/organismes/" + std::to_string(organisations_[0].id)).body, "Quokkatronique"));
  own = alice->Get(EditorUrl(id)).body;
  EXPECT_TRUE(Contains(own, "data-status=\"archived\""));
  EXPECT_TRUE(Contains(own, "value=\"restore\""));
  // Archiving twice is refused, and says why.
  HttpResponse twice = alice->Post(EditorUrl(id) + "/statut", {{"csrf", csrf}, {"action", "archive"}});
  EXPECT_EQ(twice.status, 409);
  EXPECT_TRUE(Contains(twice.body, "déjà archivée"));

  // Restored: its label is in force, so it is published again.
  HttpResponse restored = alice->Post(EditorUrl(id) + "/statut", {{"csrf", csrf}, {"action", "restore"}});
  ASSERT_EQ(restored.status, 303);
  EXPECT_EQ(restored.Header("Location"), EditorUrl(id) + "?avis=en-ligne");
  EXPECT_EQ(SearchIds("quokkatronique"), std::set<int64_t>{id});
  EXPECT_EQ(Public("/formations/" + std::to_string(id)).status, 200);

  // GEN withdraws the label: out of search, the page stays and says so.
  HttpResponse withdrawn = admin->Post(EditorUrl(id) + "/label", {{"csrf", admin_csrf}, {"action", "withdraw"}});
  ASSERT_EQ(withdrawn.status, 303);
  EXPECT_TRUE(SearchIds("quokkatronique").empty());
  page = Public("/formations/" + std::to_string(id));
  EXPECT_EQ(page.status, 200);
  EXPECT_TRUE(Contains(page.body, "Label retiré"));
  // Archived then restored without a label in force: back to draft, not public.
  ASSERT_EQ(alice->Post(EditorUrl(id) + "/statut", {{"csrf", csrf}, {"action", "archive"}}).status, 303);
  HttpResponse to_draft = alice->Post(EditorUrl(id) + "/statut", {{"csrf", csrf}, {"action", "restore"}});
  EXPECT_EQ(to_draft.Header("Location"), EditorUrl(id) + "?avis=brouillon");
  EXPECT_EQ(Public("/formations/" + std::to_string(id)).status, 404);

  // Every step is in the audit log, whose chain is intact: creation, label, session added and
  // edited twice, recruitment ×3, archive, restore, withdrawal, archive, restore.
  EXPECT_EQ(AuditEntries(), audit_before + 13);
}

// A course that never had a label, archived then restored, is a draft waiting for its label (the
// notice does not speak of a label "no longer valid"); GEN's label does not undo an archiving:
// the course stays archived until its organisation restores it, and is published then.
TEST_F(SecurityBackOfficeCourses, ALabelKeepsAnArchivedCourseArchivedAndANeverLabelledOneWaitsForIt) {
  auto alice = Alice();
  auto admin = SignedIn(kAdminEmail);
  const int64_t id = CreateCourse(*alice, organisations_[0].id, ValidCourse("Zibelinographie appliquée"));
  ASSERT_GT(id, 0);
  const std::string csrf = CsrfOf(*alice, EditorUrl(id));
  ASSERT_EQ(alice->Post(EditorUrl(id) + "/statut", {{"csrf", csrf}, {"action", "archive"}}).status, 303);
  HttpResponse restored = alice->Post(EditorUrl(id) + "/statut", {{"csrf", csrf}, {"action", "restore"}});
  ASSERT_EQ(restored.status, 303);
  EXPECT_EQ(restored.Header("Location"), EditorUrl(id) + "?avis=brouillon-sans-label");
  EXPECT_EQ(restored.Header("Cache-Control"), "no-store");
  std::string page = alice->Get(restored.Header("Location")).body;
  EXPECT_TRUE(Contains(page, "jusqu’à ce que la Grande École du Numérique lui accorde son label")) << page;
  EXPECT_FALSE(Contains(page, "n’est plus valable"));

  ASSERT_EQ(alice->Post(EditorUrl(id) + "/statut", {{"csrf", csrf}, {"action", "archive"}}).status, 303);
  HttpResponse granted =
      admin->Post(EditorUrl(id) + "/label", {{"csrf", CsrfOf(*admin, EditorUrl(id))}, {"action", "grant"}});
  ASSERT_EQ(granted.status, 303) << granted.body.substr(0, 3000);
  EXPECT_EQ(granted.Header("Location"), EditorUrl(id) + "?avis=label-accorde-archivee");
  page = admin->Get(granted.Header("Location")).body;
  EXPECT_TRUE(Contains(page, "La formation reste archivée")) << page;
  EXPECT_TRUE(Contains(page, "data-status=\"archived\""));
  EXPECT_EQ(Public("/formations/" + std::to_string(id)).status, 404);
  EXPECT_TRUE(SearchIds("zibelinographie").empty());

  HttpResponse online = alice->Post(EditorUrl(id) + "/statut", {{"csrf", csrf}, {"action", "restore"}});
  ASSERT_EQ(online.status, 303);
  EXPECT_EQ(online.Header("Location"), EditorUrl(id) + "?avis=en-ligne");
  EXPECT_EQ(Public("/formations/" + std::to_string(id)).status, 200);
  EXPECT_EQ(SearchIds("zibelinographie"), std::set<int64_t>{id});
}

// A remote course's sessions have no place; the English pages keep their language.
TEST_F(SecurityBackOfficeCourses, ARemoteCourseHasSessionsWithoutPlaceAndFormsKeepTheirLanguage) {
  auto alice = Alice();
  ASSERT_FALSE(HasFatalFailure());
  HttpResponse english = alice->Get(NewCourseUrl(organisations_[1].id) + "?lang=en");
  ASSERT_EQ(english.status, 200);
  EXPECT_TRUE(Contains(english.body, "Create the course"));
  EXPECT_TRUE(Contains(english.body, "action=\"" + NewCourseUrl(organisations_[1].id) + "?lang=en\""));
  std::string csrf = FirstMatch(english.body, kFormCsrf);
  HttpResponse refused = alice->Post(NewCourseUrl(organisations_[1].id) + "?lang=en",
                                     WithCsrf(With(ValidCourse("Télétravailleur"), "cost", "gratuit"), csrf));
  EXPECT_EQ(refused.status, 400);
  EXPECT_TRUE(Contains(refused.body, HtmlEscape("“gratuit” is not a valid cost")));

  HttpResponse created = alice->Post(NewCourseUrl(organisations_[1].id) + "?lang=en",
                                     WithCsrf(With(ValidCourse("Télétravailleur numérique"), "mode", "remote"), csrf));
  ASSERT_EQ(created.status, 303) << created.body.substr(0, 3000);
  std::smatch m;
  std::string location = created.Header("Location");
  ASSERT_TRUE(std::regex_match(location, m, std::regex(R"(/espace/formations/(\d+)\?lang=en&avis=creee)"))) << location;
  const int64_t id = std::stoll(m[1].str());
  EXPECT_TRUE(Contains(alice->Get(location).body, "Course created."));

  HttpResponse session_form = alice->Get(EditorUrl(id) + "/nouvelle-session");
  ASSERT_EQ(session_form.status, 200);
  EXPECT_FALSE(Contains(session_form.body, "name=\"place\"")) << "a remote session has no place";
  EXPECT_TRUE(Contains(session_form.body, "Formation à distance"));
  Fields remote = ValidSession();
  FieldOf(remote, "place") = "";
  FieldOf(remote, "address") = "";
  const int64_t session = AddSession(*alice, id, remote);
  ASSERT_GT(session, 0);
  auto admin = SignedIn(kAdminEmail);
  ASSERT_FALSE(HasFatalFailure());
  ASSERT_EQ(admin->Post(EditorUrl(id) + "/label", {{"csrf", CsrfOf(*admin, EditorUrl(id))}, {"action", "grant"}}).status, 303);
  json::array sessions = ApiSessions(id);
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_TRUE(Member(sessions[0], "remote").as_bool());
  EXPECT_TRUE(Member(sessions[0], "place").is_null());
  EXPECT_TRUE(Contains(Public("/formations/" + std::to_string(id)).body, "En ligne"));
}

// Each rule of the new-course form: its message next to its field (and in the summary), the
// typed values kept, status 400, nothing stored.
TEST_F(SecurityBackOfficeCourses, EachRefusedCourseFieldIsShownNextToItAndNothingIsStored) {
  auto alice = Alice();
  ASSERT_FALSE(HasFatalFailure());
  const std::string url = NewCourseUrl(organisations_[0].id);
  const std::string csrf = CsrfOf(*alice, url);
  const int audit_before = AuditEntries();
  struct Case {
    Fields fields;
    std::string field;
    std::string message;  // as the page shows it (escaped)
  };
  Fields base = ValidCourse("Refusée");
  Fields no_professions;
  for (const auto& [key, value] : base)
    if (key != "professions") no_professions.emplace_back(key, value);
  const std::vector<Case> cases = {
      {With(base, "title", "   "), "title", "Le titre de la formation est obligatoire."},
      {With(base, "title", std::string(201, 'x')), "title", "Le champ « Intitulé » est trop long : 200 caractères au plus."},
      {With(base, "summary", ""), "summary", "Indiquez un résumé de la formation"},
      {With(base, "family", ""), "family", "Choisissez la famille de métiers"},
      {With(base, "family", "astronomie"), "family", "La famille de métiers « astronomie » n’existe pas"},
      {no_professions, "professions", "Cochez au moins un métier"},
      {With(base, "professions", "astronaute"), "professions", "Le métier « astronaute » n’existe pas"},
      {With(base, "family", "data"), "professions", "n’est pas de la famille « Data »"},
      {With(base, "mode", "en-avion"), "mode", "Choisissez une modalité"},
      {With(base, "duration_hours", "0"), "duration_hours", "de 1 à 3000"},
      {With(base, "duration_hours", "3001"), "duration_hours", "de 1 à 3000"},
      {With(base, "duration_weeks", "157"), "duration_weeks", "de 1 à 156"},
      {With(base, "duration_weeks", "douze"), "duration_weeks", "de 1 à 156"},
      {With(base, "cost", ""), "cost", "Indiquez le coût pour la personne formée"},
      {With(base, "cost", "-10"), "cost", "« -10 » n’est pas un coût valide"},
      {With(base, "cost", "12,345"), "cost", "n’est pas un coût valide"},
      {With(base, "rncp_code", "RS1234"), "rncp_code", "Le code RNCP « RS1234 » n’est pas valide"},
      {With(base, "certification_title", ""), "certification_title", "Indiquez l’intitulé de la certification"},
      {With(base, "certification_level", "9"), "certification_level", "Choisissez le niveau de la certification, de 3 à 8."},
      {With(base, "rncp_code", ""), "rncp_code", "ou laissez vides son intitulé et son niveau"},
      {With(base, "title", "Titre\x01invisible"), "title", "caractère de contrôle invisible"},
      {With(base, "summary", "r\xC3\xA9sum\xE9 mal encod\xE9"), "summary", "caractères illisibles"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.field + ": " + c.message);
    HttpResponse r = alice->Post(url, WithCsrf(c.fields, csrf));
    ASSERT_EQ(r.status, 400) << r.body.substr(0, 2000);
    EXPECT_EQ(r.Header("Cache-Control"), "no-store");
    EXPECT_TRUE(Contains(r.body, "id=\"" + c.field + "-error\"")) << "the message is next to its field";
    EXPECT_TRUE(Contains(r.body, HtmlEscape(c.message))) << r.body.substr(0, 6000);
    EXPECT_TRUE(Contains(r.body, "href=\"#" + c.field + "\"")) << "the summary links to the field";
    EXPECT_TRUE(Contains(r.body, "aria-describedby=\"" + c.field + "-error\"") ||
                Contains(r.body, c.field + "-hint " + c.field + "-error"));
  }
  // What was typed is kept.
  HttpResponse kept = alice->Post(url, WithCsrf(With(With(base, "cost", "-10"), "title", "Titre gardé"), csrf));
  EXPECT_TRUE(Contains(kept.body, "value=\"Titre gardé\""));
  EXPECT_TRUE(Contains(kept.body, "value=\"-10\""));
  EXPECT_TRUE(Contains(kept.body, "value=\"web-developer\" checked"));
  EXPECT_TRUE(Contains(kept.body, "value=\"5\" selected"));
  EXPECT_EQ(AuditEntries(), audit_before) << "nothing was stored";
}

// Each rule of the session form, likewise; the public page and the API keep the session as it was.
TEST_F(SecurityBackOfficeCourses, EachRefusedSessionFieldIsShownNextToItAndNothingIsStored) {
  auto alice = Alice();
  ASSERT_FALSE(HasFatalFailure());
  auto [course, session] = DemoCourseWithSession(organisations_[0].id);
  ASSERT_GT(session, 0);
  const std::string before = Public("/api/v1/courses/" + std::to_string(course)).body;
  const int audit_before = AuditEntries();
  struct Case {
    Fields fields;
    std::string field;
    std::string message;
  };
  const Fields base = ValidSession();
  const std::vector<Case> cases = {
      {With(base, "place", ""), "place", "Indiquez la commune où se déroule la session"},
      {With(base, "place", "Zzyzxville"), "place", "Nous ne connaissons pas la commune « Zzyzxville »"},
      {With(base, "place", "Saint-Denis"), "place", "« Saint-Denis » peut désigner plusieurs communes : "},
      {With(base, "place", "Nord"), "place", "« Nord (59) » n’est pas une commune"},
      {With(base, "address", ""), "address", "Indiquez l’adresse où se déroule la session"},
      {With(base, "address", std::string(301, 'a')), "address", "Le champ « Adresse (numéro et rue) » est trop long"},
      {With(base, "start", "31/02/2027"), "start", "Indiquez la date de début au format JJ/MM/AAAA"},
      {With(base, "start", ""), "start", "Indiquez la date de début"},
      {With(base, "end", "demain"), "end", "Indiquez la date de fin au format JJ/MM/AAAA"},
      {With(base, "enrolment_opens", "2027-02-30"), "enrolment_opens", "Indiquez la date d’ouverture des inscriptions"},
      {With(base, "enrolment_closes", "1/13/2027"), "enrolment_closes", "Indiquez la date de clôture des inscriptions"},
      {With(base, "end", IsoDateFromToday(59)), "end", "La date de fin doit être le jour du début ou après."},
      {With(base, "enrolment_closes", IsoDateFromToday(-6)), "enrolment_closes", "La clôture des inscriptions doit être le jour de leur ouverture ou après."},
      {With(base, "enrolment_closes", IsoDateFromToday(241)), "enrolment_closes", "au plus tard le dernier jour de la session"},
      {With(With(base, "start", IsoDateFromToday(800)), "end", IsoDateFromToday(900)), "start", "plus de deux ans à l’avance"},
      {With(base, "capacity", "0"), "capacity", "de 1 à 500"},
      {With(base, "capacity", "501"), "capacity", "de 1 à 500"},
      {With(base, "capacity", "douze"), "capacity", "de 1 à 500"},
  };
  for (const std::string& url : {EditorUrl(course) + "/nouvelle-session", SessionUrl(course, session)}) {
    const std::string csrf = CsrfOf(*alice, url);
    for (const Case& c : cases) {
      SCOPED_TRACE(url + " " + c.field + ": " + c.message);
      HttpResponse r = alice->Post(url, WithCsrf(c.fields, csrf));
      ASSERT_EQ(r.status, 400) << r.body.substr(0, 2000);
      EXPECT_TRUE(Contains(r.body, "id=\"" + c.field + "-error\""));
      EXPECT_TRUE(Contains(r.body, HtmlEscape(c.message))) << r.body.substr(0, 6000);
      EXPECT_TRUE(Contains(r.body, "href=\"#" + c.field + "\""));
      EXPECT_TRUE(Contains(r.body, c.field + "-error\" aria-invalid=\"true\""));
    }
  }
  // A new session already over is refused; an existing one may be corrected.
  Fields past = With(With(With(base, "start", IsoDateFromToday(-40)), "end", IsoDateFromToday(-1)),
                     "enrolment_closes", IsoDateFromToday(-2));
  FieldOf(past, "enrolment_opens") = IsoDateFromToday(-60);
  const std::string new_url = EditorUrl(course) + "/nouvelle-session";
  HttpResponse over = alice->Post(new_url, WithCsrf(past, CsrfOf(*alice, new_url)));
  EXPECT_EQ(over.status, 400);
  EXPECT_TRUE(Contains(over.body, HtmlEscape("Cette session serait déjà terminée")));
  // Ambiguous places list what they could mean; the one typed back with its department works.
  HttpResponse ambiguous = alice->Post(new_url, WithCsrf(With(base, "place", "Saint-Denis"), CsrfOf(*alice, new_url)));
  EXPECT_TRUE(Contains(ambiguous.body, "Saint-Denis (93)")) << ambiguous.body.substr(0, 4000);
  EXPECT_TRUE(Contains(ambiguous.body, "Saint-Denis (974)"));
  EXPECT_TRUE(Contains(ambiguous.body, "value=\"Saint-Denis\"")) << "the typed value is kept";

  EXPECT_EQ(Public("/api/v1/courses/" + std::to_string(course)).body, before) << "nothing changed";
  EXPECT_EQ(AuditEntries(), audit_before);

  ASSERT_GT(AddSession(*alice, course, With(base, "place", "Saint-Denis (93)")), session);
  bool found = false;
  for (const json::value& s : ApiSessions(course))
    found = found || Text(Member(Member(s, "place"), "commune_code")) == "93066";
  EXPECT_TRUE(found) << "Saint-Denis (93) is INSEE 93066";
}

// Another organisation's member, and ids mixed across organisations or courses: the course, the
// session or the organisation does not exist for them (404), and nothing changes.
TEST_F(SecurityBackOfficeCourses, OtherOrganisationsAndMixedIdsAnswer404AndChangeNothing) {
  auto alice = Alice();
  auto outsider = SignedIn(kOutsiderEmail);
  ASSERT_FALSE(HasFatalFailure());
  auto [course_a, session_a] = DemoCourseWithSession(organisations_[0].id);
  auto [course_b, session_b] = DemoCourseWithSession(organisations_[1].id);  // Alice's too
  auto [course_c, session_c] = DemoCourseWithSession(outsider_organisation_);  // Carole's
  ASSERT_GT(session_a * session_b * session_c, 0);
  const std::string alice_csrf = CsrfOf(*alice, EditorUrl(course_a));
  const std::string outsider_csrf = CsrfOf(*outsider, EditorUrl(course_c));
  const std::string api_a = Public("/api/v1/courses/" + std::to_string(course_a)).body;
  const std::string api_b = Public("/api/v1/courses/" + std::to_string(course_b)).body;
  const std::string api_c = Public("/api/v1/courses/" + std::to_string(course_c)).body;
  const int audit_before = AuditEntries();

  // Carole, on Alice's organisation's course, session and organisation.
  const Fields course_form = ValidCourse("Zébulonesque");
  const Fields session_form = ValidSession();
  struct Attempt {
    std::string method, target;
    Fields form;
  };
  const std::vector<Attempt> outsider_attempts = {
      {"GET", EditorUrl(course_a), {}},
      {"POST", EditorUrl(course_a), {{"title", "Pris par un autre organisme"}}},
      {"POST", EditorUrl(course_a) + "/statut", {{"action", "archive"}}},
      {"GET", EditorUrl(course_a) + "/nouvelle-session", {}},
      {"POST", EditorUrl(course_a) + "/nouvelle-session", session_form},
      {"GET", SessionUrl(course_a, session_a), {}},
      {"POST", SessionUrl(course_a, session_a), session_form},
      {"POST", SessionUrl(course_a, session_a) + "/recrutement", {{"action", "close"}}},
      {"GET", NewCourseUrl(organisations_[0].id), {}},
      {"POST", NewCourseUrl(organisations_[0].id), course_form},
      // Its own course with Alice's session, and the other way round.
      {"GET", SessionUrl(course_c, session_a), {}},
      {"POST", SessionUrl(course_c, session_a), session_form},
      {"POST", SessionUrl(course_c, session_a) + "/recrutement", {{"action", "close"}}},
  };
  for (const Attempt& a : outsider_attempts) {
    SCOPED_TRACE("Carole: " + a.method + " " + a.target);
    HttpResponse r = a.method == "GET" ? outsider->Get(a.target) : outsider->Post(a.target, WithCsrf(a.form, outsider_csrf));
    EXPECT_EQ(r.status, 404) << r.body.substr(0, 1000);
    EXPECT_FALSE(Contains(r.body, "Zébulonesque"));
  }
  // Alice, with ids mixed: a session of course A under course B (both hers), a session of
  // Carole's course under hers, Carole's organisation in the new-course address, odd ids.
  const std::vector<Attempt> mixed = {
      {"GET", SessionUrl(course_b, session_a), {}},
      {"POST", SessionUrl(course_b, session_a), session_form},
      {"POST", SessionUrl(course_b, session_a) + "/recrutement", {{"action", "close"}}},
      {"GET", SessionUrl(course_a, session_c), {}},
      {"POST", SessionUrl(course_a, session_c), session_form},
      {"POST", SessionUrl(course_a, session_c) + "/recrutement", {{"action", "full"}}},
      {"GET", EditorUrl(course_c), {}},
      {"POST", EditorUrl(course_c) + "/statut", {{"action", "archive"}}},
      {"POST", EditorUrl(course_c) + "/nouvelle-session", session_form},
      {"GET", NewCourseUrl(outsider_organisation_), {}},
      {"POST", NewCourseUrl(outsider_organisation_), course_form},
      {"GET", NewCourseUrl(999999), {}},
      {"GET", EditorUrl(999999), {}},
      {"GET", "/espace/formations/-1", {}},
      {"GET", "/espace/formations/1x", {}},
      {"GET", "/espace/formations/99999999999999999999999", {}},
      {"GET", EditorUrl(course_a) + "/sessions/0", {}},
      {"GET", EditorUrl(course_a) + "/sessions/abc", {}},
      {"POST", "/espace/organismes/0/nouvelle-formation", course_form},
  };
  for (const Attempt& a : mixed) {
    SCOPED_TRACE("Alice: " + a.method + " " + a.target);
    HttpResponse r = a.method == "GET" ? alice->Get(a.target) : alice->Post(a.target, WithCsrf(a.form, alice_csrf));
    EXPECT_EQ(r.status, 404) << r.body.substr(0, 1000);
  }
  // A reviewer edits no course.
  auto bob = SignedIn(kBobEmail, kBobPassword);
  ASSERT_FALSE(HasFatalFailure());
  EXPECT_EQ(bob->Get(EditorUrl(course_a)).status, 404);
  EXPECT_EQ(bob->Get(NewCourseUrl(organisations_[0].id)).status, 404);

  EXPECT_EQ(Public("/api/v1/courses/" + std::to_string(course_a)).body, api_a);
  EXPECT_EQ(Public("/api/v1/courses/" + std::to_string(course_b)).body, api_b);
  EXPECT_EQ(Public("/api/v1/courses/" + std::to_string(course_c)).body, api_c);
  EXPECT_TRUE(SearchIds("zebulonesque").empty());
  EXPECT_EQ(AuditEntries(), audit_before) << "nothing was stored";
}

// Forms without the session's CSRF token (missing, wrong, another person's) are refused with
// 403 and change nothing; a member cannot decide labels (403 from the guard), nor a reviewer.
TEST_F(SecurityBackOfficeCourses, FormsWithoutTheSessionsTokenAre403AndLabelsAreForAdministrators) {
  auto alice = Alice();
  auto admin = SignedIn(kAdminEmail);
  ASSERT_FALSE(HasFatalFailure());
  auto [course, session] = DemoCourseWithSession(organisations_[0].id);
  ASSERT_GT(session, 0);
  const std::string admin_csrf = CsrfOf(*admin, EditorUrl(course));
  const std::string alice_csrf = CsrfOf(*alice, EditorUrl(course));
  const std::string api_before = Public("/api/v1/courses/" + std::to_string(course)).body;
  const int audit_before = AuditEntries();

  const std::vector<std::pair<std::string, Fields>> forms = {
      {EditorUrl(course), {{"title", "Sans jeton"}}},
      {EditorUrl(course) + "/statut", {{"action", "archive"}}},
      {EditorUrl(course) + "/nouvelle-session", ValidSession()},
      {SessionUrl(course, session), ValidSession()},
      {SessionUrl(course, session) + "/recrutement", {{"action", "close"}}},
      {NewCourseUrl(organisations_[0].id), ValidCourse("Sans jeton")},
  };
  for (const auto& [target, fields] : forms) {
    for (const std::string& token : {std::string(), std::string("0123456789abcdef"), admin_csrf}) {
      SCOPED_TRACE(target + " with token '" + token + "'");
      HttpResponse r = alice->Post(target, token.empty() ? fields : WithCsrf(fields, token));
      EXPECT_EQ(r.status, 403) << r.body.substr(0, 1000);
      EXPECT_TRUE(Contains(r.body, kCsrfRefused));
    }
  }
  // The label: administrators only, whatever the member sends.
  for (const std::string& action : {"grant", "withdraw"}) {
    EXPECT_EQ(alice->Post(EditorUrl(course) + "/label", {{"csrf", alice_csrf}, {"action", action}}).status, 403);
    EXPECT_EQ(admin->Post(EditorUrl(course) + "/label", {{"action", action}}).status, 403) << "no token";
    EXPECT_EQ(admin->Post(EditorUrl(course) + "/label", {{"csrf", alice_csrf}, {"action", action}}).status, 403);
  }
  auto bob = SignedIn(kBobEmail, kBobPassword);
  ASSERT_FALSE(HasFatalFailure());
  EXPECT_EQ(bob->Post(EditorUrl(course) + "/label", {{"csrf", CsrfOf(*bob, "/espace")}, {"action", "withdraw"}}).status, 403);
  // An unknown action with the right token is refused and says why.
  HttpResponse unknown = admin->Post(EditorUrl(course) + "/label", {{"csrf", admin_csrf}, {"action", "supprimer"}});
  EXPECT_EQ(unknown.status, 400);
  EXPECT_TRUE(Contains(unknown.body, HtmlEscape("Cette action n’existe pas")));
  HttpResponse no_action = alice->Post(SessionUrl(course, session) + "/recrutement", {{"csrf", alice_csrf}});
  EXPECT_EQ(no_action.status, 400);

  EXPECT_EQ(Public("/api/v1/courses/" + std::to_string(course)).body, api_before);
  EXPECT_TRUE(SearchIds("jeton").empty());
  EXPECT_EQ(AuditEntries(), audit_before) << "nothing was stored";
}

// Markup typed in every text field comes back escaped on every page that shows it, never as
// markup; SQL metacharacters are stored and shown intact; the API's JSON stays valid with the
// texts exactly as typed.
TEST_F(SecurityBackOfficeCourses, MarkupAndSqlInEveryTextFieldComeBackEscapedAndIntact) {
  auto alice = Alice();
  auto admin = SignedIn(kAdminEmail);
  ASSERT_FALSE(HasFatalFailure());
  const std::string title = "Xylophonique " + std::string(kScript) + " " + std::string(kSql);
  const std::string summary = "Résumé " + std::string(kImage) + " \\ \" " + std::string(kSql);
  const std::string certification = "Titre " + std::string(kScript) + std::string(kImage);
  const std::string address = "1 rue " + std::string(kImage) + " " + std::string(kScript) + " " + std::string(kSql);
  const std::string objectives = "Objectif " + std::string(kScript);
  const std::vector<std::string> payloads = {title, summary, certification, address, objectives};

  // Refused forms echo what was typed, escaped.
  const std::string new_url = NewCourseUrl(organisations_[0].id);
  HttpResponse refused = alice->Post(new_url, WithCsrf(With(With(With(ValidCourse(title), "summary", summary),
                                                                   "certification_title", certification),
                                                              "cost", std::string(kImage)),
                                                         CsrfOf(*alice, new_url)));
  ASSERT_EQ(refused.status, 400);
  for (const std::string& typed : {title, summary, certification, std::string(kImage)})
    EXPECT_TRUE(Contains(refused.body, HtmlEscape(typed))) << typed;

  const int64_t id = CreateCourse(*alice, organisations_[0].id,
                                  With(With(ValidCourse(title), "summary", summary), "certification_title", certification));
  ASSERT_GT(id, 0);
  std::string csrf = CsrfOf(*alice, EditorUrl(id));
  Fields texts = {{"csrf", csrf}, {"title", title}, {"objectives", objectives}};
  ASSERT_EQ(alice->Post(EditorUrl(id), texts).status, 303);
  const int64_t session = AddSession(*alice, id, With(ValidSession(), "address", address));
  ASSERT_GT(session, 0);
  // A place typed with markup is said back escaped.
  const std::string session_url = EditorUrl(id) + "/nouvelle-session";
  HttpResponse bad_place = alice->Post(session_url, WithCsrf(With(ValidSession(), "place", std::string(kImage)),
                                                             CsrfOf(*alice, session_url)));
  EXPECT_EQ(bad_place.status, 400);
  EXPECT_TRUE(Contains(bad_place.body, HtmlEscape(kImage)));
  ASSERT_EQ(admin->Post(EditorUrl(id) + "/label", {{"csrf", CsrfOf(*admin, EditorUrl(id))}, {"action", "grant"}}).status, 303);

  const std::vector<std::pair<std::string, std::string>> pages = {
      {"course editor", alice->Get(EditorUrl(id)).body},
      {"course editor (administrator)", admin->Get(EditorUrl(id)).body},
      {"session editor", alice->Get(SessionUrl(id, session)).body},
      {"refused new-course form", refused.body},
      {"public course page", Public("/formations/" + std::to_string(id)).body},
      {"organisation page", Public("/organismes/" + std::to_string(organisations_[0].id)).body},
      {"search results", Public("/formations?q=xylophonique").body},
      {"account page", alice->Get("/espace").body},
  };
  for (const auto& [name, page] : pages) {
    SCOPED_TRACE(name);
    EXPECT_FALSE(Contains(page, "<script>alert(1)")) << page.substr(0, 3000);
    EXPECT_FALSE(Contains(page, "<img src=x")) << page.substr(0, 3000);
    EXPECT_TRUE(Contains(page, HtmlEscape(kScript)) || Contains(page, HtmlEscape(kImage)));
  }
  const std::map<std::string, std::vector<std::string>> expected = {
      {"course editor", {title, summary, certification, address, objectives}},
      {"session editor", {address}},
      {"public course page", {title, summary, certification, address, objectives}},
      {"organisation page", {title}},
      {"search results", {title}},
  };
  for (const auto& [name, texts_shown] : expected) {
    const std::string& page = std::find_if(pages.begin(), pages.end(), [&](const auto& p) { return p.first == name; })->second;
    for (const std::string& text : texts_shown) EXPECT_TRUE(Contains(page, HtmlEscape(text))) << name << ": " << text;
  }

  // The API: valid JSON, the texts exactly as typed, SQL included.
  HttpResponse api = Public("/api/v1/courses/" + std::to_string(id));
  ASSERT_EQ(api.status, 200);
  json::value course = ParseJson(api.body);
  ASSERT_TRUE(course.is_object()) << api.body.substr(0, 500);
  EXPECT_EQ(Text(Member(course, "title")), title);
  EXPECT_EQ(Text(Member(course, "summary")), summary);
  EXPECT_EQ(Text(Member(course, "objectives")), objectives);
  ASSERT_EQ(Member(course, "sessions").as_array().size(), 1u);
  EXPECT_EQ(Text(Member(Member(course, "sessions").as_array()[0], "address")), address);
  EXPECT_EQ(Text(Member(Member(course, "certification"), "title")), certification);
  json::value found = ParseJson(Public("/api/v1/courses?q=xylophonique").body);
  ASSERT_EQ(Member(found, "results").as_array().size(), 1u);
  EXPECT_EQ(Text(Member(Member(found, "results").as_array()[0], "title")), title);
  // The tables are all still there: the catalogue still answers.
  EXPECT_EQ(Public("/api/v1/courses?per_page=1").status, 200);
}

}  // namespace
}  // namespace tremplin::integration
