#include "core/demo_catalogue.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdio>
#include <map>
#include <numbers>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "core/demo_texts.h"
#include "core/random.h"
#include "core/siret.h"
#include "text/fold.h"

namespace tremplin::core {
namespace {

constexpr std::string_view kNbsp = "\xC2\xA0";  // U+00A0, before : ; ? ! and inside « »

// Independent random streams, one per concern and item, so that changing how one part is drawn
// does not reshuffle the rest of the catalogue.
enum Stream : uint64_t {
  kCommuneStream = 1,
  kOrganisationStream,
  kAssignmentStream,
  kCourseStream,
  kTextStream,
  kPlaceStream,
  kSessionStream,
};

Random StreamRandom(const DemoOptions& options, Stream stream, uint64_t index = 0) {
  return Random(options.seed).Fork((static_cast<uint64_t>(stream) << 40) + index);
}

// ---------------------------------------------------------------------------------------------
// Small French text helpers.

using Vars = std::vector<std::pair<std::string_view, std::string>>;

// `tmpl` with each "{key}" of `vars` replaced; unknown keys are left as they are.
std::string Fill(std::string_view tmpl, const Vars& vars) {
  std::string out;
  size_t i = 0;
  while (i < tmpl.size()) {
    if (tmpl[i] == '{') {
      size_t close = tmpl.find('}', i);
      if (close != std::string_view::npos) {
        std::string_view key = tmpl.substr(i + 1, close - i - 1);
        auto it =
            std::find_if(vars.begin(), vars.end(), [&](const auto& v) { return v.first == key; });
        if (it != vars.end()) {
          out += it->second;
          i = close + 1;
          continue;
        }
      }
    }
    out += tmpl[i++];
  }
  return out;
}

// French typography: a no-break space before : ; ? ! and inside guillemets, and typographic
// apostrophes (names from the taxonomy or the commune list use the ASCII one).
std::string FrenchSpacing(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (size_t i = 0; i < s.size(); ++i) {
    // Copy the run of characters that never change in one go.
    size_t run = i;
    while (run < s.size() && s[run] != ' ' && s[run] != '\'' && s[run] != '\xC2') ++run;
    out.append(s.data() + i, run - i);
    if (run == s.size()) break;
    i = run;
    char c = s[i];
    if (c == '\'') {
      out += "’";
    } else if (c == ' ' && i + 1 < s.size() &&
               (s[i + 1] == ':' || s[i + 1] == ';' || s[i + 1] == '?' || s[i + 1] == '!' ||
                s.substr(i + 1, 2) == "»")) {
      out += kNbsp;
    } else if (c == '\xC2' && s.substr(i, 3) == "« ") {
      out += "«";
      out += kNbsp;
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

// Changes the case of the first letter (ASCII or Latin-1 letters such as é/É).
std::string WithFirstLetter(std::string_view s, bool upper) {
  std::string out(s);
  if (out.empty()) return out;
  unsigned char c = static_cast<unsigned char>(out[0]);
  if (c < 0x80) {
    if (upper && c >= 'a' && c <= 'z') out[0] = static_cast<char>(c - 'a' + 'A');
    if (!upper && c >= 'A' && c <= 'Z') out[0] = static_cast<char>(c - 'A' + 'a');
  } else if (c == 0xC3 && out.size() > 1) {
    unsigned char d = static_cast<unsigned char>(out[1]);
    if (upper && d >= 0xA0 && d <= 0xBE && d != 0xB7) out[1] = static_cast<char>(d - 0x20);
    if (!upper && d >= 0x80 && d <= 0x9E && d != 0x97) out[1] = static_cast<char>(d + 0x20);
  }
  return out;
}

std::string Capitalised(std::string_view s) { return WithFirstLetter(s, true); }

// Lower-cases the first letter unless the first word is an acronym or has inner capitals
// ("RSSI", "UX designer", "DevOps et cloud" stay as they are).
std::string LowerFirstWord(std::string_view s) {
  std::string_view first_word = s.substr(0, s.find(' '));
  for (size_t i = 1; i < first_word.size(); ++i)
    if (first_word[i] >= 'A' && first_word[i] <= 'Z') return std::string(s);
  return WithFirstLetter(s, false);
}

bool StartsWithVowel(std::string_view s) {
  static constexpr std::string_view kVowels[] = {"a", "e", "i", "o", "u", "y", "A", "E",
                                                 "I", "O", "U", "é", "è", "ê", "à", "â",
                                                 "î", "ô", "É", "È", "Ê", "À"};
  for (std::string_view v : kVowels)
    if (s.substr(0, v.size()) == v) return true;
  return false;
}

// "de développeur…" or "d’intégrateur…".
std::string OfPhrase(std::string_view job) {
  return (StartsWithVowel(job) ? "d’" : "de ") + std::string(job);
}

// "Développeur / Développeuse web" → "développeur ou développeuse web".
std::string JobPhrase(std::string_view name_fr) {
  std::string out;
  size_t start = 0;
  while (true) {
    size_t slash = name_fr.find(" / ", start);
    if (!out.empty()) out += " ou ";
    out += LowerFirstWord(name_fr.substr(start, slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 3;
  }
  return out;
}

// "à Lille", "au Havre", "aux Abymes", "à La Rochelle".
std::string AtCity(std::string_view name) {
  if (name.starts_with("Le ")) return "au " + std::string(name.substr(3));
  if (name.starts_with("Les ")) return "aux " + std::string(name.substr(4));
  return "à " + std::string(name);
}

// "5 semaines", "8 mois", "un an", "18 mois", "deux ans", "trois ans".
std::string DurationText(int weeks) {
  if (weeks < 13) return std::to_string(weeks) + " semaines";
  int months = (weeks * 12 + 26) / 52;
  if (months == 12) return "un an";
  if (months == 24) return "deux ans";
  if (months == 36) return "trois ans";
  return std::to_string(months) + " mois";
}

// "1 250 €" (no-break spaces).
std::string Euros(int64_t cents) {
  std::string digits = std::to_string(cents / 100);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += kNbsp;
    out += digits[i];
  }
  return out + std::string(kNbsp) + "€";
}

// "A", "A et B", "A, B et C", with `article` ("aux ") before each item.
std::string JoinFrench(const std::vector<std::string_view>& items, std::string_view article) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += (i + 1 == items.size()) ? " et " : ", ";
    out += article;
    out += items[i];
  }
  return out;
}

// `count` distinct elements of `items` in random order (all of them if fewer).
template <typename T>
std::vector<T> Sample(const std::vector<T>& items, size_t count, Random& rng) {
  std::vector<T> copy = items;
  rng.Shuffle(copy);
  copy.resize(std::min(count, copy.size()));
  return copy;
}

// Lower-case ASCII slug for host names: "Compagnie Pixel & Sel" → "compagnie-pixel-et-sel".
std::string Slug(std::string_view name) {
  std::string folded = text::Fold(name);
  std::string out;
  bool dash = false;
  for (size_t i = 0; i < folded.size(); ++i) {
    char c = folded[i];
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (c == '&') {
      if (!out.empty()) out += '-';
      out += "et";
      dash = true;
    } else if (alnum) {
      if (dash && !out.empty() && out.back() != '-') out += '-';
      out += c;
      dash = false;
    } else {
      dash = true;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Dates.

// Days after `date` until the next Monday (0 when it is a Monday). 1970-01-01 was a Thursday.
int DaysToMonday(Date date) {
  int64_t weekday = ((date.DaysSinceEpoch() + 3) % 7 + 7) % 7;  // 0 = Monday
  return static_cast<int>((7 - weekday) % 7);
}

// More courses start in September-October and January than in summer.
constexpr double kMonthStartWeight[12] = {1.3, 1.0, 1.1, 0.9, 0.8, 0.7,
                                          0.4, 0.3, 1.6, 1.3, 1.0, 0.5};

// A Monday in [from, to) (to - from >= 8 days), months weighted as above.
Date StartMonday(Date from, Date to, Random& rng) {
  int span = to.DaysSince(from);
  while (true) {
    Date day = from.AddDays(static_cast<int>(rng.UniformInt(0, span - 1)));
    if (!rng.Chance(kMonthStartWeight[day.month() - 1] / 1.6)) continue;
    Date monday = day.AddDays(DaysToMonday(day));
    if (monday >= to) monday = monday.AddDays(-7);
    if (monday < from) monday = monday.AddDays(7);
    if (monday >= from && monday < to) return monday;
  }
}

// ---------------------------------------------------------------------------------------------
// Geography.

// A point at most ~1.9 km from `p` (uniform in a disc), rounded to 1e-5 degree (about 1 m).
GeoPoint Jitter(GeoPoint p, Random& rng) {
  constexpr double kRadiusKm = 1.9;
  constexpr double kKmPerDegree = kEarthRadiusKm * std::numbers::pi / 180.0;
  double dx, dy;
  do {
    dx = rng.UniformDouble(-1, 1);
    dy = rng.UniformDouble(-1, 1);
  } while (dx * dx + dy * dy > 1);
  double lat = p.lat + dy * kRadiusKm / kKmPerDegree;
  double lon = p.lon + dx * kRadiusKm / (kKmPerDegree * std::cos(p.lat * std::numbers::pi / 180));
  return GeoPoint{std::round(lat * 1e5) / 1e5, std::round(lon * 1e5) / 1e5};
}

// Weights drawn from one at a time while they change (a Fenwick tree of partial sums), so that a
// national catalogue draws among tens of thousands of communes or organisations in O(log n).
// Draw picks index i with probability weights[i] / total, as Random::WeightedIndex does: the
// same index for the same random number (for doubles, up to rounding at bucket edges).
template <typename T>
class WeightTree {
 public:
  explicit WeightTree(std::vector<T> weights)
      : weights_(std::move(weights)), tree_(weights_.size() + 1, 0) {
    for (size_t i = 0; i < weights_.size(); ++i) {
      tree_[i + 1] += weights_[i];
      size_t parent = i + 1 + ((i + 1) & (~(i + 1) + 1));
      if (parent <= weights_.size()) tree_[parent] += tree_[i + 1];
    }
  }

  void Set(size_t i, T weight) {
    T delta = weight - weights_[i];
    weights_[i] = weight;
    for (size_t k = i + 1; k < tree_.size(); k += k & (~k + 1)) tree_[k] += delta;
  }

  T Total() const {
    T sum = 0;
    for (size_t k = weights_.size(); k > 0; k -= k & (~k + 1)) sum += tree_[k];
    return sum;
  }

  // Requires a positive total.
  size_t Draw(Random& rng) const {
    T target;
    if constexpr (std::is_integral_v<T>) {
      target = rng.UniformInt(0, Total() - 1);
    } else {
      target = rng.UniformDouble() * Total();
    }
    // The first index whose prefix sum passes `target`.
    size_t pos = 0;
    size_t step = std::bit_floor(weights_.size());
    for (; step > 0; step >>= 1) {
      if (pos + step < tree_.size() && tree_[pos + step] <= target) {
        pos += step;
        target -= tree_[pos];
      }
    }
    // Rounding may land on an empty bucket or past the end: take the nearest positive weight.
    for (size_t i = pos; i < weights_.size(); ++i)
      if (weights_[i] > 0) return i;
    for (size_t i = std::min(pos, weights_.size()); i-- > 0;)
      if (weights_[i] > 0) return i;
    return weights_.size() - 1;
  }

 private:
  std::vector<T> weights_;
  std::vector<T> tree_;  // 1-based: tree_[k] sums weights (k - lowbit(k), k]
};

struct CommunePool {
  std::vector<const Commune*> communes;        // sorted by code
  std::vector<const Commune*> region_largest;  // the largest commune of each region, by region code
  std::unordered_map<const Commune*, size_t> index;  // position in `communes`
  // Positions in `communes` of each region's communes, in pool order.
  std::unordered_map<std::string, std::vector<size_t>> by_region;
};

// Actual communes (no arrondissement) with a point, people and a known region.
std::vector<const Commune*> Candidates(const Geography& geography) {
  std::vector<const Commune*> out;
  for (const Commune& c : geography.communes())
    if (c.parent_code.empty() && c.point && c.population > 0 && geography.FindRegion(c.region_code))
      out.push_back(&c);
  std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->code < b->code; });
  return out;
}

bool MorePopulous(const Commune* a, const Commune* b) {
  if (a->population != b->population) return a->population > b->population;
  return a->code < b->code;
}

CommunePool ChooseCommunes(const DemoOptions& options, const Geography& geography) {
  Random rng = StreamRandom(options, kCommuneStream);
  std::vector<const Commune*> candidates = Candidates(geography);
  std::vector<bool> taken(candidates.size(), false);
  CommunePool pool;
  size_t target = static_cast<size_t>(std::max(options.communes, 0));

  std::map<std::string, std::vector<size_t>> in_region;  // by region code
  for (const Region& r : geography.regions()) in_region[r.code];
  for (size_t i = 0; i < candidates.size(); ++i) in_region[candidates[i]->region_code].push_back(i);
  for (auto& [region, members] : in_region) {
    std::sort(members.begin(), members.end(),
              [&](size_t a, size_t b) { return MorePopulous(candidates[a], candidates[b]); });
    if (members.empty()) continue;
    pool.region_largest.push_back(candidates[members[0]]);
    for (size_t k = 0; k < members.size() && k < 2; ++k) taken[members[k]] = true;
  }

  // The rest drawn without replacement with probability proportional to population.
  std::vector<int64_t> weights(candidates.size());
  size_t count = 0;
  for (size_t i = 0; i < candidates.size(); ++i) {
    weights[i] = taken[i] ? 0 : candidates[i]->population;
    count += taken[i];
  }
  if (target >= candidates.size()) {
    taken.assign(candidates.size(), true);
  } else {
    WeightTree<int64_t> urn(std::move(weights));
    while (count < target && urn.Total() > 0) {
      size_t i = urn.Draw(rng);
      taken[i] = true;
      urn.Set(i, 0);
      ++count;
    }
  }
  for (size_t i = 0; i < candidates.size(); ++i) {
    if (!taken[i]) continue;
    pool.index[candidates[i]] = pool.communes.size();
    pool.by_region[candidates[i]->region_code].push_back(pool.communes.size());
    pool.communes.push_back(candidates[i]);
  }
  return pool;
}

// ---------------------------------------------------------------------------------------------
// Organisations.

enum class Style { kClassic, kIntensive, kAlternance, kInclusion, kWomen, kYouth };
constexpr double kStyleWeights[] = {35, 15, 20, 15, 8, 7};

struct OrganisationPlan {
  const Commune* office = nullptr;
  std::string main_family;
  Style style = Style::kClassic;
  double size_weight = 1;  // how many courses it tends to run
};

// An invented name, and the part of it that makes it recognisable ("Codelune" in "Atelier
// Codelune"), which no two organisations should share.
std::pair<std::string, std::string> OrganisationName(const DemoTexts& t, Random& rng) {
  switch (rng.WeightedIndex(std::vector<double>{35, 25, 20, 20})) {
    case 0: {
      std::string word(rng.Pick(t.invented_words));
      return {std::string(rng.Pick(t.name_structures)) + " " + word, word};
    }
    case 1: {
      std::string nature = std::string(rng.Pick(t.nature_plurals)) + " " +
                           std::string(rng.Pick(t.plural_adjectives));
      return {std::string(rng.Pick(t.collective_heads)) + " " + nature, nature};
    }
    case 2: {
      std::vector<std::string_view> words = Sample(t.pair_words, 2, rng);
      std::string pair = std::string(words[0]) + " & " + std::string(words[1]);
      std::string key = std::string(std::min(words[0], words[1])) + "&" +
                        std::string(std::max(words[0], words[1]));
      return {std::string(rng.Pick(t.pair_heads)) + " " + pair, key};
    }
    default: {
      std::string name =
          std::string(rng.Pick(t.plural_heads)) + " " + std::string(rng.Pick(t.places));
      return {name, name};
    }
  }
}

std::string StreetAddress(const DemoTexts& t, Random& rng) {
  std::string number = std::to_string(rng.UniformInt(1, 148));
  if (rng.Chance(0.05)) number += " bis";
  return number + " " + std::string(rng.Pick(t.streets));
}

std::string_view TradesOf(const DemoTexts& t, std::string_view family_id) {
  for (const DemoFamilyTexts& f : t.families)
    if (f.family_id == family_id) return f.trades;
  return "métiers du numérique";
}

double FamilyWeight(const DemoTexts& t, std::string_view family_id) {
  for (const DemoFamilyTexts& f : t.families)
    if (f.family_id == family_id) return f.weight;
  return 5;  // a family the texts do not know yet still gets courses
}

// The families that have professions, with their weights.
std::vector<std::pair<std::string, double>> WeightedFamilies(const DemoTexts& t,
                                                             const Taxonomy& taxonomy) {
  std::vector<std::pair<std::string, double>> out;
  for (const Family& f : taxonomy.families())
    if (!taxonomy.ProfessionsOf(f.id).empty())
      out.emplace_back(std::string(f.id), FamilyWeight(t, f.id));
  return out;
}

// How many distinct organisation name keys OrganisationName can give (see there).
size_t NameKeyCount(const DemoTexts& t) {
  size_t pairs = t.pair_words.size() * (t.pair_words.size() - 1) / 2;
  return t.invented_words.size() + t.nature_plurals.size() * t.plural_adjectives.size() + pairs +
         t.plural_heads.size() * t.places.size();
}

void MakeOrganisations(const DemoOptions& options, const DemoTexts& t, const CommunePool& pool,
                       const std::vector<std::pair<std::string, double>>& families,
                       std::vector<Organisation>& organisations,
                       std::vector<OrganisationPlan>& plans) {
  std::vector<double> office_weights, family_weights;
  for (const Commune* c : pool.communes)
    office_weights.push_back(std::sqrt(static_cast<double>(c->population)));
  for (const auto& f : families) family_weights.push_back(f.second);
  WeightTree<double> offices(office_weights);

  std::unordered_set<std::string> name_keys, slugs;
  std::unordered_set<int64_t> sirens, phones;
  size_t plain_keys = 0;  // keys taken without the commune's name
  const size_t key_count = NameKeyCount(t);
  std::vector<int> hosted(pool.communes.size(), 0);
  const int count = std::min(options.organisations, 99999);  // distinct SIRENs available
  organisations.reserve(static_cast<size_t>(std::max(count, 0)));
  plans.reserve(static_cast<size_t>(std::max(count, 0)));
  for (int i = 0; i < count; ++i) {
    Random rng = StreamRandom(options, kOrganisationStream, static_cast<uint64_t>(i));
    OrganisationPlan plan;
    // The first organisations sit in each region's largest commune, so every region has courses.
    // The others spread over the pool: bigger communes host more, but each one less as it fills.
    if (static_cast<size_t>(i) < pool.region_largest.size()) {
      plan.office = pool.region_largest[static_cast<size_t>(i)];
    } else {
      plan.office = pool.communes[offices.Draw(rng)];
    }
    size_t office = pool.index.at(plan.office);
    ++hosted[office];
    offices.Set(office, office_weights[office] / (1 + 2 * hosted[office]));
    plan.main_family = families[rng.WeightedIndex(std::span<const double>(family_weights))].first;
    plan.style = static_cast<Style>(rng.WeightedIndex(std::span<const double>(kStyleWeights)));
    double u = rng.UniformDouble();
    plan.size_weight = 1 + 5 * u * u;

    Organisation org;
    org.id = i + 1;
    // When every key is taken (far more organisations than fragments), names add the commune.
    for (int attempt = plain_keys < key_count ? 0 : 50;; ++attempt) {
      auto [name, key] = OrganisationName(t, rng);
      if (attempt >= 50) key = name += " " + plan.office->name;
      if (attempt >= 100) key = name += " " + std::to_string(attempt);
      if (name_keys.insert(key).second) {
        plain_keys += attempt < 50;
        org.name = name;
        break;
      }
    }
    std::string slug = Slug(org.name);
    while (!slugs.insert(slug).second) slug += "-" + std::to_string(i + 1);

    // SIREN "000" + 5 digits + Luhn key: outside the numbers INSEE allocates (public bodies
    // start with 1 or 2, other legal units follow upward), so it names no real entity.
    int64_t siren_body;
    do siren_body = rng.UniformInt(1, 99999);
    while (!sirens.insert(siren_body).second);
    std::string siren = std::to_string(siren_body);
    siren = "000" + std::string(5 - siren.size(), '0') + siren;
    siren += LuhnCheckDigit(siren);
    std::string siret = siren + "000" + std::to_string(rng.UniformInt(1, 3));
    org.siret = siret + LuhnCheckDigit(siret);

    org.address = StreetAddress(t, rng);
    const std::vector<std::string>& postcodes = plan.office->postcodes;
    org.postcode = postcodes.empty() ? "" : postcodes[rng.Index(postcodes.size())];
    org.commune_code = plan.office->code;
    org.website = "https://" + slug + ".example.org";
    org.email = "contact." + slug + "@example.org";
    int64_t phone;
    do phone = rng.UniformInt(0, 9999);
    while (!phones.insert(phone).second && phones.size() < 10000);
    char buf[32];
    std::snprintf(buf, sizeof buf, "01 99 00 %02d %02d", static_cast<int>(phone / 100),
                  static_cast<int>(phone % 100));
    org.phone = buf;
    org.qualiopi_certified = rng.Chance(0.85);
    org.is_demo = true;

    const DemoOrganisationKind& kind = rng.Pick(t.organisation_kinds);
    int year = options.today.year() - static_cast<int>(rng.UniformInt(2, 30));
    Vars vars = {{"name", org.name},
                 {"kind", std::string(kind.kind)},
                 {"installed", std::string(kind.installed)},
                 {"at_city", AtCity(plan.office->name)},
                 {"year", std::to_string(year)},
                 {"trades", std::string(TradesOf(t, plan.main_family))},
                 {"count", std::to_string(rng.UniformInt(3, 40) * 10)}};
    std::string description = Fill(rng.Pick(t.organisation_openings), vars) + " " +
                              Fill(rng.Pick(t.organisation_missions), vars);
    if (rng.Chance(0.7)) description += " " + Fill(rng.Pick(t.organisation_closings), vars);
    if (org.qualiopi_certified)
      description += " Organisme certifié Qualiopi pour ses actions de formation.";
    org.description = FrenchSpacing(description);

    organisations.push_back(std::move(org));
    plans.push_back(std::move(plan));
  }
}

// ---------------------------------------------------------------------------------------------
// Courses.

enum class Format { kNonCertifying, kShort, kStandard, kAlternance, kLong };

// Exactly `n` values laid out by the largest-remainder method on `weights`, shuffled.
template <typename T>
std::vector<T> Stratified(int n, const std::vector<std::pair<T, double>>& weights, Random& rng) {
  double total = 0;
  for (const auto& w : weights) total += w.second;
  std::vector<int> counts;
  std::vector<std::pair<double, size_t>> remainders;
  int assigned = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    double exact = n * weights[i].second / total;
    counts.push_back(static_cast<int>(exact));
    assigned += counts.back();
    remainders.emplace_back(exact - counts.back(), i);
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t k = 0; assigned < n; ++k, ++assigned)
    ++counts[remainders[k % remainders.size()].second];
  std::vector<T> out;
  for (size_t i = 0; i < weights.size(); ++i) out.insert(out.end(), counts[i], weights[i].first);
  rng.Shuffle(out);
  return out;
}

const DemoProfessionTexts* ProfessionTexts(const DemoTexts& t, std::string_view id) {
  for (const DemoProfessionTexts& p : t.professions)
    if (p.profession_id == id) return &p;
  return nullptr;
}

const DemoFamilyTexts* FamilyTexts(const DemoTexts& t, std::string_view id) {
  for (const DemoFamilyTexts& f : t.families)
    if (f.family_id == id) return &f;
  return nullptr;
}

const DemoCertification* Certification(const DemoTexts& t, std::string_view key) {
  for (const DemoCertification& c : t.certifications)
    if (c.key == key) return &c;
  return nullptr;
}

double LevelAffinity(Format format, int level) {
  switch (format) {
    case Format::kShort:
      return level <= 4 ? 3 : level == 5 ? 2 : level == 6 ? 0.7 : 0.2;
    case Format::kStandard:
      return level == 3 ? 1 : level == 4 ? 2 : level == 5 ? 3 : level == 6 ? 1.5 : 0.5;
    case Format::kAlternance:
      return level <= 4 ? 0.6 : level <= 6 ? 2 : 1.5;
    case Format::kLong:
      return level == 7 ? 3 : level == 6 ? 1 : 0.2;
    case Format::kNonCertifying:
      return 0;
  }
  return 1;
}

// What the generator decided for one course before writing its texts.
struct CoursePlan {
  size_t organisation = 0;  // index in organisations
  std::string family;
  DeliveryMode mode = DeliveryMode::kOnSite;
  Format format = Format::kStandard;
  bool force_office_place = false;
  int internship_weeks = 0;
  int centre_hours = 0;
  std::vector<const Commune*> places;
};

int WeeksFor(Format format, Random& rng) {
  switch (format) {
    case Format::kNonCertifying:
      return static_cast<int>(rng.UniformInt(3, 12));
    case Format::kShort:
      return static_cast<int>(rng.UniformInt(10, 20));
    case Format::kStandard:
      return static_cast<int>(rng.UniformInt(21, 38));
    case Format::kAlternance: {
      static constexpr int kWeeks[] = {52, 52, 78, 104};
      return kWeeks[rng.Index(4)];
    }
    case Format::kLong:
      return rng.Chance(0.4) ? 130 : 156;
  }
  return 26;
}

// Professions (1-3, the first being the main one) of `family`, weighted by how common they are.
std::vector<std::string> ChooseProfessions(const DemoTexts& t, const Taxonomy& taxonomy,
                                           std::string_view family, Random& rng) {
  std::vector<const Profession*> all = taxonomy.ProfessionsOf(family);
  std::vector<double> weights;
  for (const Profession* p : all) {
    const DemoProfessionTexts* texts = ProfessionTexts(t, p->id);
    weights.push_back(texts ? texts->weight : 1);
  }
  size_t count =
      std::min<size_t>(all.size(), 1 + rng.WeightedIndex(std::vector<double>{60, 30, 10}));
  std::vector<std::string> out;
  while (out.size() < count) {
    size_t i = rng.WeightedIndex(std::span<const double>(weights));
    out.emplace_back(all[i]->id);
    weights[i] = 0;
  }
  return out;
}

const DemoCertification* ChooseCertification(const DemoTexts& t, const Taxonomy& taxonomy,
                                             const Course& course, Format format, Random& rng) {
  std::vector<const DemoCertification*> options;
  std::vector<double> weights;
  auto add_from = [&](std::string_view profession_id) {
    const DemoProfessionTexts* texts = ProfessionTexts(t, profession_id);
    if (!texts) return;
    for (size_t k = 0; k < texts->certification_keys.size(); ++k) {
      const DemoCertification* c = Certification(t, texts->certification_keys[k]);
      if (!c || std::find(options.begin(), options.end(), c) != options.end()) continue;
      options.push_back(c);
      weights.push_back(LevelAffinity(format, c->level) * (k == 0 ? 2 : 1));
    }
  };
  // The main profession's certifications, so that the title and the certification agree.
  add_from(course.profession_ids[0]);
  for (size_t i = 1; i < course.profession_ids.size() && options.empty(); ++i)
    add_from(course.profession_ids[i]);
  if (options.empty())
    for (const Profession* p : taxonomy.ProfessionsOf(course.family_id)) add_from(p->id);
  if (options.empty()) return nullptr;
  double total = 0;
  for (double w : weights) total += w;
  if (total <= 0) return options[rng.Index(options.size())];
  return options[rng.WeightedIndex(std::span<const double>(weights))];
}

std::string CourseTitle(const DemoTexts& t, const Taxonomy& taxonomy, const Course& course,
                        const CoursePlan& plan, Style style, Random& rng) {
  const DemoFamilyTexts* family = FamilyTexts(t, course.family_id);
  if (plan.format == Format::kNonCertifying) {
    Vars vars = {{"trades", std::string(family ? family->trades : "métiers du numérique")},
                 {"short", std::string(family ? family->short_name : "numérique")}};
    std::string title = Fill(rng.Pick(t.noncertifying_titles), vars);
    if (style == Style::kYouth && rng.Chance(0.5)) title += rng.Pick(t.youth_suffixes);
    if (style == Style::kWomen && rng.Chance(0.5)) title += rng.Pick(t.women_suffixes);
    if (style == Style::kInclusion && rng.Chance(0.4)) title += rng.Pick(t.inclusion_suffixes);
    return title;
  }

  std::string base;
  bool is_certification_title = false;
  const DemoProfessionTexts* texts = ProfessionTexts(t, course.profession_ids[0]);
  if (!course.certification_title.empty() &&
      (rng.Chance(0.45) || !texts || texts->titles.empty())) {
    base = course.certification_title;
    is_certification_title = true;
  } else if (texts && !texts->titles.empty()) {
    base = rng.Pick(texts->titles);
  } else {
    base = std::string(taxonomy.FindProfession(course.profession_ids[0])->name_fr);
  }

  std::string title = base;
  double prefix = rng.UniformDouble();
  bool can_lower = LowerFirstWord(base) != base;
  if (is_certification_title && course.certification_level <= 5 && prefix < 0.12) {
    title = "Titre professionnel " + base;
  } else if (can_lower && prefix < 0.22) {
    title = "Formation " + LowerFirstWord(base);
  } else if (can_lower && prefix < 0.30) {
    title = "Devenir " + LowerFirstWord(base);
  }

  if (plan.format == Format::kAlternance || plan.format == Format::kLong) {
    if (rng.Chance(0.7)) title += rng.Pick(t.alternance_suffixes);
  } else if (style == Style::kIntensive && plan.format == Format::kShort && rng.Chance(0.6)) {
    title += rng.Chance(0.5) ? " — parcours intensif" : " — parcours accéléré";
  } else if (style == Style::kWomen && rng.Chance(0.45)) {
    title += rng.Pick(t.women_suffixes);
  } else if (style == Style::kInclusion && rng.Chance(0.35)) {
    title += rng.Pick(t.inclusion_suffixes);
  } else if (style == Style::kYouth && rng.Chance(0.4)) {
    title += rng.Pick(t.youth_suffixes);
  } else if (plan.mode == DeliveryMode::kRemote && rng.Chance(0.5)) {
    title += " — à distance";
  } else if (plan.mode == DeliveryMode::kBlended && rng.Chance(0.1)) {
    title += " (formation hybride)";
  } else if (rng.Chance(0.1)) {
    title += rng.Pick(t.title_suffixes);
  }
  return title;
}

// Splits `hours` over `weights.size()` modules, in whole days of 7 hours when there is room.
std::vector<int> SplitHours(int hours, const std::vector<int>& weights) {
  int total = 0;
  for (int w : weights) total += w;
  int unit = hours / total >= 7 ? 7 : 1;
  std::vector<int> out;
  int used = 0;
  for (size_t i = 0; i + 1 < weights.size(); ++i) {
    int h = hours * weights[i] / total / unit * unit;
    out.push_back(h);
    used += h;
  }
  out.push_back(hours - used);
  return out;
}

void WriteCourseTexts(const DemoTexts& t, const Taxonomy& taxonomy, Course& course,
                      const CoursePlan& plan, Style style, Random& rng) {
  const DemoFamilyTexts* family = FamilyTexts(t, course.family_id);
  const std::vector<std::string_view> no_items;
  const std::vector<std::string_view>& family_skills = family ? family->skills : no_items;
  const std::vector<std::string_view>& family_modules = family ? family->modules : no_items;
  std::string trades(TradesOf(t, course.family_id));
  const Profession* main = taxonomy.FindProfession(course.profession_ids[0]);
  std::string job = JobPhrase(main->name_fr);
  const bool certifying = plan.format != Format::kNonCertifying;
  const bool alternance = plan.format == Format::kAlternance || plan.format == Format::kLong;

  // Skills: the main profession's own, then the family's.
  std::vector<std::string_view> skills;
  if (const DemoProfessionTexts* p = ProfessionTexts(t, course.profession_ids[0]))
    skills = Sample(p->skills, 2, rng);
  for (std::string_view s : Sample(family_skills, 3 + rng.Index(3), rng)) skills.push_back(s);
  if (skills.size() < 3) skills.resize(3, "travailler en équipe sur un projet numérique");
  std::vector<std::string_view> summary_skills = Sample(skills, 3, rng);

  // Young people without qualification are not the public of a course that asks for a bac+2.
  std::vector<std::string_view> public_options = t.target_publics;
  if (course.certification_level >= 6) std::erase(public_options, t.target_publics[1]);
  std::vector<std::string_view> publics = Sample(public_options, 2 + rng.Index(3), rng);
  // The organisation's own focus comes first (see DemoTexts::target_publics for the order).
  std::string_view priority = style == Style::kWomen       ? t.target_publics[2]
                              : style == Style::kInclusion ? t.target_publics[3]
                              : style == Style::kYouth && course.certification_level < 6
                                  ? t.target_publics[1]
                                  : publics[0];
  publics.erase(std::remove(publics.begin(), publics.end(), priority), publics.end());
  publics.insert(publics.begin(), priority);

  std::string at_city = plan.places.empty() ? "" : AtCity(plan.places[0]->name);
  Vars vars = {{"job", job},
               {"of_job", OfPhrase(job)},
               {"skill1", std::string(summary_skills[0])},
               {"skill2", std::string(summary_skills[1])},
               {"skill3", std::string(summary_skills[2])},
               {"duration", DurationText(course.duration_weeks)},
               {"level", std::to_string(course.certification_level)},
               {"cert", course.certification_title},
               {"trades", trades},
               {"at_city", at_city},
               {"public_aux", JoinFrench({publics[0]}, "aux ")}};

  // Summary: one sentence, and often a second one.
  std::string summary = Capitalised(
      Fill(rng.Pick(certifying ? t.certifying_summaries : t.noncertifying_summaries), vars));
  std::string_view ending = rng.Pick(t.summary_endings);
  if (!ending.empty() && !(at_city.empty() && ending.find("{at_city}") != std::string_view::npos))
    summary += " " + Fill(ending, vars);
  course.summary = FrenchSpacing(summary);

  // Objectives: a bulleted list of skills.
  std::string objectives(rng.Pick(t.objective_headers));
  std::vector<std::string> items(skills.begin(), skills.end());
  if (!certifying) {
    // A discovery course only gives a taste of the trade.
    items = {"s’essayer à " + std::string(summary_skills[0])};
    for (std::string_view o : Sample(t.noncertifying_objectives, 3 + rng.Index(2), rng))
      items.emplace_back(o);
  }
  rng.Shuffle(items);
  for (const std::string& item : items) objectives += "\n- " + Capitalised(Fill(item, vars));
  if (certifying) {
    objectives += "\nObtenir le titre « " + course.certification_title + " » (niveau " +
                  std::to_string(course.certification_level) +
                  "), ou en valider un ou plusieurs blocs de compétences.";
  }
  course.objectives = FrenchSpacing(objectives);

  // Programme: modules with their hours, then the internship or the alternance rhythm.
  std::vector<std::string> modules;
  std::vector<int> weights;
  modules.emplace_back(rng.Pick(t.opening_modules));
  weights.push_back(1);
  for (std::string_view m :
       Sample(family_modules, certifying ? 4 + rng.Index(3) : 2 + rng.Index(2), rng)) {
    modules.push_back(certifying ? std::string(m) : "Initiation : " + LowerFirstWord(m));
    weights.push_back(static_cast<int>(rng.UniformInt(2, 4)));
  }
  if (!certifying) {
    modules.push_back("Découverte des " + trades + " : visites et rencontres");
    weights.push_back(2);
  }
  for (std::string_view m : Sample(t.closing_modules, 1 + rng.Index(2), rng)) {
    if (!certifying && m.find("certification") != std::string_view::npos) continue;
    modules.emplace_back(m);
    weights.push_back(1);
  }
  std::vector<int> hours = SplitHours(plan.centre_hours, weights);
  std::string content;
  for (size_t i = 0; i < modules.size(); ++i) {
    if (i > 0) content += "\n";
    content += "Module " + std::to_string(i + 1) + " — " + modules[i] + " (" +
               std::to_string(hours[i]) + " h)";
  }
  if (alternance) {
    content += "\nSoit " + std::to_string(plan.centre_hours) + " h en centre de formation. ";
    content += rng.Pick(t.alternance_rhythms);
  } else if (plan.internship_weeks > 0) {
    content += "\n" +
               std::string(certifying ? "Stage en entreprise : " : "Immersion en entreprise : ") +
               std::to_string(plan.internship_weeks) + " semaine" +
               (plan.internship_weeks > 1 ? "s" : "") + " (" +
               std::to_string(plan.internship_weeks * 35) + " h).";
  }
  course.content = FrenchSpacing(content);

  // Prerequisites.
  std::string prerequisites(rng.Pick(t.prerequisites_by_level[course.certification_level]));
  for (std::string_view p : Sample(t.prerequisites_selection, 1 + rng.Index(2), rng))
    prerequisites += " " + std::string(p);
  if (alternance)
    prerequisites += " Avoir trouvé une entreprise d’accueil (nous vous aidons dans la recherche).";
  if (plan.mode != DeliveryMode::kOnSite && rng.Chance(0.6))
    prerequisites +=
        " Disposer d’un ordinateur et d’une connexion internet (prêt de matériel possible).";
  course.prerequisites = FrenchSpacing(prerequisites);

  Vars public_vars = {{"public", JoinFrench(publics, "")},
                      {"public_aux", JoinFrench(publics, "aux ")}};
  course.target_public = FrenchSpacing(Fill(rng.Pick(t.target_openings), public_vars));

  // Access modalities and lead time, then funding.
  static constexpr int kDays[] = {7, 8, 10, 15, 21};
  int min_weeks = static_cast<int>(rng.UniformInt(1, 4));
  Vars access_vars = {{"days", std::to_string(kDays[rng.Index(5)])},
                      {"min_weeks", std::to_string(min_weeks)},
                      {"max_weeks", std::to_string(min_weeks + rng.UniformInt(2, 6))}};
  std::string access = Fill(rng.Pick(t.access_steps), access_vars) + " ";
  if (alternance) {
    access += Fill(rng.Pick(t.access_funding_alternance), access_vars);
  } else if (course.cost_to_learner_cents > 0) {
    access += Fill("Délai d’accès : {min_weeks} à {max_weeks} semaines. ", access_vars) +
              "Coût de la formation : " + Euros(course.cost_to_learner_cents) +
              ", finançable par le compte personnel de formation (CPF) ou par votre employeur.";
  } else {
    access += Fill(rng.Pick(t.access_funding_free), access_vars);
  }
  course.access_modalities = FrenchSpacing(access);

  // Teaching methods.
  std::string teaching;
  for (std::string_view m : Sample(t.teaching_methods, 2 + rng.Index(2), rng))
    teaching += (teaching.empty() ? "" : " ") + std::string(m);
  if (plan.mode != DeliveryMode::kOnSite)
    teaching += " " + std::string(rng.Pick(t.teaching_methods_distance));
  if (plan.mode == DeliveryMode::kBlended)
    teaching += " Environ " + std::to_string(rng.UniformInt(3, 6) * 10) +
                " % du temps en centre, le reste à distance.";
  course.teaching_methods = FrenchSpacing(teaching);

  std::string assessment(
      rng.Pick(certifying ? t.assessment_certifying : t.assessment_noncertifying));
  course.assessment_methods = FrenchSpacing(assessment);

  std::string accessibility;
  if (plan.mode != DeliveryMode::kRemote)
    accessibility += std::string(rng.Pick(t.accessibility_premises)) + " ";
  if (plan.mode != DeliveryMode::kOnSite)
    accessibility += std::string(rng.Pick(t.accessibility_distance)) + " ";
  std::vector<std::string_view> support_options;
  for (std::string_view s : t.accessibility_support)
    if (certifying || s.find("certification") == std::string_view::npos)
      support_options.push_back(s);
  std::vector<std::string_view> support = Sample(support_options, 1 + rng.Index(2), rng);
  for (size_t i = 0; i < support.size(); ++i)
    accessibility += (i ? " " : "") + std::string(support[i]);
  course.accessibility = FrenchSpacing(accessibility);
}

// A region with more communes in the pool than this (a national catalogue) offers a course's
// other places only within kNearbyKm of the organisation's commune.
constexpr size_t kWholeRegionCommunes = 300;
constexpr double kNearbyKm = 50;

// The communes of the pool where courses run from `office` may also take place, with their
// weights before the bonus for unused communes: bigger and closer ones first.
struct NearbyCommunes {
  const Commune* office = nullptr;
  std::vector<size_t> communes;  // positions in the pool, in pool order
  std::vector<double> weights;   // population / (10 + km)²
};

void FindNearby(const CommunePool& pool, const Commune* office, NearbyCommunes& nearby) {
  nearby.office = office;
  nearby.communes.clear();
  nearby.weights.clear();
  auto region = pool.by_region.find(office->region_code);
  if (region == pool.by_region.end()) return;
  const bool whole_region = region->second.size() <= kWholeRegionCommunes;
  constexpr double kKmPerDegree = kEarthRadiusKm * std::numbers::pi / 180.0;
  const double max_dlat = kNearbyKm / kKmPerDegree;
  const double max_dlon =
      kNearbyKm /
      (kKmPerDegree * std::max(0.05, std::cos(office->point->lat * std::numbers::pi / 180)));
  for (size_t k : region->second) {
    const Commune* c = pool.communes[k];
    if (c == office) continue;
    if (!whole_region && (std::abs(c->point->lat - office->point->lat) > max_dlat ||
                          std::abs(c->point->lon - office->point->lon) > max_dlon))
      continue;
    double d = DistanceKm(*office->point, *c->point);
    if (!whole_region && d > kNearbyKm) continue;
    nearby.communes.push_back(k);
    nearby.weights.push_back(static_cast<double>(c->population) / ((10 + d) * (10 + d)));
  }
}

// Places of an on-site or blended course: mostly the organisation's commune, then `nearby`
// communes, those of the pool not yet `used` by far.
std::vector<const Commune*> ChoosePlaces(const CommunePool& pool, const NearbyCommunes& nearby,
                                         bool force_office, std::vector<bool>& used, Random& rng) {
  size_t count = 1 + rng.WeightedIndex(std::vector<double>{48, 32, 20});
  std::vector<const Commune*> out;
  if (force_office || rng.Chance(0.88) || nearby.communes.empty()) out.push_back(nearby.office);
  if (out.size() < count && !nearby.communes.empty()) {
    std::vector<double> weights = nearby.weights;
    for (size_t i = 0; i < weights.size(); ++i)
      if (!used[nearby.communes[i]]) weights[i] *= 400;
    while (out.size() < count) {
      double total = 0;
      for (double w : weights) total += w;
      if (total <= 0) break;
      size_t i = rng.WeightedIndex(std::span<const double>(weights));
      out.push_back(pool.communes[nearby.communes[i]]);
      weights[i] = 0;
    }
  }
  for (const Commune* c : out) used[pool.index.at(c)] = true;
  return out;
}

// `count` sessions of `course` at `place` (nullptr: remote), each in its own part of the year.
void AddSessions(const DemoOptions& options, const DemoTexts& t, const Organisation& org,
                 const Commune* place, int count, uint64_t stream_index, Course& course) {
  Random rng = StreamRandom(options, kSessionStream, stream_index);
  Date horizon = options.today.AddMonths(12);
  int span = horizon.DaysSince(options.today) - 1;
  for (int k = 0; k < count; ++k) {
    Session s;
    s.course_id = course.id;
    Date from = options.today.AddDays(1 + span * k / count);
    Date to = options.today.AddDays(1 + span * (k + 1) / count);
    s.start = StartMonday(from, to, rng);
    s.end = s.start.AddDays(course.duration_weeks * 7 - 3);  // the Friday of the last week
    s.enrolment_opens = s.start.AddDays(-static_cast<int>(rng.UniformInt(30, 91)));
    s.enrolment_closes = s.start.AddDays(-static_cast<int>(rng.UniformInt(1, 14)));
    s.capacity = static_cast<int>(8 + rng.UniformInt(0, 8) + rng.UniformInt(0, 8));
    // Stored so that the dates decide (a stored "closed" is its organisation's decision, which
    // would outlast the dates); a few sessions open for enrolment are already full.
    s.recruitment = RecruitmentState::kOpen;
    if (RecruitmentOn(s, options.today) == RecruitmentState::kOpen && rng.Chance(0.1))
      s.recruitment = RecruitmentState::kFull;
    if (place) {
      s.commune_code = place->code;
      if (place->code == org.commune_code && rng.Chance(0.6)) {
        s.address = org.address;
      } else {
        s.address = StreetAddress(t, rng);
        if (rng.Chance(0.25)) s.address = std::string(rng.Pick(t.premises)) + ", " + s.address;
      }
      s.point = Jitter(*place->point, rng);
    }
    course.sessions.push_back(std::move(s));
  }
}

// The courses to make, in course-id order: family, delivery mode and format laid out with exact
// shares, dealt so that every organisation has one before the bigger ones get more.
std::vector<CoursePlan> PlanCourses(const DemoOptions& options, const CommunePool& pool,
                                    const std::vector<std::pair<std::string, double>>& families,
                                    const std::vector<OrganisationPlan>& org_plans) {
  const int n_courses = std::max(options.courses, 0);
  Random assign = StreamRandom(options, kAssignmentStream);
  std::vector<std::string> course_families = Stratified<std::string>(n_courses, families, assign);
  std::vector<DeliveryMode> modes = Stratified<DeliveryMode>(
      n_courses,
      {{DeliveryMode::kOnSite, 50}, {DeliveryMode::kBlended, 47}, {DeliveryMode::kRemote, 3}},
      assign);
  std::vector<Format> formats = Stratified<Format>(n_courses,
                                                   {{Format::kNonCertifying, 15},
                                                    {Format::kShort, 20},
                                                    {Format::kStandard, 50},
                                                    {Format::kAlternance, 12},
                                                    {Format::kLong, 3}},
                                                   assign);

  std::vector<CoursePlan> plans(static_cast<size_t>(n_courses));
  std::vector<bool> dealt(plans.size(), false);
  // The courses of each family, in order; dealt ones are skipped as they come up.
  std::map<std::string, std::vector<size_t>> by_family;
  for (size_t i = 0; i < plans.size(); ++i) by_family[course_families[i]].push_back(i);
  std::map<std::string, size_t> family_next;
  size_t first_free = 0;
  // One course for each organisation first, in its main family when there is one left.
  for (size_t o = 0; o < org_plans.size() && o < plans.size(); ++o) {
    size_t pick = plans.size();
    auto family = by_family.find(org_plans[o].main_family);
    if (family != by_family.end()) {
      size_t& next = family_next[family->first];
      while (next < family->second.size() && dealt[family->second[next]]) ++next;
      if (next < family->second.size()) pick = family->second[next];
    }
    while (first_free < plans.size() && dealt[first_free]) ++first_free;
    if (pick == plans.size()) pick = first_free;
    dealt[pick] = true;
    plans[pick].organisation = o;
    // The organisations in each region's largest commune run their first course there.
    if (o < pool.region_largest.size()) {
      plans[pick].force_office_place = true;
      for (size_t j = 0; j < plans.size() && modes[pick] == DeliveryMode::kRemote; ++j)
        if (modes[j] != DeliveryMode::kRemote && !plans[j].force_office_place)
          std::swap(modes[pick], modes[j]);
    }
  }
  // The others go to organisations by size, four times as often to those of their family.
  std::map<std::string, WeightTree<double>> dealers;
  for (const auto& [family, weight] : families) {
    std::vector<double> weights;
    for (const OrganisationPlan& op : org_plans)
      weights.push_back(op.size_weight * (op.main_family == family ? 4 : 1));
    dealers.emplace(family, WeightTree<double>(std::move(weights)));
  }
  for (size_t i = 0; i < plans.size(); ++i) {
    if (dealt[i]) continue;
    plans[i].organisation = dealers.at(course_families[i]).Draw(assign);
  }
  for (size_t i = 0; i < plans.size(); ++i) {
    plans[i].family = course_families[i];
    plans[i].mode = modes[i];
    plans[i].format = formats[i];
  }
  std::stable_sort(plans.begin(), plans.end(), [](const CoursePlan& a, const CoursePlan& b) {
    return a.organisation < b.organisation;
  });
  return plans;
}

// Course number `index` (0-based) of `plan`, which it completes with hours and places.
Course MakeCourse(const DemoOptions& options, const DemoTexts& t, const Taxonomy& taxonomy,
                  const CommunePool& pool, const Organisation& org,
                  const OrganisationPlan& org_plan, size_t index, CoursePlan& plan,
                  NearbyCommunes& nearby, std::vector<bool>& used_places) {
  Random rng = StreamRandom(options, kCourseStream, index);
  Course course;
  course.id = static_cast<int64_t>(index) + 1;
  course.organisation_id = org.id;
  course.family_id = plan.family;
  course.profession_ids = ChooseProfessions(t, taxonomy, plan.family, rng);
  course.mode = plan.mode;
  if (plan.format != Format::kNonCertifying) {
    if (const DemoCertification* c = ChooseCertification(t, taxonomy, course, plan.format, rng)) {
      course.certification_title = c->title;
      course.certification_level = c->level;
      course.rncp_code = c->rncp_code;
    } else {
      plan.format = Format::kNonCertifying;
    }
    // Three-year programmes are for levels 6 and 7 only.
    if (plan.format == Format::kLong && course.certification_level < 6)
      plan.format = Format::kAlternance;
  }
  course.duration_weeks = WeeksFor(plan.format, rng);

  // Hours: 30-35 a week in centre or company (fewer at a distance), one week off per half-year.
  // Under an alternance contract the company weeks count; the programme shows the centre hours.
  const bool alternance = plan.format == Format::kAlternance || plan.format == Format::kLong;
  int working_weeks = course.duration_weeks - course.duration_weeks / 26;
  int per_week = plan.mode == DeliveryMode::kRemote      ? std::array{20, 24, 28, 35}[rng.Index(4)]
                 : plan.format == Format::kNonCertifying ? std::array{24, 28, 30, 35}[rng.Index(4)]
                                                         : std::array{30, 32, 35, 35}[rng.Index(4)];
  if (alternance) {
    course.duration_hours = working_weeks * 35;
    plan.centre_hours =
        static_cast<int>(course.duration_hours * rng.UniformDouble(0.30, 0.45) / 7) * 7;
  } else {
    if (plan.mode != DeliveryMode::kRemote && plan.format != Format::kNonCertifying) {
      plan.internship_weeks =
          std::max(2, static_cast<int>(working_weeks * rng.UniformDouble(0.15, 0.25)));
    } else if (plan.format == Format::kNonCertifying && plan.mode != DeliveryMode::kRemote &&
               working_weeks >= 5 && rng.Chance(0.6)) {
      plan.internship_weeks = static_cast<int>(rng.UniformInt(1, 2));
    }
    plan.centre_hours = (working_weeks - plan.internship_weeks) * per_week;
    course.duration_hours = plan.centre_hours + plan.internship_weeks * 35;
  }
  // Funded for job-seekers; a few certifying courses also state a price for other learners.
  if (!alternance && plan.format != Format::kNonCertifying && rng.Chance(0.08))
    course.cost_to_learner_cents = rng.UniformInt(18, 138) * 50 * 100;

  // Labels granted within the last three years, for three years.
  course.label_granted_on =
      options.today.AddDays(-static_cast<int>(rng.UniformInt(20, 3 * 365 - 10)));
  course.label_expires_on = course.label_granted_on.AddMonths(36);
  course.label_state = course.label_expires_on.DaysSince(options.today) <= 120 && rng.Chance(0.7)
                           ? LabelState::kRenewalPending
                           : LabelState::kLabelled;

  if (plan.mode != DeliveryMode::kRemote) {
    Random place_rng = StreamRandom(options, kPlaceStream, index);
    if (nearby.office != org_plan.office) FindNearby(pool, org_plan.office, nearby);
    plan.places = ChoosePlaces(pool, nearby, plan.force_office_place, used_places, place_rng);
  }

  Random text_rng = StreamRandom(options, kTextStream, index);
  course.title = FrenchSpacing(CourseTitle(t, taxonomy, course, plan, org_plan.style, text_rng));
  WriteCourseTexts(t, taxonomy, course, plan, org_plan.style, text_rng);
  return course;
}

// Sessions: one per place, a second one at some places to come close to options.sessions; remote
// courses have one to three cohorts. Session ids follow the courses, then the start dates.
void AddAllSessions(const DemoOptions& options, const DemoTexts& t,
                    const std::vector<CoursePlan>& plans, DemoCatalogue& catalogue) {
  Random session_plan = StreamRandom(options, kSessionStream, 0);
  std::vector<std::pair<size_t, size_t>> slots;  // (course, place)
  std::vector<int> remote_counts(plans.size(), 0);
  int planned = 0;
  for (size_t i = 0; i < plans.size(); ++i) {
    if (plans[i].mode == DeliveryMode::kRemote) {
      remote_counts[i] = static_cast<int>(session_plan.UniformInt(1, 3));
      planned += remote_counts[i];
    }
    for (size_t p = 0; p < plans[i].places.size(); ++p) slots.emplace_back(i, p);
  }
  planned += static_cast<int>(slots.size());
  std::vector<size_t> order(slots.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  session_plan.Shuffle(order);
  std::vector<int> per_slot(slots.size(), 1);
  for (size_t k = 0; k < order.size() && planned < options.sessions; ++k, ++planned)
    per_slot[order[k]] = 2;

  uint64_t stream_index = 1;
  for (size_t k = 0; k < slots.size(); ++k) {
    auto [i, p] = slots[k];
    AddSessions(options, t, catalogue.organisations[plans[i].organisation], plans[i].places[p],
                per_slot[k], stream_index++, catalogue.courses[i]);
  }
  for (size_t i = 0; i < plans.size(); ++i) {
    if (remote_counts[i] == 0) continue;
    AddSessions(options, t, catalogue.organisations[plans[i].organisation], nullptr,
                remote_counts[i], stream_index++, catalogue.courses[i]);
  }

  int64_t session_id = 0;
  for (Course& course : catalogue.courses) {
    std::stable_sort(course.sessions.begin(), course.sessions.end(),
                     [](const Session& a, const Session& b) {
                       if (a.start != b.start) return a.start < b.start;
                       return a.commune_code < b.commune_code;
                     });
    for (Session& s : course.sessions) s.id = ++session_id;
  }
}

}  // namespace

DemoOptions ScaledDemoOptions(int sessions, uint64_t seed, Date today) {
  DemoOptions options;
  options.seed = seed;
  options.today = today;
  options.sessions = std::max(sessions, 1);
  options.courses = std::max(options.sessions / 2, 1);
  options.organisations = std::clamp(options.sessions / 7, 1, 99999);
  options.communes = 250 + options.sessions / 20;
  return options;
}

DemoCatalogue GenerateDemoCatalogue(const DemoOptions& options, const Taxonomy& taxonomy,
                                    const Geography& geography) {
  const DemoTexts& t = FrenchDemoTexts();
  DemoCatalogue catalogue;
  CommunePool pool = ChooseCommunes(options, geography);
  std::vector<std::pair<std::string, double>> families = WeightedFamilies(t, taxonomy);
  if (pool.communes.empty() || families.empty() || options.organisations <= 0) return catalogue;
  for (const Commune* c : pool.communes) catalogue.communes.push_back(c->code);

  std::vector<OrganisationPlan> org_plans;
  MakeOrganisations(options, t, pool, families, catalogue.organisations, org_plans);
  std::vector<CoursePlan> plans = PlanCourses(options, pool, families, org_plans);
  std::vector<bool> used_places(pool.communes.size(), false);
  // Courses come organisation by organisation: the nearby communes of the last office serve
  // all of its courses.
  NearbyCommunes nearby;
  catalogue.courses.reserve(plans.size());
  for (size_t i = 0; i < plans.size(); ++i) {
    catalogue.courses.push_back(
        MakeCourse(options, t, taxonomy, pool, catalogue.organisations[plans[i].organisation],
                   org_plans[plans[i].organisation], i, plans[i], nearby, used_places));
  }
  AddAllSessions(options, t, plans, catalogue);
  return catalogue;
}

}  // namespace tremplin::core
