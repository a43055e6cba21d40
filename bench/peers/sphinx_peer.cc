#include "peers/sphinx_peer.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstring>
#include <fstream>
#include <numbers>
#include <numeric>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <unordered_map>

#include "peers/peer_semantics.h"
#include "peers/peers.h"
#include "text/fold.h"
#include "text/words.h"

extern char** environ;

namespace tremplin::bench {
namespace {

// GEODIST's haversine takes the Earth's diameter as 2 × 6384 km; scaled to Tremplin's radius.
constexpr double kGeodistScale = core::kEarthRadiusKm / 6384.0;
constexpr const char* kFar = "1e9";             // distance of a document without one
constexpr const char* kNoStart = "2147483647";  // next start of a document without one
constexpr int64_t kNoLastStart = -1000000000;   // last start of a document without sessions
constexpr int kMinPrefixLength = 2;             // min_prefix_len of the index
constexpr const char* kRanking =
    "ranker=proximity_bm25, field_weights=(professions=8, title=6, organisation=3, body=1)";

// One result set: its rows, every value as text (NULL as "").
using Rows = std::vector<std::vector<std::string>>;

// The part of the MySQL client protocol (4.1) searchd needs: a handshake without password and
// text queries, several statements per query.
class SphinxQl {
 public:
  ~SphinxQl() { Close(); }

  // Connects to 127.0.0.1:`port`; false with `error` set on failure.
  bool Connect(int port, std::string& error) {
    Close();
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd_ < 0 || ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
      error = std::string("connect: ") + std::strerror(errno);
      Close();
      return false;
    }
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    try {
      ReadPacket();  // the server's greeting: nothing in it matters here
      constexpr uint32_t kProtocol41 = 0x200, kSecureConnection = 0x8000,
                         kMultiStatements = 0x10000, kMultiResults = 0x20000;
      std::string reply;
      AppendInt(reply, kProtocol41 | kSecureConnection | kMultiStatements | kMultiResults, 4);
      AppendInt(reply, 1 << 24, 4);    // largest packet
      reply += static_cast<char>(33);  // utf8_general_ci
      reply.append(23, '\0');
      reply += '\0';  // empty user name
      reply += '\0';  // no password
      WritePacket(1, reply);
      std::string answer = ReadPacket();
      if (answer.empty() || static_cast<unsigned char>(answer[0]) == 0xff)
        throw std::runtime_error("handshake refused: " + ErrorText(answer));
    } catch (const std::exception& e) {
      error = e.what();
      Close();
      return false;
    }
    return true;
  }

  bool connected() const { return fd_ >= 0; }

  // The result sets of the ';'-separated statements of `sql`, in order (an OK without rows
  // gives an empty set). Throws std::runtime_error on an error or a broken connection.
  std::vector<Rows> Query(const std::string& sql) {
    if (fd_ < 0) throw std::runtime_error("not connected");
    WritePacket(0, "\x03" + sql);
    std::vector<Rows> sets;
    for (bool more = true; more;) {
      std::string packet = ReadPacket();
      unsigned char head = packet.empty() ? 0xff : static_cast<unsigned char>(packet[0]);
      if (head == 0xff) throw std::runtime_error("searchd: " + ErrorText(packet) + " in " + sql);
      if (head == 0x00) {  // OK: affected rows, last id, status
        size_t at = 1;
        LengthEncoded(packet, at);
        LengthEncoded(packet, at);
        more = (ReadInt(packet, at, 2) & kMoreResults) != 0;
        sets.emplace_back();
        continue;
      }
      size_t at = 0;
      uint64_t columns = LengthEncoded(packet, at);
      for (uint64_t c = 0; c < columns; ++c) ReadPacket();
      ReadPacket();  // end of the column definitions
      Rows rows;
      for (;;) {
        std::string row = ReadPacket();
        if (!row.empty() && static_cast<unsigned char>(row[0]) == 0xfe && row.size() < 9) {
          size_t status_at = 3;
          more = (ReadInt(row, status_at, 2) & kMoreResults) != 0;
          break;
        }
        std::vector<std::string>& values = rows.emplace_back();
        size_t i = 0;
        while (i < row.size()) {
          if (static_cast<unsigned char>(row[i]) == 0xfb) {
            values.emplace_back();
            ++i;
            continue;
          }
          uint64_t length = LengthEncoded(row, i);
          values.push_back(row.substr(i, length));
          i += length;
        }
      }
      sets.push_back(std::move(rows));
    }
    return sets;
  }

  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    buffer_.clear();
    buffer_at_ = 0;
  }

 private:
  static constexpr uint16_t kMoreResults = 0x08;

  static void AppendInt(std::string& out, uint64_t value, int bytes) {
    for (int i = 0; i < bytes; ++i) out += static_cast<char>((value >> (8 * i)) & 0xff);
  }
  static uint64_t ReadInt(const std::string& in, size_t& at, int bytes) {
    uint64_t value = 0;
    for (int i = 0; i < bytes && at + i < in.size(); ++i)
      value |= uint64_t{static_cast<unsigned char>(in[at + i])} << (8 * i);
    at += bytes;
    return value;
  }
  static uint64_t LengthEncoded(const std::string& in, size_t& at) {
    unsigned char first = static_cast<unsigned char>(in[at++]);
    if (first < 0xfb) return first;
    if (first == 0xfc) return ReadInt(in, at, 2);
    if (first == 0xfd) return ReadInt(in, at, 3);
    return ReadInt(in, at, 8);
  }
  static std::string ErrorText(const std::string& packet) {
    // 0xff, code (2), '#' and SQL state (5), message.
    return packet.size() > 9 ? packet.substr(9) : "unknown error";
  }

  void ReadExactly(char* out, size_t size) {
    while (size > 0) {
      if (buffer_at_ == buffer_.size()) {
        buffer_.resize(1 << 16);
        ssize_t got = ::recv(fd_, buffer_.data(), buffer_.size(), 0);
        if (got <= 0) {
          Close();
          throw std::runtime_error("connection to searchd lost");
        }
        buffer_.resize(static_cast<size_t>(got));
        buffer_at_ = 0;
      }
      size_t take = std::min(size, buffer_.size() - buffer_at_);
      std::memcpy(out, buffer_.data() + buffer_at_, take);
      buffer_at_ += take;
      out += take;
      size -= take;
    }
  }

  std::string ReadPacket() {
    std::string payload;
    for (;;) {  // a payload of 2^24-1 bytes continues in the next packet
      unsigned char header[4];
      ReadExactly(reinterpret_cast<char*>(header), 4);
      size_t length = header[0] | header[1] << 8 | header[2] << 16;
      size_t old = payload.size();
      payload.resize(old + length);
      ReadExactly(payload.data() + old, length);
      if (length < 0xffffff) return payload;
    }
  }

  void WritePacket(uint8_t sequence, const std::string& payload) {
    std::string packet;
    AppendInt(packet, payload.size(), 3);
    packet += static_cast<char>(sequence);
    packet += payload;
    for (size_t sent = 0; sent < packet.size();) {
      ssize_t n = ::send(fd_, packet.data() + sent, packet.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) {
        Close();
        throw std::runtime_error("connection to searchd lost");
      }
      sent += static_cast<size_t>(n);
    }
  }

  int fd_ = -1;
  std::string buffer_;
  size_t buffer_at_ = 0;
};

// Integer ids of an attribute's values (Sphinx filters and groups on integers). 0 is no value
// and any value the corpus does not have.
struct Vocabulary {
  std::unordered_map<std::string, int64_t> ids;
  std::vector<std::string> values{""};  // values[id]

  int64_t Add(const std::string& value) {
    auto [it, added] = ids.emplace(value, static_cast<int64_t>(values.size()));
    if (added) values.push_back(value);
    return it->second;
  }
  int64_t Find(const std::string& value) const {
    auto it = ids.find(value);
    return it == ids.end() ? 0 : it->second;
  }
};

// Folded words separated by spaces: the form both the documents and the queries reach Sphinx
// in (accents, case and elided articles are not Sphinx's French analysis). Folds each word
// once: the corpus repeats a small vocabulary and folding is slow.
class Normaliser {
 public:
  std::string operator()(std::string_view text) {
    std::string out;
    for (std::string_view word : text::Words(text)) {
      auto [it, added] = folded_.try_emplace(std::string(word));
      if (added) it->second = text::Fold(word);
      if (!out.empty()) out += ' ';
      out += it->second;
    }
    return out;
  }

 private:
  std::unordered_map<std::string, std::string> folded_;
};

std::string XmlEscaped(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string SqlString(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string Number(double value) {
  std::ostringstream out;
  out.precision(17);
  out << value;
  return out.str();
}

std::string Join(const std::vector<int64_t>& ids) {
  std::string out;
  for (int64_t id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

std::optional<std::string> FindProgram(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  std::stringstream stream(dirs);
  for (std::string dir; std::getline(stream, dir, ':');) {
    std::filesystem::path candidate = std::filesystem::path(dir.empty() ? "." : dir) / name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return std::nullopt;
}

// Starts `argv` with its output appended to `log`; -1 on failure.
pid_t Spawn(const std::vector<std::string>& argv, const std::filesystem::path& log) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  int failed = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return failed ? -1 : pid;
}

std::string Tail(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return text.size() > 2000 ? text.substr(text.size() - 2000) : text;
}

// A loopback port nobody listens on at the moment.
int FreePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof(address);
  int port = -1;
  if (fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0)
    port = ntohs(address.sin_port);
  if (fd >= 0) ::close(fd);
  return port;
}

core::Error SphinxError(std::string detail) {
  return core::MakeError(core::ErrorCode::kInternal, "peer_load_failed").With("reason", detail);
}

// Positions in kFacets.
enum FacetIndex : size_t { kFamily, kProfession, kMode, kRegion, kDepartment, kLevel, kMaxMonths };
// The attributes with a facet, by the position of the facet in kFacets (the duration facet
// groups its own expression).
constexpr std::array<const char*, kFacets.size()> kFacetAttributes = {
    "family", "profs", "mode", "region", "department", "level", nullptr};
static_assert(kFacets[kFamily].own == Filter::kFamily &&
              kFacets[kProfession].own == Filter::kProfession &&
              kFacets[kMode].own == Filter::kMode && kFacets[kRegion].own == Filter::kRegion &&
              kFacets[kDepartment].own == Filter::kDepartment &&
              kFacets[kLevel].own == Filter::kLevel &&
              kFacets[kMaxMonths].own == Filter::kDuration);
// Groups of the duration facet: INTERVAL(weeks, …) is i when the course fits the i-th threshold
// of kDurationMonths but no shorter one.
std::string DurationGroups() {
  std::string out = "INTERVAL(weeks";
  for (int months : kDurationMonths) out += ", " + std::to_string(WeeksForMonths(months) + 1);
  return out + ")";
}

}  // namespace

struct SphinxPeer::State {
  SphinxQl sql;
  int port = 0;
  std::vector<search::DocId> doc_of;  // Sphinx id - 1 → DocId
  // By the position of the facet in kFacets, but the duration.
  std::array<Vocabulary, kFacets.size() - 1> vocabularies;
  size_t largest_vocabulary = 0;
};

namespace {

// Sphinx's id of `value` in facet `f` (0 when no document has it).
int64_t IdOf(const SphinxPeer::State& state, size_t f, const std::string& value) {
  return state.vocabularies[f].Find(value);
}

// The statements of one search at a given radius.
class Statements {
 public:
  Statements(const SphinxPeer::State& state, const search::SearchQuery& query,
             const QueryPlan& plan, double radius_km)
      : query_(query), plan_(plan) {
    if (plan.center) {
      constexpr double kRadians = std::numbers::pi / 180.0;
      distance_ = "IF(has_point=1, GEODIST(lat, lon, " + Number(plan.center->lat * kRadians) +
                  ", " + Number(plan.center->lon * kRadians) +
                  ", {in=rad, out=km, method=haversine})*" + Number(kGeodistScale) + ", " + kFar +
                  ")";
      Select(distance_ + " AS d");
    }
    // Place: remote documents always pass.
    switch (plan.place_kind) {
      case core::PlaceKind::kFrance:
        break;
      case core::PlaceKind::kRegion:
      case core::PlaceKind::kDepartment: {
        size_t f = plan.place_kind == core::PlaceKind::kRegion ? kRegion : kDepartment;
        Select("(remote=1 OR " + std::string(kFacetAttributes[f]) + "=" +
               std::to_string(IdOf(state, f, plan.place_code)) + ") AS place_ok");
        place_conditions_.push_back("place_ok=1");
        break;
      }
      case core::PlaceKind::kCommune:
        if (plan.center) {
          Select("(remote=1 OR d<=" + Number(radius_km + kRadiusToleranceKm) + ") AS place_ok");
          place_conditions_.push_back("place_ok=1");
        } else {
          place_conditions_.push_back("remote=1");
        }
        break;
    }
    // Filters.
    auto ids = [&](size_t f, const std::vector<std::string>& values) {
      std::vector<int64_t> out;
      for (const std::string& v : values) out.push_back(IdOf(state, f, v));
      return out;
    };
    if (!query.families.empty())
      filters_[Filter::kFamily] = "family IN (" + Join(ids(kFamily, query.families)) + ")";
    if (!query.professions.empty())
      filters_[Filter::kProfession] =
          "profs IN (" + Join(ids(kProfession, query.professions)) + ")";
    if (!query.modes.empty()) {
      std::vector<std::string> modes;
      for (core::DeliveryMode m : query.modes) modes.emplace_back(core::ToString(m));
      filters_[Filter::kMode] = "mode IN (" + Join(ids(kMode, modes)) + ")";
    }
    if (!query.regions.empty()) {
      Select("(remote=1 OR IN(region, " + Join(ids(kRegion, query.regions)) + ")) AS region_ok");
      filters_[Filter::kRegion] = "region_ok=1";
    }
    if (!query.departments.empty()) {
      Select("(remote=1 OR IN(department, " + Join(ids(kDepartment, query.departments)) +
             ")) AS department_ok");
      filters_[Filter::kDepartment] = "department_ok=1";
    }
    if (!query.levels.empty()) {
      std::vector<std::string> levels;
      for (int level : query.levels) levels.push_back(std::to_string(level));
      filters_[Filter::kLevel] = "level IN (" + Join(ids(kLevel, levels)) + ")";
    }
    if (query.max_duration_weeks)
      filters_[Filter::kDuration] = "weeks<=" + std::to_string(*query.max_duration_weeks);
    if (query.starts_after)
      filters_[Filter::kStart] =
          "last_start>=" + std::to_string(plan.sessions_from.DaysSinceEpoch());
    if (!plan.words.empty()) {
      std::string match;
      for (size_t i = 0; i < plan.words.size(); ++i) {
        const std::string& w = plan.words[i];
        if (!match.empty()) match += ' ';
        bool prefix = plan.prefix_last && i + 1 == plan.words.size() &&
                      static_cast<int>(w.size()) >= kMinPrefixLength;
        match += prefix ? "(" + w + " | " + w + "*)" : w;
      }
      match_ = "MATCH(" + SqlString(match) + ")";
    }
    max_matches_ = std::max<int64_t>({1000, int64_t{plan.offset} + plan.limit,
                                      static_cast<int64_t>(state.largest_vocabulary) + 10});
  }

  // The page, with the nearby/remote split and the facets whose filter is not set as FACETs
  // (listed in `main_facets`); then one GROUP BY per facet whose filter is set (`own_facets`).
  std::string Search(std::vector<size_t>& main_facets, std::vector<size_t>& own_facets) const {
    std::string from = std::to_string(plan_.sessions_from.DaysSinceEpoch());
    std::string index_of = "INDEXOF(x>=" + from + " FOR x IN sessions.d)";
    std::string next_start =
        "IF(" + index_of + ">=0, INTEGER(sessions.d[" + index_of + "]), " + kNoStart + ") AS ns";
    std::string order = "remote ASC";
    for (SortKey key : SortKeys(plan_.sort)) {
      switch (key) {
        case SortKey::kScore:
          order += ", WEIGHT() DESC";
          break;
        case SortKey::kDistance:
          if (plan_.center) order += ", d ASC";  // else every distance is the same
          break;
        case SortKey::kStart:
          order += ", ns ASC";
          break;
      }
    }
    order += ", id ASC";
    std::string sql = "SELECT id, " + next_start + Expressions() + " FROM tremplin" +
                      Where(std::nullopt) + " ORDER BY " + order + " LIMIT " +
                      std::to_string(plan_.offset) + ", " + std::to_string(plan_.limit) +
                      Options() + " FACET remote LIMIT 2";
    for (size_t f = 0; f < kFacets.size(); ++f) {
      if (HasFilter(query_, kFacets[f].own)) {
        own_facets.push_back(f);
        continue;
      }
      main_facets.push_back(f);
      sql += " FACET " + Group(f) + " LIMIT " + std::to_string(max_matches_ - 1);
    }
    for (size_t f : own_facets) {
      // GROUPBY() is the group's value (an MVA column would show the first row's list).
      sql += "; SELECT GROUPBY() AS g, COUNT(*) AS c, " + Group(f) + " AS grouped" + Expressions() +
             " FROM tremplin" + Where(kFacets[f].own) + " GROUP BY grouped LIMIT " +
             std::to_string(max_matches_ - 1) + Options();
    }
    return sql;
  }

  // The nearest document that is not remote and passes the text and the filters: its id and
  // distance first (needs a centre).
  std::string Nearest() const {
    return "SELECT id" + Expressions() + " FROM tremplin" +
           WhereParts(std::nullopt, {"remote=0", "has_point=1"}) + " ORDER BY d ASC LIMIT 1" +
           Options();
  }

 private:
  // Adds a computed column that conditions can name (Sphinx 2.2 has no OR in WHERE).
  void Select(const std::string& expression) {
    expressions_ += (expressions_.empty() ? "" : ", ") + expression;
  }

  std::string Expressions() const { return expressions_.empty() ? "" : ", " + expressions_; }

  std::string Group(size_t f) const {
    return kFacetAttributes[f] ? std::string(kFacetAttributes[f]) : DurationGroups();
  }

  std::string Where(std::optional<Filter> skip) const {
    return WhereParts(skip, place_conditions_);
  }

  std::string WhereParts(std::optional<Filter> skip, const std::vector<std::string>& extra) const {
    std::vector<std::string> parts;
    if (!match_.empty()) parts.push_back(match_);
    for (const std::string& c : extra) parts.push_back(c);
    for (const auto& [filter, condition] : filters_)
      if (filter != skip) parts.push_back(condition);
    std::string out;
    for (const std::string& p : parts) out += (out.empty() ? " WHERE " : " AND ") + p;
    return out;
  }

  std::string Options() const {
    return std::string(" OPTION ") + kRanking + ", max_matches=" + std::to_string(max_matches_);
  }

  const search::SearchQuery& query_;
  const QueryPlan& plan_;
  std::string distance_;
  std::string expressions_;  // computed columns the conditions refer to
  std::vector<std::string> place_conditions_;
  std::map<Filter, std::string> filters_;
  std::string match_;
  int64_t max_matches_ = 1000;
};

// Adds the counts of facet `f` from a result set of (group, count) rows.
void AddFacet(const SphinxPeer::State& state, size_t f, const Rows& rows, size_t group_column,
              size_t count_column, PeerResult& result) {
  std::map<std::string, int>& out = result.facets[std::string(kFacets[f].name)];
  if (!kFacetAttributes[f]) {
    // Cumulative: a course of group i fits every threshold from the i-th.
    std::array<int, kDurationMonths.size()> counts{};
    for (const auto& row : rows) {
      size_t group = std::stoul(row[group_column]);
      for (size_t i = group; i < counts.size(); ++i) counts[i] += std::stoi(row[count_column]);
    }
    for (size_t i = 0; i < counts.size(); ++i) out[std::to_string(kDurationMonths[i])] = counts[i];
    return;
  }
  const Vocabulary& vocabulary = state.vocabularies[f];
  for (const auto& row : rows) {
    size_t id = std::stoul(row[group_column]);
    if (id == 0 || id >= vocabulary.values.size()) continue;  // remote: no region, department
    out[vocabulary.values[id]] = std::stoi(row[count_column]);
  }
}

}  // namespace

SphinxPeer::SphinxPeer() = default;

SphinxPeer::~SphinxPeer() {
  StopServer();
  if (!folder_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(folder_, ignored);
  }
}

void SphinxPeer::StopServer() {
  if (state_) state_->sql.Close();
  if (searchd_ <= 0) return;
  ::kill(searchd_, SIGTERM);
  for (int i = 0; i < 100; ++i) {
    if (::waitpid(searchd_, nullptr, WNOHANG) == searchd_) {
      searchd_ = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::kill(searchd_, SIGKILL);
  ::waitpid(searchd_, nullptr, 0);
  searchd_ = -1;
}

core::Status SphinxPeer::Load(const std::vector<search::Document>& documents,
                              const core::Geography&) {
  auto started = std::chrono::steady_clock::now();
  std::optional<std::string> indexer = FindProgram("indexer");
  std::optional<std::string> searchd = FindProgram("searchd");
  if (!indexer || !searchd)
    return core::MakeError(core::ErrorCode::kUnavailable, "peer_unavailable")
        .With("reason", "sphinxsearch is not installed (no indexer or searchd in PATH)");
  StopServer();
  state_.reset();
  if (folder_.empty()) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "tremplin-sphinx-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) return SphinxError("cannot create " + pattern);
    folder_ = pattern;
  }
  auto state = std::make_unique<State>();

  // The source: ids in the order of Tremplin's last tie-breaks, course id then commune code.
  std::vector<search::DocId> order(documents.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](search::DocId a, search::DocId b) {
    const search::Document& x = documents[a];
    const search::Document& y = documents[b];
    if (x.course_id != y.course_id) return x.course_id < y.course_id;
    return x.commune_code < y.commune_code;
  });
  std::filesystem::path source = folder_ / "documents.xml";
  {
    std::ofstream out(source, std::ios::binary);
    out << "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sphinx:docset>\n<sphinx:schema>\n";
    for (const char* field : {"professions", "title", "organisation", "body"})
      out << "<sphinx:field name=\"" << field << "\"/>\n";
    for (const char* attribute :
         {"remote", "has_point", "family", "mode", "region", "department", "level", "weeks"})
      out << "<sphinx:attr name=\"" << attribute << "\" type=\"int\"/>\n";
    out << "<sphinx:attr name=\"lat\" type=\"float\"/>\n"
           "<sphinx:attr name=\"lon\" type=\"float\"/>\n"
           "<sphinx:attr name=\"last_start\" type=\"bigint\"/>\n"
           "<sphinx:attr name=\"profs\" type=\"multi\"/>\n"
           "<sphinx:attr name=\"sessions\" type=\"json\"/>\n"
           "</sphinx:schema>\n";
    auto& v = state->vocabularies;
    Normaliser normalise;
    constexpr double kRadians = std::numbers::pi / 180.0;
    for (size_t i = 0; i < order.size(); ++i) {
      const search::Document& d = documents[order[i]];
      state->doc_of.push_back(order[i]);
      out << "<sphinx:document id=\"" << i + 1 << "\">";
      out << "<professions>" << XmlEscaped(normalise(d.professions)) << "</professions>";
      out << "<title>" << XmlEscaped(normalise(d.title)) << "</title>";
      out << "<organisation>" << XmlEscaped(normalise(d.organisation)) << "</organisation>";
      out << "<body>" << XmlEscaped(normalise(d.body)) << "</body>";
      out << "<remote>" << (d.remote ? 1 : 0) << "</remote>";
      out << "<has_point>" << (d.point ? 1 : 0) << "</has_point>";
      out << "<family>" << v[kFamily].Add(d.family_id) << "</family>";
      out << "<mode>" << v[kMode].Add(std::string(core::ToString(d.mode))) << "</mode>";
      out << "<region>" << (d.remote ? 0 : v[kRegion].Add(d.region_code)) << "</region>";
      out << "<department>" << (d.remote ? 0 : v[kDepartment].Add(d.department_code))
          << "</department>";
      out << "<level>" << v[kLevel].Add(std::to_string(d.certification_level)) << "</level>";
      out << "<weeks>" << d.duration_weeks << "</weeks>";
      out << "<lat>" << Number(d.point ? d.point->lat * kRadians : 0) << "</lat>";
      out << "<lon>" << Number(d.point ? d.point->lon * kRadians : 0) << "</lon>";
      out << "<last_start>"
          << (d.session_starts.empty() ? kNoLastStart : d.session_starts.back().DaysSinceEpoch())
          << "</last_start>";
      std::vector<int64_t> professions;
      for (const std::string& p : d.profession_ids) professions.push_back(v[kProfession].Add(p));
      out << "<profs>" << Join(professions) << "</profs>";
      out << "<sessions>{\"d\":[";
      for (size_t s = 0; s < d.session_starts.size(); ++s)
        out << (s ? "," : "") << d.session_starts[s].DaysSinceEpoch();
      out << "]}</sessions></sphinx:document>\n";
    }
    out << "</sphinx:docset>\n";
    if (!out) return SphinxError("cannot write " + source.string());
  }
  for (const Vocabulary& v : state->vocabularies)
    state->largest_vocabulary = std::max(state->largest_vocabulary, v.values.size());

  state->port = FreePort();
  if (state->port <= 0) return SphinxError("no free loopback port");
  std::filesystem::path config = folder_ / "sphinx.conf";
  std::filesystem::create_directories(folder_ / "index");
  {
    std::ofstream out(config);
    out << "source tremplin\n{\n"
           "  type = xmlpipe2\n"
           "  xmlpipe_command = cat "
        << source.string()
        << "\n}\n"
           "index tremplin\n{\n"
           "  source = tremplin\n"
           "  path = "
        << (folder_ / "index" / "tremplin").string()
        << "\n"
           "  docinfo = extern\n"
           "  morphology = libstemmer_fr\n"
           "  dict = keywords\n"
           "  min_prefix_len = "
        << kMinPrefixLength
        << "\n}\n"
           "indexer\n{\n  mem_limit = 512M\n}\n"
           "searchd\n{\n"
           "  listen = 127.0.0.1:"
        << state->port
        << ":mysql41\n"
           "  log = "
        << (folder_ / "searchd.log").string()
        << "\n"
           "  pid_file = "
        << (folder_ / "searchd.pid").string()
        << "\n"
           "  binlog_path =\n"
           "  workers = threads\n"
           "  client_timeout = 86400\n"
           "  max_packet_size = 128M\n"
           "}\n";
    if (!out) return SphinxError("cannot write " + config.string());
  }

  auto indexing = std::chrono::steady_clock::now();
  std::filesystem::path indexer_log = folder_ / "indexer.log";
  pid_t pid = Spawn({*indexer, "--config", config.string(), "--all"}, indexer_log);
  int status = 0;
  if (pid < 0 || ::waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
      WEXITSTATUS(status) != 0)
    return SphinxError("indexer failed: " + Tail(indexer_log));
  indexer_seconds_ =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - indexing).count();
  std::error_code ignored;
  std::filesystem::remove(source, ignored);

  std::filesystem::path searchd_log = folder_ / "searchd.out";
  searchd_ = Spawn({*searchd, "--config", config.string(), "--nodetach"}, searchd_log);
  if (searchd_ < 0) return SphinxError("cannot start searchd");
  std::string error;
  for (int attempt = 0; !state->sql.Connect(state->port, error); ++attempt) {
    if (::waitpid(searchd_, &status, WNOHANG) == searchd_) {
      searchd_ = -1;
      return SphinxError("searchd stopped: " + Tail(searchd_log) + Tail(folder_ / "searchd.log"));
    }
    if (attempt == 300) {
      StopServer();
      return SphinxError("searchd does not answer: " + error);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  state_ = std::move(state);
  load_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return core::Ok{};
}

PeerResult SphinxPeer::Search(const search::SearchQuery& query) {
  if (!state_) return {};
  State& state = *state_;
  auto run = [&](const std::string& sql) {
    for (int attempt = 0;; ++attempt) {
      try {
        if (!state.sql.connected()) {
          std::string error;
          if (!state.sql.Connect(state.port, error)) throw std::runtime_error(error);
        }
        return state.sql.Query(sql);
      } catch (const std::runtime_error&) {
        // An idle connection may have been closed by searchd: reconnect once.
        if (attempt > 0 || state.sql.connected()) throw;
      }
    }
  };
  QueryPlan plan = MakePlan(query);
  auto answer = [&](double radius_km) {
    Statements statements(state, query, plan, radius_km);
    std::vector<size_t> main_facets, own_facets;
    std::vector<Rows> sets = run(statements.Search(main_facets, own_facets));
    if (sets.size() != 2 + main_facets.size() + own_facets.size())
      throw std::runtime_error("searchd gave an unexpected number of result sets");
    PeerResult result;
    result.facets = EmptyFacets();
    for (const auto& row : sets[0]) result.page.push_back(state.doc_of[std::stoul(row[0]) - 1]);
    for (const auto& row : sets[1])
      (row[0] == "1" ? result.remote_total : result.nearby_total) = std::stoi(row[1]);
    result.total = result.nearby_total + result.remote_total;
    // A FACET set's last two columns are the group and its count.
    for (size_t i = 0; i < main_facets.size(); ++i) {
      const Rows& rows = sets[2 + i];
      size_t columns = rows.empty() ? 2 : rows[0].size();
      AddFacet(state, main_facets[i], rows, columns - 2, columns - 1, result);
    }
    for (size_t i = 0; i < own_facets.size(); ++i)
      AddFacet(state, own_facets[i], sets[2 + main_facets.size() + i], 0, 1, result);
    result.radius_km = radius_km;
    return result;
  };
  PeerResult result = answer(plan.radius_km);
  if (plan.center && plan.widen && result.nearby_total == 0) {
    Statements statements(state, query, plan, search::kMaxRadiusKm);
    std::vector<Rows> sets = run(statements.Nearest());
    std::optional<double> nearest;
    if (!sets.empty() && !sets[0].empty()) nearest = std::stod(sets[0][0][1]);
    double radius = WidenedRadius(plan.radius_km, [&](double step) {
      return nearest && *nearest <= step + kRadiusToleranceKm;
    });
    if (radius != plan.radius_km) {
      result = answer(radius);
      result.radius_widened = true;
    }
  }
  return result;
}

std::unique_ptr<PeerEngine> MakeSphinxPeer() { return std::make_unique<SphinxPeer>(); }

}  // namespace tremplin::bench
