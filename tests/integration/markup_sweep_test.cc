// What people type comes back inert everywhere it is shown: markup payloads put in every text
// of a course (through the API) and of its organisation's profile (through the back office),
// and typed into the search form and URLs, are looked for on every page type that shows them —
// home, search results, course page, organisation pages, the back office, error pages — in
// French and English: never as live markup, always as the characters typed; a template-looking
// text is not expanded; the API returns the exact text in valid JSON.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <string>
#include <vector>

#include "account_fixture.h"

namespace tremplin::integration {
namespace {

constexpr std::string_view kToken = "balayage-0123456789abcdef0123456789abcdef";

// Payloads for text content, attribute values and textarea content, and a template lookalike.
const std::vector<std::string> kPayloads = {
    "<script>alert('t1')</script>",
    "\"><img src=x onerror=alert('t2')>",
    "'><svg onload=alert('t3')>",
    "</textarea><script>alert('t4')</script>",
    "{{m_layout_tagline}} {{TITLE}}",
    "&lt;b&gt;déjà échappé&lt;/b&gt; ; DROP TABLE courses; --",
};

// Markup that would run if a payload were not escaped.
const std::vector<std::string> kLiveMarkup = {"<script>alert(", "<img src=x", "<svg onload", "</textarea><script"};

class SecurityMarkupSweep : public AccountsFixture {
 protected:
  void SetUp() override {
    AccountsFixture::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    std::string error;
    ASSERT_EQ(server_->Stop(&error), 0) << error;
    setenv("TREMPLIN_API_TOKEN", std::string(kToken).c_str(), 1);
    server_ = TestServer::Start(&error, database_);
    unsetenv("TREMPLIN_API_TOKEN");
    ASSERT_TRUE(server_) << error;
  }

  // Every payload somewhere in a page: none of them live, each shown as typed.
  void ExpectInert(const std::string& what, const HttpResponse& r, const std::vector<std::string>& shown) {
    SCOPED_TRACE(what);
    EXPECT_EQ(r.status, 200) << r.body.substr(0, 500);
    for (const std::string& live : kLiveMarkup) EXPECT_EQ(r.body.find(live), std::string::npos) << live;
    for (const std::string& text : shown) {
      size_t near = r.body.find(HtmlEscape(text.substr(0, 7)));
      EXPECT_NE(r.body.find(HtmlEscape(text)), std::string::npos)
          << "not shown escaped: " << text << "\nthe page has: "
          << (near == std::string::npos ? "nothing like it" : r.body.substr(near, 200));
    }
  }

  HttpResponse Get(const std::string& target) {
    HttpClient client(server_->host(), server_->port());
    return client.Get(target);
  }
};

TEST_F(SecurityMarkupSweep, PayloadsInEveryTextComeBackInertOnEveryPage) {
  const Organisation& org = organisations_[0];
  // A labelled course of organisation A, all ten texts set to payloads through the API.
  HttpClient client(server_->host(), server_->port());
  json::value listed = ParseJson(client.Get("/api/v1/courses?per_page=50").body);
  std::string course;
  for (const json::value& c : Member(listed, "results").as_array())
    if (static_cast<int64_t>(Number(Member(Member(c, "organisation"), "id"))) == org.id)
      course = std::to_string(static_cast<int64_t>(Number(Member(c, "id"))));
  ASSERT_FALSE(course.empty());
  const std::string title = "Zorglub " + kPayloads[0];
  json::object texts{{"title", title}};
  const char* fields[] = {"summary", "objectives", "content", "prerequisites", "target_public",
                          "access_modalities", "teaching_methods", "assessment_methods", "accessibility"};
  for (size_t i = 0; i < std::size(fields); ++i) texts[fields[i]] = kPayloads[i % kPayloads.size()] + " " + fields[i];
  HttpResponse patched = client.Send("PATCH", "/api/v1/courses/" + course,
                                     {{"Authorization", "Bearer " + std::string(kToken)},
                                      {"Content-Type", "application/json"}},
                                     json::serialize(texts));
  ASSERT_EQ(patched.status, 200) << patched.body;

  // Its organisation's description and address through the back office.
  Browser alice(*server_);
  SignInOrFail(alice, kAliceEmail, kAlicePassword);
  const std::string profile = "/espace/organismes/" + std::to_string(org.id);
  HttpResponse form = alice.Get(profile);
  ASSERT_EQ(form.status, 200);
  std::vector<std::pair<std::string, std::string>> fields_sent = {{"csrf", FirstMatch(form.body, kFormCsrf)}};
  for (const char* name : {"postcode", "commune", "website", "email", "phone"}) {
    std::smatch value;
    ASSERT_TRUE(std::regex_search(form.body, value, std::regex(std::string("name=\"") + name + "\" value=\"([^\"]*)\"")))
        << name;
    fields_sent.emplace_back(name, HtmlUnescape(value[1].str()));
  }
  const std::string description = kPayloads[3] + " " + kPayloads[4];
  const std::string address = kPayloads[1];
  fields_sent.emplace_back("description", description);
  fields_sent.emplace_back("address", address);
  HttpResponse saved = alice.Post(profile, fields_sent);
  ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 2000);

  std::vector<std::string> course_texts = {title};
  const json::value sent = texts;
  for (const char* field : fields) course_texts.push_back(Text(Member(sent, field)));
  for (const char* lang : {"", "?lang=en", "&lang=en"}) {
    std::string suffix = lang;
    std::string q = suffix == "&lang=en" ? suffix : "";
    std::string plain = suffix == "?lang=en" ? suffix : "";
    ExpectInert("course page" + suffix, Get("/formations/" + course + plain), course_texts);
    ExpectInert("search results" + suffix, Get("/formations?q=zorglub" + q), {title, course_texts[1]});
    ExpectInert("organisation page" + suffix, Get("/organismes/" + std::to_string(org.id) + plain),
                {title, description, address});
    ExpectInert("organisations list" + suffix, Get("/organismes" + plain), {});
    ExpectInert("home" + suffix, Get("/" + plain), {});
    ExpectInert("account page" + suffix, alice.Get("/espace" + plain), {title});
    ExpectInert("course editor" + suffix, alice.Get("/espace/formations/" + course + plain), course_texts);
    ExpectInert("profile editor" + suffix, alice.Get(profile + plain), {description, address});
  }

  // The API gives the texts back exactly, in valid JSON.
  json::value api = ParseJson(Get("/api/v1/courses/" + course).body);
  EXPECT_EQ(Text(Member(api, "title")), title);
  for (const char* field : fields) EXPECT_EQ(Text(Member(api, field)), Text(Member(sent, field))) << field;
  json::value found = ParseJson(Get("/api/v1/courses?q=zorglub").body);
  ASSERT_FALSE(Member(found, "results").as_array().empty());
}

TEST_F(SecurityMarkupSweep, WhatIsTypedInTheSearchFormAndUrlsComesBackInert) {
  for (const std::string& payload : kPayloads) {
    const std::string encoded = EncodeQueryComponent(payload);
    // The search form echoes the text searched, and the place in its error message.
    ExpectInert("q=" + payload, Get("/formations?q=" + encoded), {payload});
    HttpResponse where = Get("/formations?where=" + encoded);
    EXPECT_EQ(where.status, 400) << payload;
    for (const std::string& live : kLiveMarkup) EXPECT_EQ(where.body.find(live), std::string::npos) << live;
    // An unknown page names nothing it was given, markup or not.
    HttpResponse missing = Get("/formations/" + encoded);
    EXPECT_EQ(missing.status, 404);
    for (const std::string& live : kLiveMarkup) EXPECT_EQ(missing.body.find(live), std::string::npos) << live;
    HttpResponse api = Get("/api/v1/courses?q=" + encoded + "&where=" + encoded);
    std::string error;
    ParseJson(api.body, &error);
    EXPECT_EQ(error, "") << api.body.substr(0, 300);
  }
}

}  // namespace
}  // namespace tremplin::integration
