// What the integration tests of accounts and the back office share: a browser with a cookie
// jar, form helpers, and a fixture with a demo database, a server and two accounts (Alice, a
// member of two organisations, and Bob, a reviewer), with sign-in helpers.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "support/temp_dir.h"
#include "test_server.h"
#include "test_support.h"

namespace tremplin::integration {


namespace fs = std::filesystem;
namespace json = boost::json;

inline constexpr std::string_view kSessionCookie = "tremplin_session";
inline constexpr std::string_view kLoginCsrfCookie = "tremplin_login_csrf";

// The people of these tests. Alice's password has spaces and accents: it goes through stdin,
// form encoding and UTF-8 untouched.
inline constexpr std::string_view kAliceEmail = "alice.martin@example.org";
inline constexpr std::string_view kAliceName = "Alice Martin";
inline constexpr std::string_view kAlicePassword = "Quatre chevaux boivent du thé vert";
inline constexpr std::string_view kBobEmail = "bob.durand@example.org";
inline constexpr std::string_view kBobName = "Bob Durand";
inline constexpr std::string_view kBobPassword = "un parapluie jaune sous la grêle";

// The messages the pages must show (src/core/messages/).
inline constexpr std::string_view kLoginFailed = "Adresse électronique ou mot de passe incorrect.";
inline constexpr std::string_view kCsrfRefused = "Ce formulaire a expiré ou ne vient pas de ce site.";
inline constexpr std::string_view kThrottled = "Trop de tentatives de connexion.";
inline constexpr std::string_view kLoggedOut = "Vous êtes déconnecté·e.";

inline const std::regex kFormCsrf(R"re(name="csrf" value="([^"]*)")re");
inline const std::regex kEmailValue(R"re(name="email" value="([^"]*)")re");
inline const std::regex kHex64("[0-9a-f]{64}");

// A fresh folder for a test's own files, removed at the end.
using ScratchDir = tremplin::testing::TempDir;

inline std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// An application/x-www-form-urlencoded body.
inline std::string FormBody(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string body;
  for (const auto& [name, value] : fields) {
    if (!body.empty()) body += '&';
    body += EncodeQueryComponent(name) + "=" + EncodeQueryComponent(value);
  }
  return body;
}

// Undoes the HTML escaping of an attribute value (the entities a page may use for & < > " ').
inline std::string HtmlUnescape(std::string_view text) {
  static const std::vector<std::pair<std::string_view, char>> kEntities = {
      {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#34;", '"'}, {"&#39;", '\''},
      {"&#x27;", '\''}, {"&apos;", '\''}, {"&amp;", '&'}};
  std::string out;
  for (size_t i = 0; i < text.size();) {
    bool replaced = false;
    if (text[i] == '&') {
      for (const auto& [entity, c] : kEntities) {
        if (text.substr(i).starts_with(entity)) {
          out += c;
          i += entity.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

// The Set-Cookie headers of a response for cookie `name` (normally one).
inline std::vector<std::string> SetCookies(const HttpResponse& r, std::string_view name) {
  std::vector<std::string> out;
  for (const auto& [header, value] : r.headers)
    if (Lower(header) == "set-cookie" && value.starts_with(std::string(name) + "=")) out.push_back(value);
  return out;
}

// A Set-Cookie header taken apart: its value and attributes (names lowercased, "" for flags).
struct SetCookieHeader {
  std::string value;
  std::map<std::string, std::string> attributes;
  bool Has(std::string_view attribute) const { return attributes.contains(std::string(attribute)); }
  std::string Attribute(std::string_view attribute) const {
    auto it = attributes.find(std::string(attribute));
    return it == attributes.end() ? "" : it->second;
  }
};

inline SetCookieHeader ParseSetCookie(std::string_view header) {
  SetCookieHeader out;
  bool first = true;
  while (!header.empty()) {
    size_t end = header.find(';');
    std::string_view piece = header.substr(0, end);
    header = end == std::string_view::npos ? std::string_view() : header.substr(end + 1);
    while (piece.starts_with(' ')) piece.remove_prefix(1);
    while (piece.ends_with(' ')) piece.remove_suffix(1);
    size_t equals = piece.find('=');
    std::string_view name = piece.substr(0, equals);
    std::string_view value = equals == std::string_view::npos ? "" : piece.substr(equals + 1);
    if (first) out.value = std::string(value);
    else out.attributes[Lower(name)] = std::string(value);
    first = false;
  }
  return out;
}

// The only Set-Cookie of `r` for `name`, taken apart; adds a failure when there is not exactly
// one.
inline std::optional<SetCookieHeader> OnlySetCookie(const HttpResponse& r, std::string_view name) {
  std::vector<std::string> headers = SetCookies(r, name);
  if (headers.size() != 1) {
    ADD_FAILURE() << headers.size() << " Set-Cookie headers for " << name << " instead of one";
    return std::nullopt;
  }
  return ParseSetCookie(headers.front());
}

inline std::string FirstMatch(const std::string& text, const std::regex& pattern) {
  std::smatch m;
  return std::regex_search(text, m, pattern) ? m[1].str() : "";
}

// Whether `text` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
inline bool IsValidUtf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + length > text.size()) return false;
    uint32_t code = length == 1 ? c : c & (0x7F >> length);
    for (size_t k = 1; k < length; ++k) {
      unsigned char next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < kMin[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += length;
  }
  return true;
}

inline std::string ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A browser: a cookie jar (honouring Path and Max-Age=0) in front of the server, one
// connection per request.
class Browser {
 public:
  explicit Browser(const TestServer& server) : client_(server.host(), server.port()) {}

  HttpResponse Get(std::string_view target, const HeaderList& headers = {}) {
    return Exchange("GET", target, headers, "");
  }
  HttpResponse Post(std::string_view target, const std::vector<std::pair<std::string, std::string>>& form,
                    const HeaderList& headers = {}) {
    return PostRaw(target, FormBody(form), headers);
  }
  HttpResponse PostRaw(std::string_view target, std::string_view body, const HeaderList& headers = {}) {
    HeaderList all = headers;
    all.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    return Exchange("POST", target, all, body);
  }

  // The value of cookie `name` in the jar, "" when absent.
  std::string Cookie(std::string_view name) const {
    auto it = jar_.find(std::string(name));
    return it == jar_.end() ? "" : it->second.value;
  }
  void SetCookie(std::string_view name, std::string_view value, std::string_view path = "/") {
    jar_[std::string(name)] = {std::string(value), std::string(path)};
  }
  void DropCookie(std::string_view name) { jar_.erase(std::string(name)); }

 private:
  struct Stored {
    std::string value, path;
  };

  HttpResponse Exchange(std::string_view method, std::string_view target, HeaderList headers,
                        std::string_view body) {
    std::string_view path = target.substr(0, target.find('?'));
    std::string cookie;
    for (const auto& [name, stored] : jar_) {
      if (!path.starts_with(stored.path)) continue;
      if (!cookie.empty()) cookie += "; ";
      cookie += name + "=" + stored.value;
    }
    if (!cookie.empty()) headers.emplace_back("Cookie", cookie);
    HttpResponse r = client_.Send(method, target, headers, body);
    for (const auto& [header, value] : r.headers) {
      if (Lower(header) != "set-cookie") continue;
      std::string name = value.substr(0, value.find('='));
      SetCookieHeader parsed = ParseSetCookie(value);
      if (parsed.Attribute("max-age") == "0") jar_.erase(name);
      else jar_[name] = {parsed.value, parsed.Has("path") ? parsed.Attribute("path") : "/"};
    }
    return r;
  }

  HttpClient client_;
  std::map<std::string, Stored> jar_;
};

struct Organisation {
  int64_t id = 0;
  std::string name;
};

// Each test gets a demo database of its own in a scratch folder, a server on it, and two
// accounts made with `tremplin user add` once the server runs (sessions and accounts are read
// from the database at each request): Alice, a member of two organisations of the demo
// network, and Bob, a reviewer of none.
class AccountsFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    TREMPLIN_REQUIRE_TEST_PREREQUISITES();
    ASSERT_FALSE(dir_.path().empty());
    ASSERT_EQ(TestServer::PrepareCoordinates(dir_.path()), "");
    database_ = "sqlite:" + (dir_.path() / "accounts.db").string();
    std::vector<std::string> seed = TestServer::GlobalArgs(database_);
    seed.insert(seed.end(), {"seed", "--demo"});
    CommandResult seeded = RunTremplin(seed, dir_.path());
    ASSERT_EQ(seeded.exit_code, 0) << seeded.output;
    std::string error;
    server_ = TestServer::Start(&error, database_);
    ASSERT_TRUE(server_) << error;

    HttpClient client(server_->host(), server_->port());
    HttpResponse listed = client.Get("/api/v1/courses?per_page=50");
    ASSERT_EQ(listed.status, 200) << listed.error << listed.body.substr(0, 500);
    json::value courses = ParseJson(listed.body);
    ASSERT_TRUE(Member(courses, "results").is_array());
    for (const json::value& course : Member(courses, "results").as_array()) {
      const json::value& org = Member(course, "organisation");
      int64_t id = static_cast<int64_t>(Number(Member(org, "id")));
      if (id <= 0 || Text(Member(org, "name")).empty()) continue;
      if (std::none_of(organisations_.begin(), organisations_.end(),
                       [&](const Organisation& o) { return o.id == id; }))
        organisations_.push_back({id, Text(Member(org, "name"))});
      if (organisations_.size() == 2) break;
    }
    ASSERT_EQ(organisations_.size(), 2u) << "the demo network should have two organisations";

    CommandResult alice = AddUser(kAliceEmail, kAliceName, "member", kAlicePassword,
                                  {organisations_[0].id, organisations_[1].id});
    ASSERT_EQ(alice.exit_code, 0) << alice.output;
    CommandResult bob = AddUser(kBobEmail, kBobName, "reviewer", kBobPassword);
    ASSERT_EQ(bob.exit_code, 0) << bob.output;
  }

  void TearDown() override {
    if (!server_) return;
    std::string error;
    EXPECT_EQ(server_->Stop(&error), 0) << error << "\nServer log:\n" << server_->Log();
    server_.reset();
  }

  // `tremplin user add`, `password` on the first line of its standard input.
  CommandResult AddUser(std::string_view email, std::string_view name, std::string_view role,
                        std::string_view password, const std::vector<int64_t>& organisations = {}) {
    std::vector<std::string> args = TestServer::GlobalArgs(database_);
    args.insert(args.end(), {"user", "add", "--email", std::string(email), "--name",
                             std::string(name), "--role", std::string(role)});
    for (int64_t id : organisations) args.insert(args.end(), {"--organisation", std::to_string(id)});
    return RunTremplinWithInput(args, dir_.path(), std::string(password) + "\n");
  }

  std::unique_ptr<Browser> NewBrowser() { return std::make_unique<Browser>(*server_); }

  // Opens the login form (so the browser holds its CSRF cookie) and posts it with `email` and
  // `password`. Returns the POST's response.
  HttpResponse SignIn(Browser& browser, std::string_view email, std::string_view password,
                      const HeaderList& headers = {}, std::string_view lang_query = "") {
    HttpResponse form = browser.Get("/connexion" + std::string(lang_query), headers);
    EXPECT_EQ(form.status, 200) << form.error;
    std::string csrf = FirstMatch(form.body, kFormCsrf);
    EXPECT_TRUE(std::regex_match(csrf, kHex64)) << "no CSRF token in the login form";
    EXPECT_EQ(browser.Cookie(kLoginCsrfCookie), csrf) << "the form and its cookie disagree";
    return browser.Post("/connexion" + std::string(lang_query),
                        {{"csrf", csrf}, {"email", std::string(email)}, {"password", std::string(password)}},
                        headers);
  }

  // Signs in, expecting it to work: 303 to /espace and a session cookie in the jar.
  void SignInOrFail(Browser& browser, std::string_view email, std::string_view password) {
    HttpResponse r = SignIn(browser, email, password);
    ASSERT_EQ(r.status, 303) << email << " cannot sign in:\n" << r.body.substr(0, 3000);
    ASSERT_EQ(r.Header("Location"), "/espace");
    ASSERT_TRUE(std::regex_match(browser.Cookie(kSessionCookie), kHex64));
  }

  // GET /espace: the page when signed in ("" and a failure otherwise).
  std::string AccountPage(Browser& browser) {
    HttpResponse r = browser.Get("/espace");
    EXPECT_EQ(r.status, 200) << "not signed in (Location: " << r.Header("Location") << ")";
    return r.status == 200 ? r.body : "";
  }
  // Whether /espace sends this browser to the login page.
  bool SignedOut(Browser& browser) {
    HttpResponse r = browser.Get("/espace");
    return r.status == 303 && r.Header("Location") == "/connexion";
  }

  // Whether `email` and `password` sign in, from a fresh browser.
  int SignInStatus(std::string_view email, std::string_view password) {
    Browser browser(*server_);
    return SignIn(browser, email, password).status;
  }

  ScratchDir dir_;
  std::string database_;
  std::unique_ptr<TestServer> server_;
  std::vector<Organisation> organisations_;
};

}  // namespace tremplin::integration
