#include "peers/xapian_peer.h"

#include <stdlib.h>
#include <xapian.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstring>
#include <numeric>
#include <unordered_map>

#include "core/geo_point.h"
#include "peers/peer_semantics.h"
#include "peers/peers.h"
#include "text/fold.h"
#include "text/words.h"

namespace tremplin::bench {
namespace {

// Value slots.
constexpr Xapian::valueno kPointSlot = 0;      // latitude and longitude, two raw doubles
constexpr Xapian::valueno kWeeksSlot = 1;      // duration in weeks, sortable_serialise
constexpr Xapian::valueno kLastStartSlot = 2;  // last session start (days), sortable_serialise
constexpr Xapian::valueno kStartsSlot = 3;     // every session start (days), raw int32s
constexpr Xapian::valueno kFacetSlot = 4;      // facet values as vocabulary ids, raw int32s

// Boolean term prefixes of the filters.
constexpr const char* kFamilyPrefix = "XF";
constexpr const char* kProfessionPrefix = "XP";
constexpr const char* kModePrefix = "XM";
constexpr const char* kRegionPrefix = "XR";
constexpr const char* kDepartmentPrefix = "XD";
constexpr const char* kLevelPrefix = "XL";
constexpr const char* kRemoteTerm = "XREMOTE";

// Within-document frequency of a word per field: profession and title above organisation
// above content, as Tremplin's field weights (search/text_index.h).
constexpr Xapian::termcount kProfessionsWdf = 8;
constexpr Xapian::termcount kTitleWdf = 6;
constexpr Xapian::termcount kOrganisationWdf = 3;
constexpr Xapian::termcount kBodyWdf = 1;

constexpr double kFar = 1e9;  // distance of a document without one, as Tremplin's sort

// Positions of the facet values in the kFacetSlot value, after the remote flag; the profession
// position holds how many there are, listed at the end.
enum FacetField {
  kFamilyField,
  kProfessionField,
  kModeField,
  kRegionField,
  kDepartmentField,
  kLevelField,
  kWeeksField
};

// Index in kFacets of each facet's value list (the duration facet has none).
constexpr std::array<FacetField, kFacets.size()> kFacetFields = {
    kFamilyField,     kProfessionField, kModeField, kRegionField,
    kDepartmentField, kLevelField,      kWeeksField};

// Dense ids of a facet's values, so that a match spy counts in arrays.
struct Vocabulary {
  std::unordered_map<std::string, int32_t> ids;
  std::vector<std::string> values;

  int32_t Id(const std::string& value) {
    auto [it, added] = ids.emplace(value, static_cast<int32_t>(values.size()));
    if (added) values.push_back(value);
    return it->second;
  }
};

std::string Int32s(const std::vector<int32_t>& numbers) {
  std::string bytes(numbers.size() * sizeof(int32_t), '\0');
  if (!numbers.empty()) std::memcpy(bytes.data(), numbers.data(), bytes.size());
  return bytes;
}

int32_t Int32At(const std::string& bytes, size_t index) {
  int32_t number;
  std::memcpy(&number, bytes.data() + index * sizeof(int32_t), sizeof(int32_t));
  return number;
}

std::optional<core::GeoPoint> PointOf(const std::string& value) {
  if (value.size() != 2 * sizeof(double)) return std::nullopt;
  core::GeoPoint point;
  std::memcpy(&point.lat, value.data(), sizeof(double));
  std::memcpy(&point.lon, value.data() + sizeof(double), sizeof(double));
  return point;
}

// Folded words separated by spaces: the form both the documents and the queries reach Xapian
// in (accents, case and elided articles are not Xapian's French analysis). Folds each word
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

// Sort keys compare as bytes: big-endian encodings that keep the numeric order.
void AppendDistance(std::string& key, double km) {
  uint64_t bits;
  std::memcpy(&bits, &km, sizeof(bits));  // non-negative doubles order as their bits
  for (int shift = 56; shift >= 0; shift -= 8) key += static_cast<char>((bits >> shift) & 0xff);
}

void AppendDay(std::string& key, int64_t day) {
  uint64_t bits = static_cast<uint64_t>(day) ^ (uint64_t{1} << 63);
  for (int shift = 56; shift >= 0; shift -= 8) key += static_cast<char>((bits >> shift) & 0xff);
}

double DistanceOfKey(const std::string& key) {
  uint64_t bits = 0;
  for (int i = 0; i < 8; ++i) bits = bits << 8 | static_cast<unsigned char>(key[i]);
  double km;
  std::memcpy(&km, &bits, sizeof(km));
  return km;
}

// The documents whose point lies within a radius of a centre, by the same great-circle
// distance as Tremplin (Xapian's own LatLongCoord rounds points to about a metre).
class RadiusSource final : public Xapian::ValuePostingSource {
 public:
  RadiusSource(core::GeoPoint center, double radius_km)
      : ValuePostingSource(kPointSlot), center_(center), radius_km_(radius_km) {}

  void init(const Xapian::Database& db) override {
    ValuePostingSource::init(db);
    set_termfreq_min(0);
    set_maxweight(0);
  }
  void next(double min_wt) override {
    ValuePostingSource::next(min_wt);
    SkipFar(min_wt);
  }
  void skip_to(Xapian::docid did, double min_wt) override {
    ValuePostingSource::skip_to(did, min_wt);
    SkipFar(min_wt);
  }
  bool check(Xapian::docid did, double min_wt) override {
    if (!ValuePostingSource::check(did, min_wt)) return false;
    if (at_end()) return true;
    if (get_docid() == did) return Within();
    SkipFar(min_wt);
    return true;
  }
  double get_weight() const override { return 0; }
  RadiusSource* clone() const override { return new RadiusSource(center_, radius_km_); }
  std::string name() const override { return "tremplin.RadiusSource"; }

 private:
  bool Within() const {
    std::optional<core::GeoPoint> point = PointOf(get_value());
    return point && core::DistanceKm(center_, *point) <= radius_km_ + kRadiusToleranceKm;
  }
  void SkipFar(double min_wt) {
    while (!at_end() && !Within()) ValuePostingSource::next(min_wt);
  }

  core::GeoPoint center_;
  double radius_km_;
};

// Sort key of a document: its distance from the centre and/or its next session start, in the
// order given; the other tie-breaks are the relevance and the docid order (docids follow course
// id then commune code).
class OrderKey final : public Xapian::KeyMaker {
 public:
  OrderKey(std::vector<SortKey> keys, std::optional<core::GeoPoint> center, core::Date from)
      : keys_(std::move(keys)), center_(center), from_(from.DaysSinceEpoch()) {}

  std::string operator()(const Xapian::Document& doc) const override {
    std::string key;
    for (SortKey part : keys_) {
      if (part == SortKey::kDistance) {
        std::optional<core::GeoPoint> point;
        if (center_) point = PointOf(doc.get_value(kPointSlot));
        AppendDistance(key, point ? core::DistanceKm(*center_, *point) : kFar);
      } else if (part == SortKey::kStart) {
        std::string starts = doc.get_value(kStartsSlot);
        int64_t next = INT64_MAX;
        for (size_t i = 0; i < starts.size() / sizeof(int32_t); ++i) {
          if (Int32At(starts, i) >= from_) {
            next = Int32At(starts, i);
            break;
          }
        }
        AppendDay(key, next);
      }
    }
    return key;
  }

 private:
  std::vector<SortKey> keys_;
  std::optional<core::GeoPoint> center_;
  int64_t from_;
};

}  // namespace

struct XapianPeer::State {
  Xapian::Database db;
  Xapian::Stem stemmer{"french"};
  std::vector<search::DocId> doc_of;                 // Xapian docid - 1 → DocId
  std::array<Vocabulary, kWeeksField> vocabularies;  // by FacetField, but kWeeksField
};

namespace {

// Counts the facets of the documents the matcher goes through, per value, for each facet in
// `counted`.
class FacetSpy final : public Xapian::MatchSpy {
 public:
  FacetSpy(const XapianPeer::State& state, std::array<bool, kFacets.size()> counted)
      : state_(state), counted_(counted) {
    for (size_t f = 0; f < state.vocabularies.size(); ++f)
      counts_[f].assign(state.vocabularies[f].values.size(), 0);
  }

  void operator()(const Xapian::Document& doc, double) override {
    std::string value = doc.get_value(kFacetSlot);
    bool remote = Int32At(value, 0) != 0;
    for (size_t f = 0; f < kFacets.size(); ++f) {
      if (!counted_[f]) continue;
      FacetField field = kFacetFields[f];
      if (remote && (field == kRegionField || field == kDepartmentField)) continue;
      if (field == kWeeksField) {
        int32_t weeks = Int32At(value, 1 + kWeeksField);
        for (size_t i = 0; i < kDurationMonths.size(); ++i)
          if (weeks <= WeeksForMonths(kDurationMonths[i])) ++months_[i];
      } else if (field == kProfessionField) {
        size_t count = value.size() / sizeof(int32_t);
        for (size_t i = 2 + kWeeksField; i < count; ++i) ++counts_[field][Int32At(value, i)];
      } else {
        ++counts_[field][Int32At(value, 1 + field)];
      }
    }
  }

  // Writes the counted facets into `facets` (values met only; every duration threshold).
  void AddTo(std::map<std::string, std::map<std::string, int>>& facets) const {
    for (size_t f = 0; f < kFacets.size(); ++f) {
      if (!counted_[f]) continue;
      std::map<std::string, int>& out = facets[std::string(kFacets[f].name)];
      FacetField field = kFacetFields[f];
      if (field == kWeeksField) {
        for (size_t i = 0; i < kDurationMonths.size(); ++i)
          out[std::to_string(kDurationMonths[i])] = months_[i];
        continue;
      }
      for (size_t id = 0; id < counts_[field].size(); ++id)
        if (counts_[field][id] > 0) out[state_.vocabularies[field].values[id]] = counts_[field][id];
    }
  }

 private:
  const XapianPeer::State& state_;
  std::array<bool, kFacets.size()> counted_;
  std::array<std::vector<int>, kWeeksField> counts_;  // by FacetField, but kWeeksField
  std::array<int, kDurationMonths.size()> months_{};
};

Xapian::Query AnyTerm(const std::string& prefix, const std::vector<std::string>& values) {
  std::vector<Xapian::Query> terms;
  for (const std::string& v : values) terms.emplace_back(prefix + v);
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

// The filters `query` sets, each as a boolean query.
std::map<Filter, Xapian::Query> FilterQueries(const search::SearchQuery& query,
                                              const QueryPlan& plan) {
  std::map<Filter, Xapian::Query> filters;
  if (!query.families.empty()) filters[Filter::kFamily] = AnyTerm(kFamilyPrefix, query.families);
  if (!query.professions.empty())
    filters[Filter::kProfession] = AnyTerm(kProfessionPrefix, query.professions);
  if (!query.modes.empty()) {
    std::vector<std::string> modes;
    for (core::DeliveryMode m : query.modes) modes.emplace_back(core::ToString(m));
    filters[Filter::kMode] = AnyTerm(kModePrefix, modes);
  }
  Xapian::Query remote(kRemoteTerm);
  if (!query.regions.empty())
    filters[Filter::kRegion] = AnyTerm(kRegionPrefix, query.regions) | remote;
  if (!query.departments.empty())
    filters[Filter::kDepartment] = AnyTerm(kDepartmentPrefix, query.departments) | remote;
  if (!query.levels.empty()) {
    std::vector<std::string> levels;
    for (int level : query.levels) levels.push_back(std::to_string(level));
    filters[Filter::kLevel] = AnyTerm(kLevelPrefix, levels);
  }
  if (query.max_duration_weeks)
    filters[Filter::kDuration] =
        Xapian::Query(Xapian::Query::OP_VALUE_LE, kWeeksSlot,
                      Xapian::sortable_serialise(*query.max_duration_weeks));
  if (query.starts_after)
    filters[Filter::kStart] =
        Xapian::Query(Xapian::Query::OP_VALUE_GE, kLastStartSlot,
                      Xapian::sortable_serialise(plan.sessions_from.DaysSinceEpoch()));
  return filters;
}

// The place as a boolean query (nothing for all of France); remote documents always pass.
std::optional<Xapian::Query> PlaceQuery(const QueryPlan& plan, double radius_km) {
  Xapian::Query remote(kRemoteTerm);
  switch (plan.place_kind) {
    case core::PlaceKind::kFrance:
      return std::nullopt;
    case core::PlaceKind::kRegion:
      return Xapian::Query(kRegionPrefix + plan.place_code) | remote;
    case core::PlaceKind::kDepartment:
      return Xapian::Query(kDepartmentPrefix + plan.place_code) | remote;
    case core::PlaceKind::kCommune:
      if (!plan.center) return remote;
      return Xapian::Query((new RadiusSource(*plan.center, radius_km))->release()) | remote;
  }
  return std::nullopt;
}

// One search at a given radius: the page, the totals and the facets.
class Searcher {
 public:
  Searcher(const XapianPeer::State& state, const search::SearchQuery& query, const QueryPlan& plan)
      : state_(state), query_(query), plan_(plan), filters_(FilterQueries(query, plan)) {
    if (plan.words.empty()) {
      text_ = Xapian::Query::MatchAll;
      return;
    }
    std::vector<Xapian::Query> words;
    for (size_t i = 0; i < plan.words.size(); ++i) {
      Xapian::Query word("Z" + state.stemmer(plan.words[i]));
      if (plan.prefix_last && i + 1 == plan.words.size())
        word = word | Xapian::Query(Xapian::Query::OP_WILDCARD, plan.words[i]);
      words.push_back(word);
    }
    text_ = Xapian::Query(Xapian::Query::OP_AND, words.begin(), words.end());
  }

  PeerResult Answer(double radius_km) const {
    PeerResult result;
    result.facets = EmptyFacets();
    std::array<bool, kFacets.size()> counted;
    for (size_t f = 0; f < kFacets.size(); ++f) counted[f] = !HasFilter(query_, kFacets[f].own);
    FacetSpy spy(state_, counted);
    Xapian::Query main = Matching(radius_km, std::nullopt);
    Xapian::Query remote(kRemoteTerm);

    Xapian::MSet nearby = Run(Xapian::Query(Xapian::Query::OP_AND_NOT, main, remote), plan_.offset,
                              plan_.limit, &spy);
    result.nearby_total = static_cast<int>(nearby.get_matches_estimated());
    int first_remote = std::max(0, plan_.offset - result.nearby_total);
    Xapian::MSet remotes = Run(Xapian::Query(Xapian::Query::OP_FILTER, main, remote), first_remote,
                               plan_.limit - static_cast<int>(nearby.size()), &spy);
    result.remote_total = static_cast<int>(remotes.get_matches_estimated());
    result.total = result.nearby_total + result.remote_total;
    for (const Xapian::MSet* list : {&nearby, &remotes})
      for (Xapian::MSetIterator it = list->begin(); it != list->end(); ++it)
        result.page.push_back(state_.doc_of[*it - 1]);
    spy.AddTo(result.facets);

    // A facet whose filter is set counts what the other filters let through.
    for (size_t f = 0; f < kFacets.size(); ++f) {
      if (counted[f]) continue;
      std::array<bool, kFacets.size()> only{};
      only[f] = true;
      FacetSpy facet_spy(state_, only);
      Run(Matching(radius_km, kFacets[f].own), 0, 0, &facet_spy);
      facet_spy.AddTo(result.facets);
    }
    return result;
  }

  // Distance to the nearest document that is not remote and passes the text and the filters,
  // within kMaxRadiusKm; nullopt when there is none.
  std::optional<double> Nearest() const {
    if (!plan_.center) return std::nullopt;
    Xapian::Query near = Xapian::Query(
        Xapian::Query::OP_AND_NOT,
        Xapian::Query(
            Xapian::Query::OP_FILTER, Filtered(std::nullopt),
            Xapian::Query((new RadiusSource(*plan_.center, search::kMaxRadiusKm))->release())),
        Xapian::Query(kRemoteTerm));
    Xapian::Enquire enquire(state_.db);
    enquire.set_query(near);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    OrderKey key({SortKey::kDistance}, plan_.center, plan_.sessions_from);
    enquire.set_sort_by_key(&key, false);
    Xapian::MSet first = enquire.get_mset(0, 1);
    if (first.empty()) return std::nullopt;
    return DistanceOfKey(first.begin().get_sort_key());
  }

 private:
  // The text with every filter but `skip`.
  Xapian::Query Filtered(std::optional<Filter> skip) const {
    std::vector<Xapian::Query> parts;
    for (const auto& [filter, q] : filters_)
      if (filter != skip) parts.push_back(q);
    if (parts.empty()) return text_;
    return Xapian::Query(Xapian::Query::OP_FILTER, text_,
                         Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end()));
  }

  // What matches the text, the place and every filter but `skip`.
  Xapian::Query Matching(double radius_km, std::optional<Filter> skip) const {
    Xapian::Query filtered = Filtered(skip);
    std::optional<Xapian::Query> place = PlaceQuery(plan_, radius_km);
    return place ? Xapian::Query(Xapian::Query::OP_FILTER, filtered, *place) : filtered;
  }

  // Runs `q` in the order asked, letting `spy` see every match.
  Xapian::MSet Run(const Xapian::Query& q, int offset, int limit, FacetSpy* spy) const {
    Xapian::Enquire enquire(state_.db);
    enquire.set_query(q);
    bool text = !plan_.words.empty();
    if (!text) enquire.set_weighting_scheme(Xapian::BoolWeight());
    // Xapian orders by relevance then a key, or by a key then relevance, then by docid.
    std::array<SortKey, 3> order = SortKeys(plan_.sort);
    std::vector<SortKey> keys;
    for (SortKey k : order)
      if (k != SortKey::kScore) keys.push_back(k);
    bool relevance_first = order[0] == SortKey::kScore;
    if (order[1] == SortKey::kScore && text) {
      // Relevance cannot sit between two keys: the last key gives way to the docid order.
      keys.pop_back();
    }
    OrderKey key(keys, plan_.center, plan_.sessions_from);
    if (relevance_first)
      enquire.set_sort_by_relevance_then_key(&key, false);
    else
      enquire.set_sort_by_key_then_relevance(&key, false);
    enquire.add_matchspy(spy);
    return enquire.get_mset(std::max(0, offset), std::max(0, limit), state_.db.get_doccount());
  }

  const XapianPeer::State& state_;
  const search::SearchQuery& query_;
  const QueryPlan& plan_;
  std::map<Filter, Xapian::Query> filters_;
  Xapian::Query text_;
};

}  // namespace

XapianPeer::XapianPeer() = default;

XapianPeer::~XapianPeer() {
  state_.reset();
  if (!folder_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(folder_, ignored);
  }
}

core::Status XapianPeer::Load(const std::vector<search::Document>& documents,
                              const core::Geography&) {
  auto started = std::chrono::steady_clock::now();
  state_.reset();
  if (folder_.empty()) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "tremplin-xapian-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr)
      return core::MakeError(core::ErrorCode::kInternal, "peer_load_failed")
          .With("reason", "cannot create " + pattern);
    folder_ = pattern;
  }
  auto state = std::make_unique<State>();
  try {
    std::string path = (folder_ / "db").string();
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
    // Docids in the order of Tremplin's last tie-breaks: course id, then commune code.
    std::vector<search::DocId> order(documents.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](search::DocId a, search::DocId b) {
      const search::Document& x = documents[a];
      const search::Document& y = documents[b];
      if (x.course_id != y.course_id) return x.course_id < y.course_id;
      return x.commune_code < y.commune_code;
    });
    Xapian::TermGenerator terms;
    terms.set_stemmer(state->stemmer);
    terms.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    auto& vocabularies = state->vocabularies;
    Normaliser normalise;
    for (search::DocId id : order) {
      const search::Document& d = documents[id];
      Xapian::Document doc;
      terms.set_document(doc);
      const std::pair<const std::string*, Xapian::termcount> fields[] = {
          {&d.professions, kProfessionsWdf},
          {&d.title, kTitleWdf},
          {&d.organisation, kOrganisationWdf},
          {&d.body, kBodyWdf}};
      for (const auto& [text, wdf] : fields)
        terms.index_text_without_positions(normalise(*text), wdf);
      std::string mode(core::ToString(d.mode));
      std::string level = std::to_string(d.certification_level);
      doc.add_boolean_term(kFamilyPrefix + d.family_id);
      for (const std::string& p : d.profession_ids) doc.add_boolean_term(kProfessionPrefix + p);
      doc.add_boolean_term(kModePrefix + mode);
      doc.add_boolean_term(kLevelPrefix + level);
      if (d.remote) {
        doc.add_boolean_term(kRemoteTerm);
      } else {
        doc.add_boolean_term(kRegionPrefix + d.region_code);
        doc.add_boolean_term(kDepartmentPrefix + d.department_code);
      }
      if (d.point) {
        std::string point(2 * sizeof(double), '\0');
        std::memcpy(point.data(), &d.point->lat, sizeof(double));
        std::memcpy(point.data() + sizeof(double), &d.point->lon, sizeof(double));
        doc.add_value(kPointSlot, point);
      }
      doc.add_value(kWeeksSlot, Xapian::sortable_serialise(d.duration_weeks));
      std::vector<int32_t> starts;
      for (core::Date s : d.session_starts)
        starts.push_back(static_cast<int32_t>(s.DaysSinceEpoch()));
      if (!starts.empty()) {
        doc.add_value(kLastStartSlot, Xapian::sortable_serialise(starts.back()));
        doc.add_value(kStartsSlot, Int32s(starts));
      }
      std::vector<int32_t> facets(1 + kWeeksField + 1);
      facets[0] = d.remote ? 1 : 0;
      facets[1 + kFamilyField] = vocabularies[kFamilyField].Id(d.family_id);
      facets[1 + kModeField] = vocabularies[kModeField].Id(mode);
      facets[1 + kRegionField] = d.remote ? -1 : vocabularies[kRegionField].Id(d.region_code);
      facets[1 + kDepartmentField] =
          d.remote ? -1 : vocabularies[kDepartmentField].Id(d.department_code);
      facets[1 + kLevelField] = vocabularies[kLevelField].Id(level);
      facets[1 + kWeeksField] = d.duration_weeks;
      facets[1 + kProfessionField] = static_cast<int32_t>(d.profession_ids.size());
      for (const std::string& p : d.profession_ids)
        facets.push_back(vocabularies[kProfessionField].Id(p));
      doc.add_value(kFacetSlot, Int32s(facets));
      db.add_document(doc);
      state->doc_of.push_back(id);
    }
    db.commit();
    db.close();
    state->db = Xapian::Database(path);
  } catch (const Xapian::Error& e) {
    return core::MakeError(core::ErrorCode::kInternal, "peer_load_failed")
        .With("reason", e.get_description());
  }
  state_ = std::move(state);
  load_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return core::Ok{};
}

PeerResult XapianPeer::Search(const search::SearchQuery& query) {
  if (!state_) return {};
  QueryPlan plan = MakePlan(query);
  Searcher searcher(*state_, query, plan);
  PeerResult result = searcher.Answer(plan.radius_km);
  result.radius_km = plan.radius_km;
  if (plan.center && plan.widen && result.nearby_total == 0) {
    std::optional<double> nearest = searcher.Nearest();
    double radius = WidenedRadius(plan.radius_km, [&](double step) {
      return nearest && *nearest <= step + kRadiusToleranceKm;
    });
    if (radius != plan.radius_km) {
      result = searcher.Answer(radius);
      result.radius_km = radius;
      result.radius_widened = true;
    }
  }
  return result;
}

std::unique_ptr<PeerEngine> MakeXapianPeer() { return std::make_unique<XapianPeer>(); }

}  // namespace tremplin::bench
