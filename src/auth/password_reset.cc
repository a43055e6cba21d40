#include "auth/password_reset.h"

#include <boost/json.hpp>

#include "auth/mailed_links.h"
#include "auth/tokens.h"
#include "core/messages.h"
#include "store/audit_log.h"
#include "store/user_tokens.h"

namespace tremplin::auth {

store::OutgoingMail PasswordResetMail(const store::User& user, std::string_view link) {
  const core::Messages& m = core::Messages::Builtin();
  const std::vector<std::pair<std::string, std::string>> args = {
      {"name", user.name},
      {"email", user.email},
      {"link", std::string(link)},
      {"minutes", std::to_string(kResetLinkSeconds / 60)}};
  store::OutgoingMail mail;
  mail.to_address = user.email;
  mail.subject = m.Text(core::Lang::kFr, "passwords.reset_mail_subject");
  mail.body = m.Format(core::Lang::kFr, "passwords.reset_mail_body", args) + "\n\n" +
              m.Format(core::Lang::kEn, "passwords.reset_mail_body", args);
  return mail;
}

core::Result<ResetRequest> RequestPasswordReset(store::Database& db, std::string_view email,
                                                std::string_view public_url, int64_t now_unix) {
  return db.Transaction([&](soci::session&) -> core::Result<ResetRequest> {
    core::Result<std::optional<store::User>> user = store::FindUserByEmail(db, email);
    if (!user.ok()) return user.error();
    if (!*user || (*user)->disabled) return ResetRequest::kNoAccount;
    core::Result<int64_t> sent = store::CountUserTokensSince(
        db, (*user)->id, store::TokenPurpose::kPasswordReset, now_unix - 3600);
    if (!sent.ok()) return sent.error();
    if (*sent >= kMaxResetMailsPerHour) return ResetRequest::kThrottled;
    const std::string token = RandomToken();
    store::UserToken stored{TokenHash(token),
                            (*user)->id,
                            store::TokenPurpose::kPasswordReset,
                            now_unix,
                            now_unix + kResetLinkSeconds,
                            0};
    if (core::Status issued = store::IssueUserToken(db, stored); !issued.ok())
      return issued.error();
    store::OutgoingMail mail =
        PasswordResetMail(**user, MailedLinkUrl(public_url, kNewPasswordPath, token));
    if (core::Result<int64_t> queued = store::QueueMail(db, mail, now_unix); !queued.ok())
      return queued.error();
    // A trace of every link mailed (an account taken over by its mailbox shows here); never
    // the token. The visitor who asked is not known.
    store::AuditEntry entry;
    entry.actor = std::string(kAnonymousActor);
    entry.action = "user.password_reset_request";
    entry.entity = store::UserRef((*user)->id);
    entry.before_state = boost::json::serialize(boost::json::object{{"email", (*user)->email}});
    entry.after_state = boost::json::serialize(
        boost::json::object{{"email", (*user)->email}, {"link_expires_unix", stored.expires_unix}});
    if (core::Result<int64_t> audited = store::AppendAudit(db, std::move(entry)); !audited.ok())
      return audited.error();
    return ResetRequest::kMailed;
  });
}

}  // namespace tremplin::auth
