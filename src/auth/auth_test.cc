// Passwords (argon2id, the rules for a new one, the list of common ones), secret tokens, and
// signing in (throttling, sessions and their timeouts) on both database backends.
#include <gtest/gtest.h>
#include <soci/soci.h>
#include <sodium.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "auth/password.h"
#include "auth/sign_in.h"
#include "auth/tokens.h"
#include "store/accounts.h"
#include "store/catalogue_store.h"
#include "store/migrations.h"
#include "store/test_support.h"

namespace tremplin::auth {
namespace {

using store::Backend;
using store::Database;
using store::Role;
using store::User;
using tremplin::testing::TempDir;

bool IsLowerHex(const std::string& text) {
  return text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

std::string Repeat(std::string_view part, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += part;
  return out;
}

const CommonPasswords& NoCommonPasswords() {
  static const CommonPasswords none(std::unordered_set<std::string>{});
  return none;
}

// ---------------------------------------------------------------------------------------------
// Tokens

TEST(TokensTest, RandomTokenIs64LowerCaseHexCharacters) {
  const std::string token = RandomToken();
  EXPECT_EQ(token.size(), 64u);
  EXPECT_TRUE(IsLowerHex(token)) << token;
}

TEST(TokensTest, RandomTokenDiffersAtEachCall) {
  std::set<std::string> tokens;
  for (int i = 0; i < 1000; ++i) tokens.insert(RandomToken());
  EXPECT_EQ(tokens.size(), 1000u);
}

TEST(TokensTest, TokenHashIsTheSha256InHex) {
  EXPECT_EQ(TokenHash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(TokenHash(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(TokenHash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  const std::string token = RandomToken();
  EXPECT_EQ(TokenHash(token), TokenHash(token));
  EXPECT_NE(TokenHash(token), token);
  EXPECT_EQ(TokenHash(token).size(), 64u);
  // Bytes after a NUL count.
  EXPECT_NE(TokenHash(std::string("ab\0c", 4)), TokenHash("ab"));
}

TEST(TokensTest, SameTokenComparesWholeTokens) {
  const std::string token = RandomToken();
  std::string copy = token;
  EXPECT_TRUE(SameToken(token, copy));
  copy.back() = copy.back() == '0' ? '1' : '0';
  EXPECT_FALSE(SameToken(token, copy));
  copy = token;
  copy.front() = copy.front() == '0' ? '1' : '0';
  EXPECT_FALSE(SameToken(token, copy));
  EXPECT_FALSE(SameToken(token, token.substr(0, 63)));
  EXPECT_FALSE(SameToken(token.substr(0, 63), token));
  EXPECT_FALSE(SameToken(token, token + "0"));
  EXPECT_FALSE(SameToken(token, ""));
  EXPECT_FALSE(SameToken("", token));
}

TEST(TokensTest, EmptyTokensNeverMatch) { EXPECT_FALSE(SameToken("", "")); }

// ---------------------------------------------------------------------------------------------
// Password hashing (argon2id: each hash costs about 0.1 s and 64 MiB, so few of them)

TEST(PasswordHashTest, HashIsArgon2idAndVerifiesOnlyTheSamePassword) {
  const std::string password = "Un mot de passe très sûr ✓";
  core::Result<std::string> hash = HashPassword(password);
  ASSERT_TRUE(hash.ok()) << core::ToLogString(hash.error());
  EXPECT_TRUE(hash->starts_with("$argon2id$")) << *hash;
  EXPECT_EQ(hash->find(password), std::string::npos);
  EXPECT_LT(hash->size(), size_t{crypto_pwhash_STRBYTES});
  EXPECT_TRUE(VerifyPassword(password, *hash));
  EXPECT_FALSE(VerifyPassword("Un mot de passe très sûr", *hash));
  EXPECT_FALSE(VerifyPassword("un mot de passe très sûr ✓", *hash));
  EXPECT_FALSE(VerifyPassword(password + " ", *hash));
  EXPECT_FALSE(VerifyPassword("", *hash));
  // Hashes of other forms.
  EXPECT_FALSE(VerifyPassword(password, ""));
  EXPECT_FALSE(VerifyPassword(password, "not a hash"));
  EXPECT_FALSE(VerifyPassword(password, password));
  EXPECT_FALSE(VerifyPassword(password, hash->substr(0, hash->size() - 4)));
  EXPECT_FALSE(VerifyPassword(password, *hash + std::string(200, 'A')));
  EXPECT_FALSE(VerifyPassword(password, std::string(1000, '$')));
  std::string altered = *hash;
  altered[altered.size() - 2] = altered[altered.size() - 2] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(VerifyPassword(password, altered));
}

TEST(PasswordHashTest, TwoHashesOfOnePasswordDifferAndBothVerify) {
  core::Result<std::string> first = HashPassword("correct horse battery staple");
  core::Result<std::string> second = HashPassword("correct horse battery staple");
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_NE(*first, *second);  // a salt of its own each
  EXPECT_TRUE(VerifyPassword("correct horse battery staple", *first));
  EXPECT_TRUE(VerifyPassword("correct horse battery staple", *second));
}

TEST(PasswordHashTest, EveryByteOfThePasswordCounts) {
  const std::string with_nul("correct horse\0battery staple", 28);
  core::Result<std::string> hash = HashPassword(with_nul);
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(VerifyPassword(with_nul, *hash));
  EXPECT_FALSE(VerifyPassword("correct horse", *hash));
}

// ---------------------------------------------------------------------------------------------
// The rules for a new password

void ExpectRefused(const std::optional<core::Error>& error, std::string_view id) {
  ASSERT_TRUE(error.has_value()) << "accepted, expected " << id;
  EXPECT_EQ(error->id, id);
  EXPECT_EQ(error->code, core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(error->field, "password");
}

void ExpectAccepted(const std::optional<core::Error>& error) {
  EXPECT_FALSE(error.has_value()) << "refused: " << core::ToLogString(*error);
}

TEST(CheckNewPasswordTest, ElevenCharactersAreTooShortTwelveAreEnough) {
  std::optional<core::Error> error =
      CheckNewPassword("kx7-Wq2!pLm", "camille@example.org", NoCommonPasswords());
  ExpectRefused(error, "password_too_short");
  ASSERT_NE(error->Arg("min"), nullptr);
  EXPECT_EQ(*error->Arg("min"), "12");
  ExpectAccepted(CheckNewPassword("kx7-Wq2!pLmZ", "camille@example.org", NoCommonPasswords()));
  ExpectRefused(CheckNewPassword("", "camille@example.org", NoCommonPasswords()),
                "password_too_short");
}

TEST(CheckNewPasswordTest, CharactersAreCountedNotBytes) {
  // 12 accented letters are 24 bytes: enough. 11 of them (22 bytes) are not.
  const std::string twelve = "éèêëàâäîïôöù";
  ASSERT_EQ(twelve.size(), 24u);
  ExpectAccepted(CheckNewPassword(twelve, "camille@example.org", NoCommonPasswords()));
  ExpectRefused(CheckNewPassword("éèêëàâäîïôö", "camille@example.org", NoCommonPasswords()),
                "password_too_short");
  // 11 emoji are 44 bytes, still 11 characters.
  ExpectRefused(CheckNewPassword(Repeat("🔑", 11), "camille@example.org", NoCommonPasswords()),
                "password_too_short");
  ExpectAccepted(CheckNewPassword(Repeat("🔑", 12), "camille@example.org", NoCommonPasswords()));
}

TEST(CheckNewPasswordTest, MalformedUtf8IsRefused) {
  std::optional<core::Error> error =
      CheckNewPassword("abcdefghijkl\xff\xfe", "camille@example.org", NoCommonPasswords());
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->field, "password");
  EXPECT_EQ(error->id, "invalid_utf8");
}

TEST(CheckNewPasswordTest, MoreThan1024BytesAreTooLong) {
  ExpectAccepted(CheckNewPassword(std::string(1024, 'x'), "camille@example.org", NoCommonPasswords()));
  ExpectRefused(CheckNewPassword(std::string(1025, 'x'), "camille@example.org",
                                 NoCommonPasswords()),
                "password_too_long");
  // Bytes, not characters: 600 accented letters are 1200 bytes.
  ExpectRefused(CheckNewPassword(Repeat("é", 600), "camille@example.org", NoCommonPasswords()),
                "password_too_long");
  ExpectRefused(CheckNewPassword(std::string(100'000, 'x'), "camille@example.org",
                                 NoCommonPasswords()),
                "password_too_long");
}

TEST(CheckNewPasswordTest, TheEmailOrItsNamePartIsRefusedWhateverTheCase) {
  const std::string email = "camille.durand@example.org";
  for (std::string_view password :
       {"camille.durand@example.org", "Camille.Durand@Example.ORG", "camille.durand",
        "CAMILLE.DURAND"}) {
    SCOPED_TRACE(password);
    ExpectRefused(CheckNewPassword(password, email, NoCommonPasswords()), "password_is_email");
  }
  // The email as typed in another case is the same account.
  ExpectRefused(CheckNewPassword("camille.durand", "Camille.Durand@Example.org",
                                 NoCommonPasswords()),
                "password_is_email");
  // Something else than the email is fine.
  ExpectAccepted(CheckNewPassword("camille.durand@example.com!", email, NoCommonPasswords()));
  ExpectAccepted(CheckNewPassword("durand.camille", email, NoCommonPasswords()));
}

TEST(CheckNewPasswordTest, ACommonPasswordIsRefusedWhateverTheCase) {
  CommonPasswords common(std::unordered_set<std::string>{"azertyuiop123", "motdepasse123"});
  EXPECT_TRUE(common.Contains("azertyuiop123"));
  EXPECT_TRUE(common.Contains("AzertyUIOP123"));
  EXPECT_FALSE(common.Contains("azertyuiop12"));
  ExpectRefused(CheckNewPassword("motdepasse123", "camille@example.org", common),
                "password_too_common");
  ExpectRefused(CheckNewPassword("MotDePasse123", "camille@example.org", common),
                "password_too_common");
  ExpectAccepted(CheckNewPassword("motdepasse1234", "camille@example.org", common));
}

// ---------------------------------------------------------------------------------------------
// The list of common passwords

TEST(CommonPasswordsTest, LoadReadsEveryFileLowerCasingTheWords) {
  TempDir dir;
  const std::string first =
      dir.Write("passwords.json", R"(["123456", "Password1234", "AZERTYUIOP123"])").string();
  const std::string second =
      dir.Write("fr/commonWords.json", R"(["anniversaire", 42, null, {"x": 1}, "Félicitations"])")
          .string();
  core::Result<CommonPasswords> loaded = CommonPasswords::Load({first, second});
  ASSERT_TRUE(loaded.ok()) << core::ToLogString(loaded.error());
  EXPECT_EQ(loaded->size(), 5u);  // the strings only
  EXPECT_TRUE(loaded->Contains("password1234"));
  EXPECT_TRUE(loaded->Contains("PASSWORD1234"));
  EXPECT_TRUE(loaded->Contains("azertyuiop123"));
  EXPECT_TRUE(loaded->Contains("Anniversaire"));
  EXPECT_TRUE(loaded->Contains("félicitations"));
  EXPECT_FALSE(loaded->Contains("42"));
  EXPECT_FALSE(loaded->Contains("password"));
  ExpectRefused(CheckNewPassword("Password1234", "camille@example.org", *loaded),
                "password_too_common");
  ExpectRefused(CheckNewPassword("ANNIVERSAIRE", "camille@example.org", *loaded),
                "password_too_common");
  ExpectAccepted(CheckNewPassword("anniversaire du chat", "camille@example.org", *loaded));
}

TEST(CommonPasswordsTest, LoadOfNoFileIsAnEmptyList) {
  core::Result<CommonPasswords> loaded = CommonPasswords::Load({});
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->size(), 0u);
}

TEST(CommonPasswordsTest, MissingFileIsUnreadable) {
  TempDir dir;
  const std::string good = dir.Write("passwords.json", R"(["123456"])").string();
  const std::string missing = dir.File("no-such-list.json");
  core::Result<CommonPasswords> loaded = CommonPasswords::Load({good, missing});
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().id, "password_list_unreadable");
  ASSERT_NE(loaded.error().Arg("file"), nullptr);
  EXPECT_EQ(*loaded.error().Arg("file"), missing);
  ASSERT_NE(loaded.error().Arg("reason"), nullptr);
  EXPECT_EQ(*loaded.error().Arg("reason"), "cannot be read");
}

TEST(CommonPasswordsTest, FileThatIsNotAJsonArrayIsUnreadable) {
  TempDir dir;
  for (std::string_view content :
       {R"({"passwords": ["123456"]})", R"("123456")", R"(["123456", )", "", "123456\n"}) {
    SCOPED_TRACE(content);
    const std::string file = dir.Write("list.json", content).string();
    core::Result<CommonPasswords> loaded = CommonPasswords::Load({file});
    ASSERT_FALSE(loaded.ok());
    EXPECT_EQ(loaded.error().id, "password_list_unreadable");
    ASSERT_NE(loaded.error().Arg("file"), nullptr);
    EXPECT_EQ(*loaded.error().Arg("file"), file);
    ASSERT_NE(loaded.error().Arg("reason"), nullptr);
    EXPECT_EQ(*loaded.error().Arg("reason"), "not a JSON array");
  }
}

// The real lists, from the npm packages @zxcvbn-ts/language-common (src/passwords.json: 49,233
// passwords in version 4.1.3) and @zxcvbn-ts/language-fr (src/commonWords.json: 28,095 French
// words in 4.1.2). Their dist/ folders hold only JavaScript modules: the JSON arrays are in src/.
// Entries of 12 characters or more checked below: "qwerty123456", "passwordpassword",
// "123456789012" (passwords.json), "anniversaire", "félicitations" (commonWords.json).
TEST(CommonPasswordsTest, TheNpmListsRefuseLongCommonPasswords) {
  const char* source = std::getenv("TREMPLIN_SOURCE_DIR");
  const std::filesystem::path root = source ? source : TREMPLIN_SOURCE_DIR;
  const std::filesystem::path packages = root / "node_modules" / "@zxcvbn-ts";
  const std::string passwords = (packages / "language-common" / "src" / "passwords.json").string();
  const std::string words = (packages / "language-fr" / "src" / "commonWords.json").string();
  for (const std::string& file : {passwords, words}) {
    if (!std::filesystem::exists(file))
      GTEST_SKIP() << file << " is missing: the npm packages @zxcvbn-ts/language-common and "
                   << "@zxcvbn-ts/language-fr are not installed (not in package.json yet)";
  }
  core::Result<CommonPasswords> loaded = CommonPasswords::Load({passwords, words});
  ASSERT_TRUE(loaded.ok()) << core::ToLogString(loaded.error());
  EXPECT_GT(loaded->size(), 40'000u);
  for (std::string_view common :
       {"qwerty123456", "passwordpassword", "123456789012", "QWERTY123456", "anniversaire",
        "félicitations"}) {
    SCOPED_TRACE(common);
    ExpectRefused(CheckNewPassword(common, "camille@example.org", *loaded),
                  "password_too_common");
  }
  ExpectAccepted(CheckNewPassword("trois lapins bleus dansent", "camille@example.org", *loaded));
}

// ---------------------------------------------------------------------------------------------
// Signing in and sessions, on both backends

constexpr const char* kPassword = "Tilleuls-2025-atelier";
constexpr const char* kAddress = "192.0.2.10";
constexpr int64_t kNow = 1'750'000'000;

// The hash of kPassword, made once for every test (argon2id is slow on purpose).
const std::string& KnownHash() {
  static const std::string hash = [] {
    core::Result<std::string> made = HashPassword(kPassword);
    return made.ok() ? *made : std::string();
  }();
  return hash;
}

class SignInTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    ASSERT_FALSE(KnownHash().empty());
    db_ = scratch_.Open();
    ASSERT_TRUE(db_.has_value());
    core::Result<int> migrated = store::Migrate(*db_);
    ASSERT_TRUE(migrated.ok()) << migrated.error().id;
  }
  Database& db() { return *db_; }

  int64_t AddUser(std::string email, bool disabled = false, Role role = Role::kMember) {
    User user;
    user.email = std::move(email);
    user.name = "Camille Durand";
    user.role = role;
    user.password_hash = KnownHash();
    user.disabled = disabled;
    core::Result<int64_t> id = store::InsertUser(db(), user);
    EXPECT_TRUE(id.ok()) << core::ToLogString(id.error());
    return id.ok() ? *id : 0;
  }

  core::Result<SignedIn> Attempt(std::string_view email, std::string_view password,
                                 int64_t now = kNow, std::string_view address = kAddress) {
    return SignIn(db(), email, password, address, now, policy_);
  }

  // Signs in with the right password, which must work.
  SignedIn SignInOk(std::string_view email, int64_t now = kNow,
                    std::string_view address = kAddress) {
    core::Result<SignedIn> done = Attempt(email, kPassword, now, address);
    EXPECT_TRUE(done.ok()) << core::ToLogString(done.error());
    return done.ok() ? *done : SignedIn{};
  }

  std::optional<Principal> Who(std::string_view token, int64_t now) {
    core::Result<std::optional<Principal>> who = Authenticate(db(), token, now, policy_);
    EXPECT_TRUE(who.ok()) << core::ToLogString(who.error());
    return who.ok() ? *who : std::nullopt;
  }

  std::optional<store::UserSession> StoredSession(const std::string& token) {
    core::Result<std::optional<store::UserSession>> found = store::FindSession(db(), TokenHash(token));
    EXPECT_TRUE(found.ok());
    return found.ok() ? *found : std::nullopt;
  }

  int64_t Failures(const std::string& key) {
    core::Result<int64_t> count = store::CountLoginFailures(db(), key, 0);
    EXPECT_TRUE(count.ok());
    return count.ok() ? *count : -1;
  }

  int CountSessions() {
    int count = -1;
    db().session() << "SELECT COUNT(*) FROM user_sessions", soci::into(count);
    return count;
  }

  static void ExpectLoginFailed(const core::Result<SignedIn>& result) {
    ASSERT_FALSE(result.ok()) << "signed in";
    EXPECT_EQ(result.error().code, core::ErrorCode::kUnauthorized);
    EXPECT_EQ(result.error().id, "login_failed");
    EXPECT_EQ(result.error().field, "");
    EXPECT_TRUE(result.error().args.empty());
  }

  static void ExpectThrottled(const core::Result<SignedIn>& result, std::string minutes) {
    ASSERT_FALSE(result.ok()) << "signed in";
    EXPECT_EQ(result.error().code, core::ErrorCode::kTooManyRequests);
    EXPECT_EQ(result.error().id, "login_throttled");
    ASSERT_NE(result.error().Arg("minutes"), nullptr);
    EXPECT_EQ(*result.error().Arg("minutes"), minutes);
  }

  SessionPolicy policy_;
  store::testing::ScratchDatabase scratch_{GetParam()};
  std::optional<Database> db_;
};

TREMPLIN_ON_EVERY_BACKEND(SignInTest);

TEST_P(SignInTest, RightPasswordOpensASessionKnownOnlyByTheTokensHash) {
  const int64_t id = AddUser("camille@example.org", false, Role::kReviewer);
  core::Result<SignedIn> signed_in = Attempt("camille@example.org", kPassword);
  ASSERT_TRUE(signed_in.ok()) << core::ToLogString(signed_in.error());
  EXPECT_EQ(signed_in->user.id, id);
  EXPECT_EQ(signed_in->user.email, "camille@example.org");
  EXPECT_EQ(signed_in->user.role, Role::kReviewer);
  EXPECT_EQ(signed_in->token.size(), 64u);
  EXPECT_TRUE(IsLowerHex(signed_in->token));
  EXPECT_EQ(signed_in->csrf_token.size(), 64u);
  EXPECT_TRUE(IsLowerHex(signed_in->csrf_token));
  EXPECT_NE(signed_in->token, signed_in->csrf_token);

  std::optional<store::UserSession> session = StoredSession(signed_in->token);
  ASSERT_TRUE(session.has_value());
  EXPECT_EQ(session->user_id, id);
  EXPECT_EQ(session->csrf_token, signed_in->csrf_token);
  EXPECT_EQ(session->created_unix, kNow);
  EXPECT_EQ(session->seen_unix, kNow);
  // The token itself is nowhere in the table.
  core::Result<std::optional<store::UserSession>> by_token =
      store::FindSession(db(), signed_in->token);
  ASSERT_TRUE(by_token.ok());
  EXPECT_FALSE(by_token->has_value());
  int holding_token = -1;
  db().session() << "SELECT COUNT(*) FROM user_sessions WHERE token_hash = :a OR csrf_token = :b",
      soci::use(signed_in->token), soci::use(signed_in->token), soci::into(holding_token);
  EXPECT_EQ(holding_token, 0);
  EXPECT_EQ(CountSessions(), 1);
}

TEST_P(SignInTest, AuthenticateWithTheTokenGivesTheUser) {
  const int64_t id = AddUser("camille@example.org");
  SignedIn signed_in = SignInOk("camille@example.org");
  std::optional<Principal> who = Who(signed_in.token, kNow + 5);
  ASSERT_TRUE(who.has_value());
  EXPECT_EQ(who->user.id, id);
  EXPECT_EQ(who->user.email, "camille@example.org");
  EXPECT_EQ(who->token_hash, TokenHash(signed_in.token));
  EXPECT_EQ(who->csrf_token, signed_in.csrf_token);
  // Anything else identifies nobody.
  EXPECT_FALSE(Who("", kNow + 5).has_value());
  EXPECT_FALSE(Who(RandomToken(), kNow + 5).has_value());
  EXPECT_FALSE(Who(TokenHash(signed_in.token), kNow + 5).has_value());  // the stored hash
  EXPECT_FALSE(Who(signed_in.csrf_token, kNow + 5).has_value());
  std::string altered = signed_in.token;
  altered[0] = altered[0] == '0' ? '1' : '0';
  EXPECT_FALSE(Who(altered, kNow + 5).has_value());
}

TEST_P(SignInTest, EmailIsMatchedWhateverItsCase) {
  const int64_t id = AddUser("camille@example.org");
  core::Result<SignedIn> signed_in = Attempt("Camille@EXAMPLE.org", kPassword);
  ASSERT_TRUE(signed_in.ok()) << core::ToLogString(signed_in.error());
  EXPECT_EQ(signed_in->user.id, id);
}

TEST_P(SignInTest, WrongPasswordAndUnknownEmailGiveTheSameError) {
  AddUser("camille@example.org");
  core::Result<SignedIn> wrong = Attempt("camille@example.org", "Tilleuls-2025-ateliers");
  core::Result<SignedIn> unknown = Attempt("nobody@example.org", kPassword);
  core::Result<SignedIn> empty = Attempt("camille@example.org", "");
  ExpectLoginFailed(wrong);
  ExpectLoginFailed(unknown);
  ExpectLoginFailed(empty);
  EXPECT_EQ(CountSessions(), 0);
  // Each failure counts against the account and the address.
  EXPECT_EQ(Failures("account:camille@example.org"), 2);
  EXPECT_EQ(Failures("account:nobody@example.org"), 1);
  EXPECT_EQ(Failures(std::string("address:") + kAddress), 3);
}

TEST_P(SignInTest, UserWithoutAPasswordCannotSignIn) {
  User user;
  user.email = "invited@example.org";
  user.name = "Invité";
  ASSERT_TRUE(store::InsertUser(db(), user).ok());
  ExpectLoginFailed(Attempt("invited@example.org", ""));
  ExpectLoginFailed(Attempt("invited@example.org", kPassword));
  EXPECT_EQ(CountSessions(), 0);
}

TEST_P(SignInTest, DisabledUserCannotSignIn) {
  AddUser("gone@example.org", /*disabled=*/true);
  ExpectLoginFailed(Attempt("gone@example.org", kPassword));
  EXPECT_EQ(CountSessions(), 0);
}

TEST_P(SignInTest, TooManyFailuresThrottleTheAccountEvenWithTheRightPassword) {
  policy_.max_failures_per_account = 3;
  policy_.throttle_window_seconds = 600;
  AddUser("camille@example.org");
  for (int i = 0; i < 3; ++i) ExpectLoginFailed(Attempt("camille@example.org", "wrong", kNow + i));
  ExpectThrottled(Attempt("camille@example.org", kPassword, kNow + 10), "10");
  ExpectThrottled(Attempt("camille@example.org", "wrong", kNow + 10), "10");
  EXPECT_EQ(CountSessions(), 0);
  // Another account from the same address is not concerned.
  AddUser("dominique@example.org");
  SignInOk("dominique@example.org", kNow + 10);
  // Once the window has passed, the account signs in again.
  SignInOk("camille@example.org", kNow + 2 + 601);
}

TEST_P(SignInTest, ThrottlingMinutesAreRoundedUp) {
  policy_.max_failures_per_account = 1;
  policy_.throttle_window_seconds = 61;
  AddUser("camille@example.org");
  ExpectLoginFailed(Attempt("camille@example.org", "wrong"));
  ExpectThrottled(Attempt("camille@example.org", kPassword, kNow + 1), "2");
}

// The throttle must count failures per account, not per spelling of its email: the account is
// found whatever the case of the email typed (EmailIsMatchedWhateverItsCase), so failures
// typed in one case must stop an attempt typed in another.
TEST_P(SignInTest, AccountThrottlingIgnoresTheCaseOfTheEmail) {
  policy_.max_failures_per_account = 3;
  AddUser("camille@example.org");
  ExpectLoginFailed(Attempt("camille@example.org", "wrong1"));
  ExpectLoginFailed(Attempt("Camille@example.org", "wrong2"));
  ExpectLoginFailed(Attempt("CAMILLE@example.org", "wrong3"));
  ExpectThrottled(Attempt("camille@example.org", kPassword, kNow + 1), "15");
  ExpectThrottled(Attempt("camille@EXAMPLE.org", kPassword, kNow + 1), "15");
  EXPECT_EQ(CountSessions(), 0);
}

TEST_P(SignInTest, TooManyFailuresFromOneAddressThrottleEveryAccount) {
  policy_.max_failures_per_account = 100;
  policy_.max_failures_per_address = 3;
  AddUser("camille@example.org");
  ExpectLoginFailed(Attempt("a@example.org", "wrong", kNow, "198.51.100.7"));
  ExpectLoginFailed(Attempt("b@example.org", "wrong", kNow, "198.51.100.7"));
  ExpectLoginFailed(Attempt("camille@example.org", "wrong", kNow, "198.51.100.7"));
  ExpectThrottled(Attempt("camille@example.org", kPassword, kNow + 1, "198.51.100.7"), "15");
  ExpectThrottled(Attempt("new@example.org", "wrong", kNow + 1, "198.51.100.7"), "15");
  // Another address is not concerned.
  SignInOk("camille@example.org", kNow + 1, "198.51.100.8");
}

TEST_P(SignInTest, ASuccessClearsTheAccountsFailures) {
  policy_.max_failures_per_account = 3;
  AddUser("camille@example.org");
  ExpectLoginFailed(Attempt("camille@example.org", "wrong"));
  ExpectLoginFailed(Attempt("camille@example.org", "wrong"));
  SignInOk("camille@example.org", kNow + 1);
  EXPECT_EQ(Failures("account:camille@example.org"), 0);
  // Two more failures: four in the window, but only two since the success.
  ExpectLoginFailed(Attempt("camille@example.org", "wrong", kNow + 2));
  ExpectLoginFailed(Attempt("camille@example.org", "wrong", kNow + 3));
  SignInOk("camille@example.org", kNow + 4);
}

TEST_P(SignInTest, IdleSessionEndsAndIsDeleted) {
  policy_.idle_seconds = 100;
  policy_.absolute_seconds = 10'000;
  AddUser("camille@example.org");
  SignedIn signed_in = SignInOk("camille@example.org", kNow);
  EXPECT_TRUE(Who(signed_in.token, kNow + 50).has_value());   // not noted: < 60 s
  EXPECT_TRUE(Who(signed_in.token, kNow + 100).has_value());  // idle exactly the limit; noted
  EXPECT_TRUE(Who(signed_in.token, kNow + 200).has_value());  // 100 s since the last use
  EXPECT_FALSE(Who(signed_in.token, kNow + 301).has_value());
  EXPECT_FALSE(StoredSession(signed_in.token).has_value());
  // Deleted: even a time within the limit no longer finds it.
  EXPECT_FALSE(Who(signed_in.token, kNow + 250).has_value());
}

TEST_P(SignInTest, AbsoluteTimeoutEndsEvenABusySession) {
  policy_.idle_seconds = 100;
  policy_.absolute_seconds = 300;
  AddUser("camille@example.org");
  SignedIn signed_in = SignInOk("camille@example.org", kNow);
  for (int64_t at : {kNow + 90, kNow + 180, kNow + 270, kNow + 300}) {
    SCOPED_TRACE(at - kNow);
    EXPECT_TRUE(Who(signed_in.token, at).has_value());
  }
  EXPECT_FALSE(Who(signed_in.token, kNow + 301).has_value());
  EXPECT_FALSE(StoredSession(signed_in.token).has_value());
}

TEST_P(SignInTest, AuthenticateNotesTheUseAtMostOncePerMinute) {
  policy_.idle_seconds = 100;
  AddUser("camille@example.org");
  SignedIn signed_in = SignInOk("camille@example.org", kNow);
  ASSERT_TRUE(Who(signed_in.token, kNow + 59).has_value());
  EXPECT_EQ(StoredSession(signed_in.token)->seen_unix, kNow);
  ASSERT_TRUE(Who(signed_in.token, kNow + 60).has_value());
  EXPECT_EQ(StoredSession(signed_in.token)->seen_unix, kNow + 60);
  EXPECT_EQ(StoredSession(signed_in.token)->created_unix, kNow);
  // The idle time now counts from the last use noted, not from the sign-in.
  EXPECT_TRUE(Who(signed_in.token, kNow + 150).has_value());
}

TEST_P(SignInTest, EachSignInMakesANewSession) {
  const int64_t id = AddUser("camille@example.org");
  SignedIn first = SignInOk("camille@example.org", kNow);
  SignedIn second = SignInOk("camille@example.org", kNow + 1);
  EXPECT_NE(first.token, second.token);
  EXPECT_NE(first.csrf_token, second.csrf_token);
  EXPECT_EQ(CountSessions(), 2);
  std::optional<Principal> one = Who(first.token, kNow + 2);
  std::optional<Principal> two = Who(second.token, kNow + 2);
  ASSERT_TRUE(one.has_value() && two.has_value());
  EXPECT_EQ(one->user.id, id);
  EXPECT_EQ(two->user.id, id);
  // The old token identifies its own session only, never the new one.
  EXPECT_EQ(one->token_hash, TokenHash(first.token));
  EXPECT_EQ(one->csrf_token, first.csrf_token);
  EXPECT_EQ(two->token_hash, TokenHash(second.token));
  EXPECT_EQ(two->csrf_token, second.csrf_token);
  // Signing out of one leaves the other.
  ASSERT_TRUE(store::DeleteSession(db(), TokenHash(first.token)).ok());
  EXPECT_FALSE(Who(first.token, kNow + 3).has_value());
  EXPECT_TRUE(Who(second.token, kNow + 3).has_value());
}

TEST_P(SignInTest, LogOutEverywhereEndsEverySessionOfTheUserOnly) {
  const int64_t camille = AddUser("camille@example.org");
  AddUser("dominique@example.org");
  SignedIn laptop = SignInOk("camille@example.org", kNow);
  SignedIn phone = SignInOk("camille@example.org", kNow);
  SignedIn other = SignInOk("dominique@example.org", kNow);
  ASSERT_TRUE(store::DeleteSessionsOf(db(), camille).ok());
  EXPECT_FALSE(Who(laptop.token, kNow + 1).has_value());
  EXPECT_FALSE(Who(phone.token, kNow + 1).has_value());
  std::optional<Principal> still = Who(other.token, kNow + 1);
  ASSERT_TRUE(still.has_value());
  EXPECT_EQ(still->user.email, "dominique@example.org");
}

TEST_P(SignInTest, SessionOfAUserDisabledSinceNoLongerAuthenticates) {
  const int64_t id = AddUser("camille@example.org");
  SignedIn signed_in = SignInOk("camille@example.org", kNow);
  db().session() << "UPDATE users SET disabled_at = '2025-06-15T12:00:00Z' WHERE id = :id",
      soci::use(id);
  EXPECT_FALSE(Who(signed_in.token, kNow + 1).has_value());
}

TEST(NowUnixTest, IsTheCurrentTimeInSeconds) {
  const int64_t now = NowUnix();
  EXPECT_GT(now, 1'700'000'000);  // after November 2023
  EXPECT_LT(now, 4'102'444'800);  // before 2100
  const int64_t later = NowUnix();
  EXPECT_GE(later, now);
  EXPECT_LE(later - now, 2);
}

}  // namespace
}  // namespace tremplin::auth
