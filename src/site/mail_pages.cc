#include "site/mail_pages.h"

#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/sign_in.h"
#include "auth/tokens.h"
#include "core/messages.h"
#include "site/back_office.h"
#include "site/error_pages.h"
#include "site/search_form.h"
#include "site/templates.h"
#include "site/urls.h"
#include "store/outbox.h"
#include "web/language.h"
#include "web/url_encoding.h"

namespace tremplin::site {
namespace {

using ctemplate::TemplateDictionary;

const core::Messages& M() { return core::Messages::Builtin(); }

constexpr int64_t kRecentSeconds = 7 * 24 * 3600;
constexpr int kSentShown = 100;

std::string MailsUrl(core::Lang lang) { return Localized("/espace/courriels", lang); }

std::string RetryUrl(int64_t mail_id, core::Lang lang) {
  return Localized("/espace/courriels/" + std::to_string(mail_id) + "/renvoyer", lang);
}

std::string FormatTime(const std::tm& utc, core::Lang lang) {
  char date[16], time[8];
  std::strftime(date, sizeof date, lang == core::Lang::kEn ? "%Y-%m-%d" : "%d/%m/%Y", &utc);
  std::strftime(time, sizeof time, "%H:%M", &utc);
  return M().Format(lang, "administration.datetime", {{"date", date}, {"time", time}});
}

std::string FormatUnix(int64_t unix, core::Lang lang) {
  std::time_t time = static_cast<std::time_t>(unix);
  std::tm utc{};
  gmtime_r(&time, &utc);
  return FormatTime(utc, lang);
}

// A stored timestamp ("2026-03-16T14:05:00Z") for people; as it is if it is not one.
std::string FormatStored(const std::string& at, core::Lang lang) {
  std::tm utc{};
  const char* end = strptime(at.c_str(), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return end && *end == '\0' ? FormatTime(utc, lang) : at;
}

bool Abandoned(const store::OutgoingMail& mail) { return mail.next_attempt_unix == store::kMailAbandonedUnix; }

std::string NextAttempt(const store::OutgoingMail& mail, int64_t now, core::Lang lang) {
  if (Abandoned(mail)) return std::string(M().Text(lang, "administration.next_attempt_never"));
  if (mail.next_attempt_unix <= now)
    return std::string(M().Text(lang, "administration.next_attempt_due"));
  return FormatUnix(mail.next_attempt_unix, lang);
}

std::string SentCount(int64_t count, core::Lang lang) {
  if (count == 0) return std::string(M().Text(lang, "administration.sent_count_none"));
  if (count == 1) return std::string(M().Text(lang, "administration.sent_count_one"));
  return M().Format(lang, "administration.sent_count_many", {{"count", std::to_string(count)}});
}

// The outbox page, with `errors` (a refused form) shown at the top.
web::Response MailsPage(const web::Request& req, const search::Services& services,
                        const AccountServices& accounts, const auth::Principal& principal,
                        int status, const std::vector<core::Error>& errors) {
  core::Lang lang = web::RequestLang(req);
  const int64_t now = auth::NowUnix();
  std::vector<store::OutgoingMail> unsent, sent;
  int64_t sent_count = 0;
  std::vector<core::Error> shown_errors = errors;
  core::Result<store::ConnectionPool::Lease> db = accounts.pool.Acquire();
  if (!db.ok()) {
    shown_errors.push_back(db.error());
  } else {
    core::Result<std::vector<store::OutgoingMail>> waiting = store::UnsentMails(**db);
    core::Result<std::vector<store::OutgoingMail>> recent =
        store::SentMailsSince(**db, now - kRecentSeconds, kSentShown);
    core::Result<int64_t> count = store::CountSentMailsSince(**db, now - kRecentSeconds);
    for (const core::Error* e :
         {waiting.ok() ? nullptr : &waiting.error(), recent.ok() ? nullptr : &recent.error(),
          count.ok() ? nullptr : &count.error()})
      if (e) shown_errors.push_back(*e);
    if (waiting.ok()) unsent.assign(waiting->rbegin(), waiting->rend());  // most recent first
    if (recent.ok()) sent = std::move(*recent);
    if (count.ok()) sent_count = *count;
  }
  if (status == 200 && !shown_errors.empty()) status = core::HttpStatus(shown_errors.front().code);

  PageMeta meta = BackOfficeMeta(std::string(M().Text(lang, "administration.mails_title")), "mails.tpl", status);
  return NoStore(RenderPage(req, services, lang, meta, [&](TemplateDictionary& dict) {
    dict.SetValue("ACCOUNT_URL", AccountUrl(lang));
    if (shown_errors.empty() && req.Has("renvoye"))
      dict.AddSectionDictionary("NOTICE")->SetValue(
          "TEXT", Tpl(M().Text(lang, "administration.retried_notice")));
    if (shown_errors.empty() && req.Has("deja_envoye"))
      dict.AddSectionDictionary("INFO")->SetValue(
          "TEXT", Tpl(M().Text(lang, "administration.already_sent_notice")));
    if (!shown_errors.empty()) FillErrorSummary(dict, shown_errors, req, lang, {});
    if (unsent.empty()) dict.ShowSection("NO_UNSENT");
    TemplateDictionary* table = unsent.empty() ? nullptr : dict.AddSectionDictionary("UNSENT");
    for (const store::OutgoingMail& mail : unsent) {
      TemplateDictionary* row = table->AddSectionDictionary("MAIL");
      row->SetIntValue("ID", static_cast<long>(mail.id));
      row->SetValue("TO", mail.to_address);
      row->SetValue("SUBJECT", mail.subject);
      row->SetValue("CREATED", FormatStored(mail.created_at, lang));
      row->SetIntValue("ATTEMPTS", static_cast<long>(mail.attempts));
      row->SetValue("NEXT_ATTEMPT", NextAttempt(mail, now, lang));
      row->SetValue("LAST_ERROR", mail.last_error.empty()
                                      ? std::string(M().Text(lang, "administration.no_error"))
                                      : mail.last_error);
      if (Abandoned(mail)) {  // its text is erased: what it announced must be sent anew
        row->ShowSection("ABANDONED");
        continue;
      }
      TemplateDictionary* retry = row->AddSectionDictionary("RETRY");
      retry->SetValue("RETRY_ACTION", RetryUrl(mail.id, lang));
      retry->SetValue("RETRY_TO", M().Format(lang, "administration.retry_to", {{"to", mail.to_address}}));
      retry->SetValue("CSRF", principal.csrf_token);
    }
    dict.SetValue("SENT_COUNT", SentCount(sent_count, lang));
    if (sent_count > static_cast<int64_t>(sent.size())) {
      dict.AddSectionDictionary("SENT_SHOWN")
          ->SetValue("TEXT", M().Format(lang, "administration.sent_shown",
                                        {{"shown", std::to_string(sent.size())}}));
    }
    TemplateDictionary* sent_table = sent.empty() ? nullptr : dict.AddSectionDictionary("SENT");
    for (const store::OutgoingMail& mail : sent) {
      TemplateDictionary* row = sent_table->AddSectionDictionary("MAIL");
      row->SetValue("TO", mail.to_address);
      row->SetValue("SUBJECT", mail.subject);
      row->SetValue("SENT_AT", FormatStored(mail.sent_at, lang));
    }
  }));
}

web::Response ShowMails(const web::Request& req, const search::Services& services,
                        const AccountServices& accounts) {
  std::optional<auth::Principal> principal = CurrentPrincipal(req, accounts);
  if (!principal) return NoStore(web::Response::Redirect(LoginUrl(web::RequestLang(req))));
  return MailsPage(req, services, accounts, *principal, 200, {});
}

// POST /espace/courriels/{id}/renvoyer: the session's CSRF token first, then the mail.
web::Response Retry(const web::Request& req, const search::Services& services,
                    const AccountServices& accounts) {
  core::Lang lang = web::RequestLang(req);
  std::optional<auth::Principal> principal = CurrentPrincipal(req, accounts);
  if (!principal) return NoStore(web::Response::Redirect(LoginUrl(lang)));
  core::Result<web::KeyValues> form = web::DecodeUrlEncoded(req.body);
  if (!auth::SameToken(form.ok() ? FormValue(*form, "csrf") : "", principal->csrf_token))
    return MailsPage(req, services, accounts, *principal, 403, {CsrfRefused()});

  std::optional<int64_t> id = PositivePathId(req, "id");
  if (!id) return NotFoundPage(req, services);
  core::Result<store::ConnectionPool::Lease> db = accounts.pool.Acquire();
  if (!db.ok())
    return MailsPage(req, services, accounts, *principal, core::HttpStatus(db.error().code),
                     {db.error()});
  core::Result<std::optional<store::OutgoingMail>> mail = store::FindMail(**db, *id);
  if (!mail.ok())
    return MailsPage(req, services, accounts, *principal, core::HttpStatus(mail.error().code),
                     {mail.error()});
  if (!*mail) return NotFoundPage(req, services);
  core::Result<bool> retried = store::RetryMail(**db, *id, auth::NowUnix(), Actor(*principal));
  if (!retried.ok())
    return MailsPage(req, services, accounts, *principal, core::HttpStatus(retried.error().code),
                     {retried.error()});
  // Not retried: it was sent in the meantime (or before).
  return NoStore(web::Response::Redirect(WithNotice(MailsUrl(lang), *retried ? "renvoye=1" : "deja_envoye=1")));
}

}  // namespace

void RegisterMailRoutes(web::Router& router, const search::Services& services,
                        const AccountServices& accounts) {
  router.Get("/espace/courriels",
             [&](const web::Request& req) { return ShowMails(req, services, accounts); });
  router.Post("/espace/courriels/{id}/renvoyer",
              [&](const web::Request& req) { return Retry(req, services, accounts); });
}

}  // namespace tremplin::site
