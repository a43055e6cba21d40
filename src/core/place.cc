#include "core/place.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>
#include <unordered_set>

#include "text/edit_distance.h"
#include "text/fold.h"
#include "text/utf8.h"

namespace tremplin::core {
namespace {

constexpr size_t kMaxPlaceCharacters = 200;
// Suggestions looked through for those in a department or postcode typed after the name.
constexpr size_t kHintedCandidates = 1000;
// A department or region named like a small commune ("Bretagne", a village in the
// Territoire de Belfort) is what people mean; a commune this large wins ("Paris").
constexpr int kCommuneBeatsAreaPopulation = 20000;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// "59350", "2A004": the shape of an INSEE commune code or a postcode.
bool LooksLikeCommuneCode(std::string_view s) {
  if (s.size() != 5) return false;
  if (AllDigits(s)) return true;
  return s[0] == '2' && (s[1] == 'A' || s[1] == 'B' || s[1] == 'a' || s[1] == 'b') &&
         AllDigits(s.substr(2));
}

// "59", "971", "2A": the shape of a department code.
bool LooksLikeDepartmentCode(std::string_view s) {
  if (s.size() == 2 && (AllDigits(s) || ((s[0] == '2') && (s[1] == 'A' || s[1] == 'B' ||
                                                           s[1] == 'a' || s[1] == 'b'))))
    return true;
  return s.size() == 3 && AllDigits(s) && s[0] == '9' && s[1] == '7';
}

// Splits "Lille (59)", "Lille 59000" or "Lille 59" into the name and a department or postcode hint.
std::pair<std::string_view, std::string_view> SplitHint(std::string_view text) {
  std::string_view t = Trim(text);
  if (!t.empty() && t.back() == ')') {
    size_t open = t.rfind('(');
    if (open != std::string_view::npos) {
      std::string_view inside = Trim(t.substr(open + 1, t.size() - open - 2));
      if (LooksLikeDepartmentCode(inside) || LooksLikeCommuneCode(inside))
        return {Trim(t.substr(0, open)), inside};
    }
  }
  size_t space = t.find_last_of(" \t");
  if (space != std::string_view::npos) {
    std::string_view last = t.substr(space + 1);
    if (LooksLikeDepartmentCode(last) || (LooksLikeCommuneCode(last) && AllDigits(last)))
      return {Trim(t.substr(0, space)), last};
  }
  return {t, {}};
}

}  // namespace

std::string_view ToString(PlaceKind kind) {
  switch (kind) {
    case PlaceKind::kFrance: return "france";
    case PlaceKind::kRegion: return "region";
    case PlaceKind::kDepartment: return "department";
    case PlaceKind::kCommune: return "commune";
  }
  return "france";
}

std::string_view ToString(PlaceMatch match) {
  switch (match) {
    case PlaceMatch::kEmpty: return "empty";
    case PlaceMatch::kInseeCode: return "insee_code";
    case PlaceMatch::kPostcode: return "postcode";
    case PlaceMatch::kDepartmentCode: return "department_code";
    case PlaceMatch::kRegionCode: return "region_code";
    case PlaceMatch::kName: return "name";
  }
  return "empty";
}

std::string Place::Parameter() const {
  switch (kind) {
    case PlaceKind::kFrance: return "";
    case PlaceKind::kRegion: return "reg:" + code;
    case PlaceKind::kDepartment: return "dep:" + code;
    case PlaceKind::kCommune: return code_is_another_postcode ? "com:" + code : code;
  }
  return "";
}

std::string CommuneLabel(const Commune& commune) {
  return commune.name + " (" + commune.department_code + ")";
}

std::string PlaceLabel(const Place& place) {
  switch (place.kind) {
    case PlaceKind::kFrance: return "";
    case PlaceKind::kRegion: return place.name;
    case PlaceKind::kDepartment:
    case PlaceKind::kCommune: return place.name + " (" + place.department_code + ")";
  }
  return "";
}

std::string NormalizePlaceName(std::string_view text) {
  std::string folded = text::Fold(text);
  std::string out;
  out.reserve(folded.size());
  size_t i = 0;
  while (i < folded.size()) {
    while (i < folded.size() && !std::isalnum(static_cast<unsigned char>(folded[i])) &&
           static_cast<unsigned char>(folded[i]) < 0x80)
      ++i;
    size_t start = i;
    while (i < folded.size() && (std::isalnum(static_cast<unsigned char>(folded[i])) ||
                                 static_cast<unsigned char>(folded[i]) >= 0x80))
      ++i;
    if (i == start) break;
    std::string_view word(folded.data() + start, i - start);
    if (word == "st") word = "saint";
    if (word == "ste") word = "sainte";
    if (!out.empty()) out += ' ';
    out += word;
  }
  return out;
}

PlaceDirectory::PlaceDirectory(const Geography& geography) : geography_(geography) {
  auto add = [&](const std::string& name, PlaceKind kind, size_t index) {
    std::string key = NormalizePlaceName(name);
    names_.push_back({key, kind, index, true});
    for (size_t pos = key.find(' '); pos != std::string::npos; pos = key.find(' ', pos + 1))
      names_.push_back({key.substr(pos + 1), kind, index, false});
  };
  for (size_t i = 0; i < geography.regions().size(); ++i)
    add(geography.regions()[i].name, PlaceKind::kRegion, i);
  for (size_t i = 0; i < geography.departments().size(); ++i)
    add(geography.departments()[i].name, PlaceKind::kDepartment, i);
  for (size_t i = 0; i < geography.communes().size(); ++i)
    add(geography.communes()[i].name, PlaceKind::kCommune, i);
  std::sort(names_.begin(), names_.end(), [](const NameEntry& a, const NameEntry& b) {
    return a.key < b.key;
  });
  // Population of regions and departments, to rank them among communes in suggestions.
  for (const Commune& c : geography.communes()) {
    if (!c.parent_code.empty()) continue;  // arrondissements are counted in their city
    region_population_[c.region_code] += c.population;
    department_population_[c.department_code] += c.population;
  }
  for (size_t i = 0; i < geography.communes().size(); ++i)
    for (const std::string& postcode : geography.communes()[i].postcodes)
      postcodes_.emplace_back(postcode, i);
  std::sort(postcodes_.begin(), postcodes_.end());
}

int PlaceDirectory::Population(const NameEntry& e) const {
  switch (e.kind) {
    case PlaceKind::kCommune: return geography_.communes()[e.index].population;
    case PlaceKind::kDepartment: {
      auto it = department_population_.find(geography_.departments()[e.index].code);
      return it == department_population_.end() ? 0 : it->second;
    }
    case PlaceKind::kRegion: {
      auto it = region_population_.find(geography_.regions()[e.index].code);
      return it == region_population_.end() ? 0 : it->second;
    }
    case PlaceKind::kFrance: return 0;
  }
  return 0;
}

Place PlaceDirectory::MakeDepartment(const Department& d, PlaceMatch match) const {
  Place p;
  p.kind = PlaceKind::kDepartment;
  p.match = match;
  p.code = d.code;
  p.name = d.name;
  p.department_code = d.code;
  p.region_code = d.region_code;
  return p;
}

Place PlaceDirectory::MakeRegion(const Region& r, PlaceMatch match) const {
  Place p;
  p.kind = PlaceKind::kRegion;
  p.match = match;
  p.code = r.code;
  p.name = r.name;
  p.region_code = r.code;
  return p;
}

Result<Place> PlaceDirectory::FromCommune(const Commune& c, PlaceMatch match) const {
  if (!c.point) {
    return MakeError(ErrorCode::kInvalidArgument, "place_without_coordinates", "where")
        .With("query", c.name);
  }
  Place p;
  p.kind = PlaceKind::kCommune;
  p.match = match;
  p.code = c.code;
  p.name = c.name;
  p.department_code = c.department_code;
  p.region_code = c.region_code;
  p.point = c.point;
  p.code_is_another_postcode = PostcodeCommuneBefore(c) != nullptr;
  return p;
}

const Commune* PlaceDirectory::PostcodeCommuneBefore(const Commune& c) const {
  std::vector<const Commune*> served = geography_.CommunesWithPostcode(c.code);
  if (served.empty() || std::find(served.begin(), served.end(), &c) != served.end()) return nullptr;
  return served.front()->population > c.population ? served.front() : nullptr;
}

std::optional<Result<Place>> PlaceDirectory::ByName(const std::string& key,
                                                    std::string_view hint) const {
  auto [begin, end] = std::equal_range(
      names_.begin(), names_.end(), key,
      [](const auto& a, const auto& b) {
        if constexpr (std::is_same_v<std::decay_t<decltype(a)>, NameEntry>) return a.key < b;
        else return a < b.key;
      });
  auto matches_hint = [&](const Commune& c) {
    if (hint.empty()) return true;
    if (hint.size() == 5) return std::find(c.postcodes.begin(), c.postcodes.end(), hint) != c.postcodes.end();
    return c.department_code == Upper(hint);
  };
  // Whole names first; a word-suffix ("havre" for "Le Havre") only when no whole name matches.
  for (bool whole : {true, false}) {
    std::vector<const Commune*> communes;
    const NameEntry* area = nullptr;
    for (auto it = begin; it != end; ++it) {
      if (it->whole != whole) continue;
      if (it->kind == PlaceKind::kCommune) {
        const Commune& c = geography_.communes()[it->index];
        if (matches_hint(c)) communes.push_back(&c);
      } else if (hint.empty() && (!area || Population(*it) > Population(*area))) {
        area = &*it;
      }
    }
    // The most populous commune that can be placed on the map, then the others.
    std::stable_sort(communes.begin(), communes.end(), [](const Commune* a, const Commune* b) {
      if (a->point.has_value() != b->point.has_value()) return a->point.has_value();
      return a->population > b->population;
    });
    bool commune_wins = !communes.empty() &&
                        (!area || communes[0]->population >= kCommuneBeatsAreaPopulation);
    if (commune_wins) {
      Result<Place> place = FromCommune(*communes[0], PlaceMatch::kName);
      if (place.ok())
        for (size_t i = 1; i < communes.size(); ++i) place->alternatives.push_back(communes[i]->code);
      return place;
    }
    if (area) {
      return area->kind == PlaceKind::kRegion
                 ? MakeRegion(geography_.regions()[area->index], PlaceMatch::kName)
                 : MakeDepartment(geography_.departments()[area->index], PlaceMatch::kName);
    }
  }
  return std::nullopt;
}

std::optional<std::string> PlaceDirectory::ClosestName(const std::string& key) const {
  const int limit = key.size() <= 4 ? 1 : 2;
  const NameEntry* best = nullptr;
  int best_distance = limit + 1;
  for (const NameEntry& e : names_) {
    if (!e.whole) continue;
    int d = text::EditDistance(key, e.key, std::min(limit, best_distance));
    if (d < best_distance || (d == best_distance && best && Population(e) > Population(*best))) {
      best = &e;
      best_distance = d;
    }
  }
  if (!best || best_distance > limit) return std::nullopt;
  switch (best->kind) {
    case PlaceKind::kCommune: return geography_.communes()[best->index].name;
    case PlaceKind::kDepartment: return geography_.departments()[best->index].name;
    case PlaceKind::kRegion: return geography_.regions()[best->index].name;
    case PlaceKind::kFrance: break;
  }
  return std::nullopt;
}

Result<Place> PlaceDirectory::Parse(std::string_view raw) const {
  if (text::CharacterCount(raw) > kMaxPlaceCharacters)
    return MakeError(ErrorCode::kInvalidArgument, "place_too_long", "where");
  std::string_view text = Trim(raw);
  if (text.empty()) return Place{};

  std::string lower = text::Fold(text);
  if (lower.starts_with("com:")) {  // an INSEE code said to be one (links; see Parameter())
    std::string code = Upper(Trim(std::string_view(lower).substr(4)));
    if (const Commune* c = geography_.FindCommune(code)) return FromCommune(*c, PlaceMatch::kInseeCode);
    return MakeError(ErrorCode::kInvalidArgument, "postcode_not_found", "where").With("query", std::string(text));
  }
  if (lower.starts_with("dep:") || lower.starts_with("reg:")) {
    std::string code = Upper(Trim(std::string_view(lower).substr(4)));
    if (lower[0] == 'd') {
      if (const Department* d = geography_.FindDepartment(code))
        return MakeDepartment(*d, PlaceMatch::kDepartmentCode);
      return MakeError(ErrorCode::kInvalidArgument, "department_not_found", "where")
          .With("code", code);
    }
    if (const Region* r = geography_.FindRegion(code)) return MakeRegion(*r, PlaceMatch::kRegionCode);
    return MakeError(ErrorCode::kInvalidArgument, "region_not_found", "where").With("code", code);
  }
  if (LooksLikeCommuneCode(text)) {
    // A code that is one commune's INSEE code and another's postcode means the more populous
    // of the two, as names do ("59350": Lille rather than Saint-André-lez-Lille's postcode;
    // "59100": Roubaix's postcode rather than the village of Bousignies). The other is reached
    // by "com:59100", which is what links to it say (Parameter()).
    std::vector<const Commune*> served = geography_.CommunesWithPostcode(text);
    const Commune* by_code = geography_.FindCommune(Upper(text));
    if (by_code && !PostcodeCommuneBefore(*by_code)) {
      Result<Place> place = FromCommune(*by_code, PlaceMatch::kInseeCode);
      if (place.ok())
        for (const Commune* other : served)
          if (other != by_code) place->alternatives.push_back(other->code);
      return place;
    }
    if (by_code) served.push_back(by_code);  // after the postcode's own communes
    if (!served.empty()) {
      Result<Place> place = FromCommune(*served[0], PlaceMatch::kPostcode);
      if (place.ok())
        for (size_t i = 1; i < served.size(); ++i) place->alternatives.push_back(served[i]->code);
      return place;
    }
    return MakeError(ErrorCode::kInvalidArgument, "postcode_not_found", "where")
        .With("query", std::string(text));
  }
  if (LooksLikeDepartmentCode(text)) {
    if (const Department* d = geography_.FindDepartment(Upper(text)))
      return MakeDepartment(*d, PlaceMatch::kDepartmentCode);
    return MakeError(ErrorCode::kInvalidArgument, "department_not_found", "where")
        .With("code", Upper(text));
  }

  auto [name, hint] = SplitHint(text);
  std::string key = NormalizePlaceName(name);
  if (!key.empty()) {
    if (std::optional<Result<Place>> place = ByName(key, hint)) return std::move(*place);
    if (!hint.empty())
      if (std::optional<Result<Place>> place = ByName(key, {})) return std::move(*place);
    if (std::optional<std::string> close = ClosestName(key)) {
      return MakeError(ErrorCode::kInvalidArgument, "place_not_found_suggest", "where")
          .With("query", std::string(text))
          .With("suggestion", *close);
    }
  }
  return MakeError(ErrorCode::kInvalidArgument, "place_not_found", "where")
      .With("query", std::string(text));
}

std::vector<PlaceSuggestion> PlaceDirectory::Suggest(std::string_view raw, size_t limit) const {
  std::vector<PlaceSuggestion> out;
  std::string_view text = Trim(raw);
  if (text.empty() || text::CharacterCount(text) > kMaxPlaceCharacters || limit == 0) return out;

  auto commune_suggestion = [&](const Commune& c) {
    std::string postcodes;
    for (const std::string& p : c.postcodes) postcodes += (postcodes.empty() ? "" : ", ") + p;
    std::string value = PostcodeCommuneBefore(c) ? "com:" + c.code : c.code;
    return PlaceSuggestion{PlaceKind::kCommune, c.code, c.name, c.department_code, value, postcodes};
  };

  if (AllDigits(text) || LooksLikeDepartmentCode(text) || LooksLikeCommuneCode(text)) {
    if (LooksLikeDepartmentCode(text))
      if (const Department* d = geography_.FindDepartment(Upper(text)))
        out.push_back({PlaceKind::kDepartment, d->code, d->name, d->code, "dep:" + d->code, ""});
    std::string prefix(text);
    std::vector<size_t> communes;
    for (auto it = std::lower_bound(postcodes_.begin(), postcodes_.end(),
                                    std::make_pair(prefix, size_t{0}));
         it != postcodes_.end() && it->first.starts_with(prefix); ++it)
      communes.push_back(it->second);
    if (const Commune* c = LooksLikeCommuneCode(text) ? geography_.FindCommune(Upper(text)) : nullptr)
      communes.insert(communes.begin(), static_cast<size_t>(c - geography_.communes().data()));
    std::vector<size_t> unique;
    for (size_t i : communes)
      if (std::find(unique.begin(), unique.end(), i) == unique.end()) unique.push_back(i);
    std::stable_sort(unique.begin(), unique.end(), [&](size_t a, size_t b) {
      return geography_.communes()[a].population > geography_.communes()[b].population;
    });
    for (size_t i : unique) {
      if (out.size() >= limit) break;
      out.push_back(commune_suggestion(geography_.communes()[i]));
    }
    return out;
  }

  // "Lyon (69)", the label a chosen place shows, or "Lille 59000": the name's suggestions in
  // that department or with that postcode, when there are some.
  if (auto [name, hint] = SplitHint(text); !hint.empty() && !name.empty()) {
    for (PlaceSuggestion& s : Suggest(name, kHintedCandidates)) {
      bool in_hint = hint.size() == 5 ? s.code == Upper(hint) || s.postcodes.find(hint) != std::string::npos
                                      : s.kind != PlaceKind::kRegion && s.department_code == Upper(hint);
      if (in_hint && out.size() < limit) out.push_back(std::move(s));
    }
    if (!out.empty()) return out;
  }

  std::string key = NormalizePlaceName(text);
  if (key.empty()) return out;
  auto begin = std::lower_bound(names_.begin(), names_.end(), key,
                                [](const NameEntry& e, const std::string& k) { return e.key < k; });
  struct Candidate {
    const NameEntry* entry;
    double rank;
  };
  std::vector<Candidate> candidates;
  std::unordered_set<uint64_t> seen;
  for (auto it = begin; it != names_.end() && it->key.starts_with(key); ++it) {
    uint64_t id = (static_cast<uint64_t>(it->kind) << 32) | it->index;
    if (!seen.insert(id).second) continue;
    // A name that starts with the text ranks above one where only a later word does.
    double rank = Population(*it) * (it->whole ? 1.0 : 0.1);
    if (it->key == key && it->whole) rank *= 10;
    candidates.push_back({&*it, rank});
  }
  size_t n = std::min(limit, candidates.size());
  std::partial_sort(candidates.begin(), candidates.begin() + n, candidates.end(),
                    [](const Candidate& a, const Candidate& b) {
                      if (a.rank != b.rank) return a.rank > b.rank;
                      return a.entry->key < b.entry->key;
                    });
  for (size_t i = 0; i < n; ++i) {
    const NameEntry& e = *candidates[i].entry;
    if (e.kind == PlaceKind::kCommune) {
      out.push_back(commune_suggestion(geography_.communes()[e.index]));
    } else if (e.kind == PlaceKind::kDepartment) {
      const Department& d = geography_.departments()[e.index];
      out.push_back({PlaceKind::kDepartment, d.code, d.name, d.code, "dep:" + d.code, ""});
    } else {
      const Region& r = geography_.regions()[e.index];
      out.push_back({PlaceKind::kRegion, r.code, r.name, "", "reg:" + r.code, ""});
    }
  }
  return out;
}

}  // namespace tremplin::core
