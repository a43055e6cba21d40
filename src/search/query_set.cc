#include "search/query_set.h"

#include <algorithm>
#include <cstdio>
#include <span>

#include "core/place.h"
#include "text/fold.h"
#include "text/stop_words.h"
#include "text/utf8.h"

namespace tremplin::search {
namespace {

using core::Random;

// Words of course titles and texts people type besides profession names.
constexpr std::string_view kCourseWords[] = {
    "formation",     "alternance",     "titre professionnel",
    "certification", "initiation",     "découverte",
    "intensif",      "à distance",     "reconversion",
    "numérique",     "débutant",       "femmes",
    "jeunes",        "prépa",          "bootcamp",
    "cybersécurité", "informatique",   "réseaux",
    "technicien",    "assistant",      "métiers",
    "compétences",   "projet",         "entreprise",
    "stage",         "accompagnement", "qualification",
    "apprentissage", "parcours",       "développement",
    "conception",    "logiciel",       "sécurité",
    "données",       "création",
};

// Words of at least 5 letters for a typo when the drawn text has none.
constexpr std::string_view kLongWords[] = {"formation", "développeur", "technicien",
                                           "graphiste", "réseaux",     "données",
                                           "sécurité",  "alternance",  "numérique"};

constexpr int kRadii[] = {10, 15, 20, 25, 30, 40, 50, 60, 75, 100};
constexpr int kMaxMonthsValues[] = {3, 6, 9, 12, 18, 24, 36};
constexpr int kLevels[] = {0, 3, 4, 5, 6, 7};
constexpr std::string_view kModes[] = {"onsite", "blended", "remote"};

enum class PlaceLevel { kNone, kInseeCode, kPostcode, kName, kDepartment, kRegion };

// The characters of well-formed UTF-8 `s`, one string each.
std::vector<std::string> Characters(std::string_view s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    out.emplace_back(s.substr(i, n));
    i += n;
  }
  return out;
}

// Lower-case words of `phrase`, without punctuation; "/" separates alternatives and is dropped.
std::vector<std::string> Words(std::string_view phrase) {
  std::vector<std::string> out;
  std::string lower = text::LowerCase(phrase);
  std::string word;
  for (char c : lower + " ") {
    if (c == ' ' || c == ',' || c == '/' || c == '(' || c == ')') {
      if (!word.empty()) out.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  return out;
}

// What people type for a profession: "Développeur / Développeuse web" gives "développeur web"
// and "développeuse web".
std::vector<std::string> NamePhrases(std::string_view name) {
  size_t slash = name.find(" / ");
  if (slash == std::string_view::npos) return {std::string(name)};
  std::string_view first = name.substr(0, slash);
  std::string_view second = name.substr(slash + 3);
  size_t space = second.find(' ');
  std::string tail = space == std::string_view::npos ? "" : std::string(second.substr(space));
  return {std::string(first) + tail, std::string(second)};
}

struct Sources {
  std::vector<std::vector<std::string>> taxonomy_phrases;  // words of each phrase
  std::vector<std::vector<std::string>> course_phrases;
};

Sources MakeSources(const core::Taxonomy& taxonomy) {
  Sources s;
  for (const core::Profession& p : taxonomy.professions()) {
    for (const std::string& phrase : NamePhrases(p.name_fr))
      s.taxonomy_phrases.push_back(Words(phrase));
    for (std::string_view synonym : p.synonyms) s.taxonomy_phrases.push_back(Words(synonym));
  }
  for (const core::Family& f : taxonomy.families()) s.taxonomy_phrases.push_back(Words(f.name_fr));
  for (std::string_view w : kCourseWords) s.course_phrases.push_back(Words(w));
  std::erase_if(s.taxonomy_phrases, [](const auto& words) { return words.empty(); });
  return s;
}

// 1–3 words: a run of a taxonomy phrase (or of a course phrase) that neither starts nor ends
// with a stop word ("de" alone is no search), completed with course words.
std::string MakeText(const Sources& sources, bool typo, Random& rng) {
  size_t n = 1 + rng.WeightedIndex(std::vector<double>{45, 40, 15});
  auto stop = [](const std::string& w) { return text::IsStopWord(text::Fold(w)); };
  std::vector<std::string> words;
  while (words.empty()) {
    const std::vector<std::string>& phrase =
        rng.Chance(0.8) ? rng.Pick(sources.taxonomy_phrases) : rng.Pick(sources.course_phrases);
    size_t start = phrase.size() > n ? rng.Index(phrase.size() - n + 1) : 0;
    size_t end = std::min(start + n, phrase.size());
    while (start < end && stop(phrase[start])) ++start;
    while (end > start && stop(phrase[end - 1])) --end;
    words.assign(phrase.begin() + static_cast<long>(start),
                 phrase.begin() + static_cast<long>(end));
  }
  while (words.size() < n) {
    for (const std::string& w : rng.Pick(sources.course_phrases))
      if (words.size() < n && !stop(w)) words.push_back(w);
  }
  // Nearly half of the people type without accents.
  if (rng.Chance(0.45))
    for (std::string& w : words) w = text::Fold(w);
  if (typo) {
    std::vector<size_t> long_enough;
    for (size_t i = 0; i < words.size(); ++i)
      if (text::CharacterCount(words[i]) >= 5) long_enough.push_back(i);
    if (long_enough.empty()) {
      words.back() = std::string(rng.Pick(std::span<const std::string_view>(kLongWords)));
      long_enough.push_back(words.size() - 1);
    }
    std::string& w = words[rng.Pick(long_enough)];
    w = WithTypo(w, rng);
  }
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

class QueryMaker {
 public:
  QueryMaker(core::Date today, const core::Taxonomy& taxonomy, const core::Geography& geography,
             std::vector<const core::Commune*> communes)
      : today_(today),
        taxonomy_(taxonomy),
        places_(geography),
        sources_(MakeSources(taxonomy)),
        communes_(std::move(communes)) {
    for (const core::Commune* c : communes_) populations_.push_back(std::max(c->population, 1));
  }

  BenchQuery Make(std::string_view kind, Random& rng) {
    BenchQuery q;
    q.kind = std::string(kind);
    Parameters& p = q.params;
    if (kind == "text" || kind == "text_typo") {
      p.emplace_back("q", MakeText(sources_, kind == "text_typo", rng));
      AddPlace(AnyLevel(rng), rng.Chance(0.6), p, rng);
      AddFilters(rng.Chance(0.3) ? 1 : 0, p, rng);
      if (rng.Chance(0.1)) p.emplace_back("sort", "relevance");
    } else if (kind == "commune_radius") {
      AddPlace(CommuneLevel(rng), rng.Chance(0.8), p, rng);
      AddFilters(rng.Index(3), p, rng);
      AddSort({40, 40, 20}, p, rng);
    } else if (kind == "department" || kind == "region") {
      AddPlace(kind == "department" ? PlaceLevel::kDepartment : PlaceLevel::kRegion, false, p, rng);
      AddFilters(rng.Index(3), p, rng);
      AddSort({60, 0, 40}, p, rng);
    } else if (kind == "filters") {
      AddPlace(AnyLevel(rng), rng.Chance(0.5), p, rng);
      AddFilters(1 + rng.WeightedIndex(std::vector<double>{35, 35, 30}), p, rng);
      AddSort({60, 20, 20}, p, rng);
    } else if (kind == "broad") {
      AddSort({50, 0, 50}, p, rng);
    } else if (kind == "sort_distance") {
      if (rng.Chance(0.4)) p.emplace_back("q", MakeText(sources_, rng.Chance(0.2), rng));
      AddPlace(CommuneLevel(rng), rng.Chance(0.5), p, rng);
      AddFilters(rng.Index(3), p, rng);
      p.emplace_back("sort", "distance");
    } else if (kind == "sort_start") {
      if (rng.Chance(0.4)) p.emplace_back("q", MakeText(sources_, rng.Chance(0.2), rng));
      AddPlace(AnyLevel(rng), rng.Chance(0.5), p, rng);
      AddFilters(rng.Index(3), p, rng);
      p.emplace_back("sort", "start");
    } else if (kind == "deep_page") {
      if (rng.Chance(0.25)) p.emplace_back("q", MakeText(sources_, false, rng));
      size_t where = rng.WeightedIndex(std::vector<double>{40, 25, 25, 10});
      static constexpr PlaceLevel kWhere[] = {PlaceLevel::kNone, PlaceLevel::kDepartment,
                                              PlaceLevel::kRegion, PlaceLevel::kInseeCode};
      AddPlace(kWhere[where], true, p, rng);
      if (where == 3) p.back().second = "100";  // wide enough for deep pages
      AddFilters(rng.Chance(0.3) ? 1 : 0, p, rng);
      AddSort({50, 20, 30}, p, rng);
      p.emplace_back("page", std::to_string(rng.UniformInt(5, 50)));
    }
    q.filter_only =
        std::none_of(p.begin(), p.end(), [](const auto& kv) { return kv.first == "q"; });
    return q;
  }

 private:
  static PlaceLevel AnyLevel(Random& rng) {
    static constexpr PlaceLevel kLevels[] = {PlaceLevel::kNone,       PlaceLevel::kInseeCode,
                                             PlaceLevel::kPostcode,   PlaceLevel::kName,
                                             PlaceLevel::kDepartment, PlaceLevel::kRegion};
    return kLevels[rng.WeightedIndex(std::vector<double>{30, 15, 15, 15, 15, 10})];
  }

  static PlaceLevel CommuneLevel(Random& rng) {
    static constexpr PlaceLevel kLevels[] = {PlaceLevel::kInseeCode, PlaceLevel::kPostcode,
                                             PlaceLevel::kName};
    return kLevels[rng.Index(3)];
  }

  // Half by population (people search from where they live), half uniformly.
  const core::Commune& PickCommune(Random& rng) {
    if (rng.Chance(0.5))
      return *communes_[rng.WeightedIndex(std::span<const int64_t>(populations_))];
    return *rng.Pick(communes_);
  }

  // Adds "where" (and "radius_km" around a commune when `radius`).
  void AddPlace(PlaceLevel level, bool radius, Parameters& p, Random& rng) {
    if (level == PlaceLevel::kNone) return;
    const core::Commune& c = PickCommune(rng);
    std::string where = c.code;
    if (level == PlaceLevel::kDepartment) where = "dep:" + c.department_code;
    if (level == PlaceLevel::kRegion) where = "reg:" + c.region_code;
    if (level == PlaceLevel::kPostcode && !c.postcodes.empty()) where = c.postcodes[0];
    if (level == PlaceLevel::kName) {
      core::Result<core::Place> named = places_.Parse(c.name);
      if (named.ok() && named->kind == core::PlaceKind::kCommune && named->code == c.code)
        where = c.name;
      else if (!c.postcodes.empty())
        where = c.postcodes[0];
    }
    p.emplace_back("where", where);
    bool commune = level != PlaceLevel::kDepartment && level != PlaceLevel::kRegion;
    if (commune && radius)
      p.emplace_back("radius_km", std::to_string(rng.Pick(std::span<const int>(kRadii))));
  }

  // `count` filters of distinct kinds; family, mode and level sometimes with two values (OR).
  void AddFilters(size_t count, Parameters& p, Random& rng) {
    std::vector<double> weights = {25, 15, 20, 15, 10, 10, 5};
    for (size_t k = 0; k < count; ++k) {
      size_t filter = rng.WeightedIndex(std::span<const double>(weights));
      weights[filter] = 0;
      size_t values = rng.Chance(0.2) ? 2 : 1;
      switch (filter) {
        case 0: {
          std::span<const core::Family> families = taxonomy_.families();
          for (size_t i : Distinct(families.size(), values, rng))
            p.emplace_back("family", std::string(families[i].id));
          break;
        }
        case 1: {
          std::span<const core::Profession> professions = taxonomy_.professions();
          p.emplace_back("profession", std::string(professions[rng.Index(professions.size())].id));
          break;
        }
        case 2:
          for (size_t i : Distinct(std::size(kModes), values, rng))
            p.emplace_back("mode", std::string(kModes[i]));
          break;
        case 3:
          for (size_t i : Distinct(std::size(kLevels), values, rng))
            p.emplace_back("level", std::to_string(kLevels[i]));
          break;
        case 4:
          p.emplace_back("max_months",
                         std::to_string(rng.Pick(std::span<const int>(kMaxMonthsValues))));
          break;
        case 5:
          p.emplace_back("starts_after",
                         today_.AddDays(static_cast<int>(rng.UniformInt(0, 300))).ToIso());
          break;
        default:
          p.emplace_back("region", PickCommune(rng).region_code);
          break;
      }
    }
  }

  // Adds "sort" with weights for relevance (written out one time in four), distance, start.
  static void AddSort(std::vector<double> weights, Parameters& p, Random& rng) {
    size_t sort = rng.WeightedIndex(std::span<const double>(weights));
    if (sort == 0 && rng.Chance(0.75)) return;  // the default
    static constexpr const char* kSorts[] = {"relevance", "distance", "start"};
    p.emplace_back("sort", kSorts[sort]);
  }

  // `count` distinct indices below `n`, ascending.
  static std::vector<size_t> Distinct(size_t n, size_t count, Random& rng) {
    std::vector<size_t> all(n);
    for (size_t i = 0; i < n; ++i) all[i] = i;
    rng.Shuffle(all);
    all.resize(std::min(count, n));
    std::sort(all.begin(), all.end());
    return all;
  }

  core::Date today_;
  const core::Taxonomy& taxonomy_;
  core::PlaceDirectory places_;
  Sources sources_;
  std::vector<const core::Commune*> communes_;
  std::vector<int64_t> populations_;
};

}  // namespace

std::string WithTypo(std::string_view word, Random& rng) {
  std::vector<std::string> chars = Characters(word);
  if (chars.size() < 5) return std::string(word);
  static constexpr std::string_view kLetters = "abcdefghijklmnopqrstuvwxyz";
  auto letter = [&] { return std::string(1, kLetters[rng.Index(kLetters.size())]); };
  // 0 delete, 1 insert, 2 substitute, 3 swap with the next character.
  size_t kind = rng.Index(4);
  size_t at = 1 + rng.Index(chars.size() - 1);  // never the first letter
  switch (kind) {
    case 0:
      chars.erase(chars.begin() + static_cast<long>(at));
      break;
    case 1:
      chars.insert(chars.begin() + static_cast<long>(at), letter());
      break;
    case 2: {
      std::string replacement = letter();
      while (replacement == text::Fold(chars[at])) replacement = letter();
      chars[at] = replacement;
      break;
    }
    default: {
      // Swap two neighbours (at and at + 1) that differ even without accents ("ée" does not).
      auto same = [&](size_t i) { return text::Fold(chars[i]) == text::Fold(chars[i + 1]); };
      if (at + 1 >= chars.size()) at = chars.size() - 2;
      while (at > 1 && same(at)) --at;
      if (same(at)) {
        chars.erase(chars.begin() + static_cast<long>(at));  // "ll", "ee"…: delete one
      } else {
        std::swap(chars[at], chars[at + 1]);
      }
      break;
    }
  }
  std::string out;
  for (const std::string& c : chars) out += c;
  return out;
}

std::vector<BenchQuery> MakeBenchQueries(uint64_t seed, core::Date today, size_t count,
                                         const core::Taxonomy& taxonomy,
                                         const core::Geography& geography,
                                         const std::vector<std::string>& commune_codes) {
  std::vector<const core::Commune*> communes;
  for (const std::string& code : commune_codes)
    if (const core::Commune* c = geography.FindCommune(code)) communes.push_back(c);
  if (communes.empty()) return {};

  // Exactly each kind's share of `count`, by largest remainders, then shuffled.
  std::vector<std::string_view> kinds;
  std::vector<std::pair<double, size_t>> remainders;
  for (size_t i = 0; i < std::size(kBenchQueryKinds); ++i) {
    double exact = static_cast<double>(count) * kBenchQueryKinds[i].percent / 100.0;
    size_t whole = static_cast<size_t>(exact);
    kinds.insert(kinds.end(), whole, kBenchQueryKinds[i].name);
    remainders.emplace_back(exact - static_cast<double>(whole), i);
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t k = 0; kinds.size() < count; ++k)
    kinds.push_back(kBenchQueryKinds[remainders[k % remainders.size()].second].name);
  Random rng(seed);
  rng.Shuffle(kinds);

  QueryMaker maker(today, taxonomy, geography, std::move(communes));
  std::vector<BenchQuery> out;
  out.reserve(count);
  for (size_t i = 0; i < kinds.size(); ++i) {
    Random query_rng = rng.Fork(i + 1);  // one stream per query: a query reads the same alone
    out.push_back(maker.Make(kinds[i], query_rng));
  }
  return out;
}

std::string ToQueryString(const Parameters& params) {
  std::string out;
  auto encode = [&](std::string_view s) {
    for (char ch : s) {
      unsigned char c = static_cast<unsigned char>(ch);
      bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
      if (unreserved) {
        out += ch;
      } else if (c == ' ') {
        out += '+';
      } else {
        char buf[4];
        std::snprintf(buf, sizeof buf, "%%%02X", c);
        out += buf;
      }
    }
  };
  for (const auto& [name, value] : params) {
    if (!out.empty()) out += '&';
    encode(name);
    out += '=';
    encode(value);
  }
  return out;
}

}  // namespace tremplin::search
