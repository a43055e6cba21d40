#include "peers/peer_semantics.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <set>
#include <sstream>

#include "text/fold.h"
#include "text/stop_words.h"
#include "text/words.h"

namespace tremplin::bench {

int WeeksForMonths(int months) { return static_cast<int>(std::floor(months * 52.0 / 12.0 + 1e-9)); }

bool HasFilter(const search::SearchQuery& query, Filter filter) {
  switch (filter) {
    case Filter::kFamily:
      return !query.families.empty();
    case Filter::kProfession:
      return !query.professions.empty();
    case Filter::kMode:
      return !query.modes.empty();
    case Filter::kRegion:
      return !query.regions.empty();
    case Filter::kDepartment:
      return !query.departments.empty();
    case Filter::kLevel:
      return !query.levels.empty();
    case Filter::kDuration:
      return query.max_duration_weeks.has_value();
    case Filter::kStart:
      return query.starts_after.has_value();
  }
  return false;
}

std::array<SortKey, 3> SortKeys(search::SortOrder sort) {
  switch (sort) {
    case search::SortOrder::kRelevance:
      return {SortKey::kScore, SortKey::kStart, SortKey::kDistance};
    case search::SortOrder::kDistance:
      return {SortKey::kDistance, SortKey::kStart, SortKey::kScore};
    case search::SortOrder::kStart:
      return {SortKey::kStart, SortKey::kScore, SortKey::kDistance};
  }
  return {SortKey::kScore, SortKey::kStart, SortKey::kDistance};
}

QueryPlan MakePlan(const search::SearchQuery& query) {
  QueryPlan plan;
  std::string folded = text::Fold(query.text);
  for (std::string_view word : text::Words(folded))
    if (!text::IsStopWord(word)) plan.words.emplace_back(word);

  const core::Place& place = query.place;
  plan.place_kind = place.kind;
  plan.place_code = place.code;
  if (place.kind == core::PlaceKind::kCommune && place.point) {
    plan.center = place.point;
    plan.radius_km = std::clamp(query.radius_km, 0.0, search::kMaxRadiusKm);
    plan.widen = query.widen_radius;
  }
  plan.sort = query.sort;
  if (plan.sort == search::SortOrder::kDistance && !plan.center)
    plan.sort = search::SortOrder::kRelevance;
  plan.sessions_from = std::max(query.today, query.starts_after.value_or(query.today));
  plan.offset = std::max(0, query.page - 1) * std::max(0, query.per_page);
  plan.limit = std::max(0, query.per_page);
  return plan;
}

double WidenedRadius(double radius_km, const std::function<bool(double)>& any_nearby) {
  double radius = radius_km;
  for (double step : kWideningSteps) {
    if (step <= radius) continue;
    radius = step;
    if (any_nearby(step)) break;
  }
  return radius;
}

LatLonBox BoxAround(core::GeoPoint center, double km) {
  // From the haversine: within angle δ, |Δlat| ≤ δ and sin(|Δlon|/2) ≤ sin(δ/2) / cos(lat) at
  // the box's widest latitude. A small margin keeps points at exactly `km` inside.
  constexpr double kDegrees = 180.0 / std::numbers::pi;
  constexpr double kMargin = 1.000001;
  double angle = km / core::kEarthRadiusKm;
  double dlat = angle * kDegrees * kMargin + 1e-9;
  LatLonBox box{center.lat - dlat, center.lat + dlat, -180, 180};
  double widest = std::max(std::abs(box.min_lat), std::abs(box.max_lat));
  double ratio = std::sin(angle / 2) / std::cos(widest / kDegrees);
  if (widest >= 90 || ratio >= 1) return box;
  double dlon = 2 * std::asin(ratio) * kDegrees * kMargin + 1e-9;
  if (center.lon - dlon < -180 || center.lon + dlon > 180) return box;
  box.min_lon = center.lon - dlon;
  box.max_lon = center.lon + dlon;
  return box;
}

std::map<std::string, std::map<std::string, int>> EmptyFacets() {
  std::map<std::string, std::map<std::string, int>> facets;
  for (const Facet& facet : kFacets) facets[std::string(facet.name)];
  for (int months : kDurationMonths) facets["max_months"][std::to_string(months)] = 0;
  return facets;
}

PeerResult ToPeerResult(const search::SearchResult& result) {
  PeerResult peer;
  peer.total = result.total;
  peer.nearby_total = result.nearby_total;
  peer.remote_total = result.remote_total;
  for (const search::Hit& hit : result.hits) peer.page.push_back(hit.doc);
  peer.facets = EmptyFacets();
  for (const auto& [name, counts] : result.facets)
    for (const search::FacetCount& c : counts) peer.facets[name][c.value] = c.count;
  peer.radius_km = result.radius_km;
  peer.radius_widened = result.radius_widened;
  return peer;
}

namespace {

// The invented geography of RandomCorpus: regions, their departments and a centre for each.
struct DepartmentSeed {
  const char* region;
  const char* code;
  double lat, lon;
};
constexpr DepartmentSeed kDepartments[] = {{"11", "75", 48.86, 2.35}, {"11", "92", 48.84, 2.20},
                                           {"11", "93", 48.91, 2.48}, {"32", "59", 50.63, 3.06},
                                           {"32", "62", 50.29, 2.78}, {"84", "69", 45.76, 4.83},
                                           {"84", "38", 45.19, 5.72}, {"84", "01", 46.20, 5.22},
                                           {"76", "31", 43.60, 1.44}, {"04", "974", -21.11, 55.53}};
constexpr const char* kWords[] = {"développeur", "données",   "réseau",   "web",   "cybersécurité",
                                  "technicien",  "numérique", "logiciel", "cloud", "intelligence"};

}  // namespace

PeerCorpus RandomCorpus(uint64_t seed, size_t count) {
  core::Random random(seed);
  PeerCorpus corpus;
  corpus.today = core::Date::FromYmd(2026, 3, 15);

  std::vector<core::Region> regions;
  std::vector<core::Department> departments;
  std::vector<core::Commune> communes;
  std::set<std::string> region_codes;
  for (const DepartmentSeed& seed_department : kDepartments) {
    if (region_codes.insert(seed_department.region).second)
      regions.push_back({seed_department.region, std::string("Région ") + seed_department.region});
    departments.push_back({seed_department.code, std::string("Département ") + seed_department.code,
                           seed_department.region});
    for (int i = 1; i <= 4; ++i) {
      core::Commune c;
      c.code = std::string(seed_department.code) + (std::string(seed_department.code).size() == 2
                                                        ? "00" + std::to_string(i)
                                                        : "0" + std::to_string(i));
      c.name = "Commune " + c.code;
      c.department_code = seed_department.code;
      c.region_code = seed_department.region;
      c.zone = std::string(seed_department.region) == "04" ? "drom" : "metro";
      c.population = 1000 * i;
      // One commune without a point: documents there are never near a commune.
      if (!(c.code == "62004"))
        c.point = core::GeoPoint{seed_department.lat + random.UniformDouble(-0.4, 0.4),
                                 seed_department.lon + random.UniformDouble(-0.4, 0.4)};
      communes.push_back(std::move(c));
    }
  }

  std::set<std::pair<int64_t, std::string>> places_taken;
  const int64_t courses = std::max<int64_t>(1, static_cast<int64_t>(count) / 2);
  while (corpus.documents.size() < count) {
    search::Document d;
    d.course_id = random.UniformInt(1, courses);
    d.remote = random.Chance(0.08);
    if (d.remote) {
      d.mode = core::DeliveryMode::kRemote;
      // Not what the catalogue makes, but the semantics say what it means: the point only
      // orders remote documents among themselves.
      if (random.Chance(0.3))
        d.point = core::GeoPoint{random.UniformDouble(43, 50), random.UniformDouble(-1, 7)};
    } else {
      const core::Commune& c = random.Pick(communes);
      d.commune_code = c.code;
      d.department_code = c.department_code;
      d.region_code = c.region_code;
      d.point = c.point;
      d.mode = random.Chance(0.5) ? core::DeliveryMode::kOnSite : core::DeliveryMode::kBlended;
    }
    if (!places_taken.insert({d.course_id, d.commune_code}).second) continue;
    int family = static_cast<int>(random.UniformInt(1, 4));
    d.family_id = "f" + std::to_string(family);
    std::vector<std::string> professions;
    for (int p = 1; p <= 4; ++p) professions.push_back(d.family_id + ".p" + std::to_string(p));
    random.Shuffle(professions);
    professions.resize(static_cast<size_t>(random.UniformInt(1, 3)));
    d.profession_ids = professions;
    const int levels[] = {0, 3, 4, 5, 6};
    d.certification_level = levels[random.Index(5)];
    d.duration_weeks = static_cast<int>(random.UniformInt(3, 156));
    int sessions = static_cast<int>(random.UniformInt(0, 4));
    for (int i = 0; i < sessions; ++i)
      d.session_starts.push_back(
          corpus.today.AddDays(static_cast<int>(random.UniformInt(-90, 400))));
    std::sort(d.session_starts.begin(), d.session_starts.end());
    d.title = std::string("Formation ") + kWords[random.Index(std::size(kWords))];
    d.professions = std::string("Métier ") + kWords[random.Index(std::size(kWords))];
    d.organisation = "Organisme " + std::to_string(d.course_id % 17);
    d.body = std::string("Apprendre le métier : ") + kWords[random.Index(std::size(kWords))];
    corpus.documents.push_back(std::move(d));
  }
  corpus.geography =
      core::Geography(std::move(regions), std::move(departments), std::move(communes));
  return corpus;
}

PeerCorpus RingCorpus(core::GeoPoint center, double radius_km) {
  constexpr double kRad = std::numbers::pi / 180.0;
  PeerCorpus corpus;
  corpus.today = core::Date::FromYmd(2026, 3, 15);
  for (double factor : {1 - 1e-6, 1 + 1e-6}) {
    double angle = radius_km * factor / core::kEarthRadiusKm;
    for (int degrees = 0; degrees < 360; degrees += 5) {
      double bearing = degrees * kRad, lat1 = center.lat * kRad;
      double lat2 = std::asin(std::sin(lat1) * std::cos(angle) +
                              std::cos(lat1) * std::sin(angle) * std::cos(bearing));
      double dlon = std::atan2(std::sin(bearing) * std::sin(angle) * std::cos(lat1),
                               std::cos(angle) - std::sin(lat1) * std::sin(lat2));
      search::Document d;
      d.course_id = static_cast<int64_t>(corpus.documents.size()) + 1;
      d.commune_code = "00000";
      d.department_code = "00";
      d.region_code = "00";
      d.point = core::GeoPoint{lat2 / kRad, center.lon + dlon / kRad};
      d.family_id = "f1";
      d.duration_weeks = 10;
      corpus.documents.push_back(std::move(d));
    }
  }
  return corpus;
}

search::SearchQuery RandomFilterQuery(core::Random& random, const PeerCorpus& corpus) {
  search::SearchQuery q;
  q.today = corpus.today;
  const core::Geography& geo = corpus.geography;
  switch (random.Index(4)) {
    case 0:
      break;  // all of France
    case 1: {
      const core::Region& r = random.Pick(geo.regions());
      q.place.kind = core::PlaceKind::kRegion;
      q.place.code = r.code;
      q.place.region_code = r.code;
      break;
    }
    case 2: {
      const core::Department& d = random.Pick(geo.departments());
      q.place.kind = core::PlaceKind::kDepartment;
      q.place.code = d.code;
      q.place.department_code = d.code;
      q.place.region_code = d.region_code;
      break;
    }
    default: {
      const core::Commune& c = random.Pick(geo.communes());
      q.place.kind = core::PlaceKind::kCommune;
      q.place.code = c.code;
      q.place.department_code = c.department_code;
      q.place.region_code = c.region_code;
      q.place.point = c.point;
      const double radii[] = {0, 5, 10, 20, 30, 50, 100, 200, 300};
      q.radius_km = random.Chance(0.2) ? random.UniformDouble(0, 120) : radii[random.Index(9)];
      q.widen_radius = random.Chance(0.8);
      break;
    }
  }
  auto some = [&](auto pool, auto& out) {
    size_t n = static_cast<size_t>(random.UniformInt(1, 2));
    for (size_t i = 0; i < n; ++i) out.push_back(pool[random.Index(pool.size())]);
  };
  constexpr double kFilterChance = 0.22;
  if (random.Chance(kFilterChance))
    some(std::vector<std::string>{"f1", "f2", "f3", "f4", "f9"}, q.families);
  if (random.Chance(kFilterChance))
    some(std::vector<std::string>{"f1.p1", "f1.p2", "f2.p3", "f3.p1", "f4.p4", "f9.p1"},
         q.professions);
  if (random.Chance(kFilterChance))
    some(std::vector<core::DeliveryMode>{core::DeliveryMode::kOnSite, core::DeliveryMode::kBlended,
                                         core::DeliveryMode::kRemote},
         q.modes);
  if (random.Chance(kFilterChance))
    some(std::vector<std::string>{"11", "32", "84", "76", "04", "99"}, q.regions);
  if (random.Chance(kFilterChance))
    some(std::vector<std::string>{"75", "93", "59", "62", "69", "31", "974", "2A"}, q.departments);
  if (random.Chance(kFilterChance)) some(std::vector<int>{0, 3, 4, 5, 6, 7}, q.levels);
  if (random.Chance(kFilterChance)) {
    const int weeks[] = {13, 26, 52, 104};
    q.max_duration_weeks =
        random.Chance(0.3) ? static_cast<int>(random.UniformInt(1, 160)) : weeks[random.Index(4)];
  }
  if (random.Chance(kFilterChance))
    q.starts_after = corpus.today.AddDays(static_cast<int>(random.UniformInt(-60, 420)));
  const search::SortOrder sorts[] = {search::SortOrder::kRelevance, search::SortOrder::kDistance,
                                     search::SortOrder::kStart};
  q.sort = sorts[random.Index(3)];
  const int sizes[] = {1, 5, 20, 100};
  q.per_page = sizes[random.Index(4)];
  q.page = random.Chance(0.1) ? static_cast<int>(random.UniformInt(4, 40))
                              : static_cast<int>(random.UniformInt(1, 3));
  return q;
}

std::string DescribeQuery(const search::SearchQuery& q) {
  std::ostringstream out;
  auto list = [&](const char* name, const auto& values) {
    if (values.empty()) return;
    out << ' ' << name << '=';
    for (size_t i = 0; i < values.size(); ++i) out << (i ? "," : "") << values[i];
  };
  out << "text='" << q.text << "' place=" << core::ToString(q.place.kind);
  if (!q.place.code.empty()) out << ':' << q.place.code;
  if (q.place.kind == core::PlaceKind::kCommune)
    out << " radius=" << q.radius_km << (q.widen_radius ? " widen" : " no-widen")
        << (q.place.point ? "" : " (no point)");
  list("family", q.families);
  list("profession", q.professions);
  std::vector<std::string_view> modes;
  for (core::DeliveryMode m : q.modes) modes.push_back(core::ToString(m));
  list("mode", modes);
  list("region", q.regions);
  list("department", q.departments);
  list("level", q.levels);
  if (q.max_duration_weeks) out << " max_weeks=" << *q.max_duration_weeks;
  if (q.starts_after) out << " starts_after=" << q.starts_after->ToIso();
  out << " today=" << q.today.ToIso() << " sort=" << search::ToString(q.sort) << " page=" << q.page
      << " per_page=" << q.per_page;
  return out.str();
}

std::string DescribeDifference(const PeerResult& expected, const PeerResult& actual) {
  std::ostringstream out;
  auto check = [&](const char* what, auto a, auto b) {
    if (a != b) out << what << ": expected " << a << ", got " << b << "\n";
  };
  check("total", expected.total, actual.total);
  check("nearby_total", expected.nearby_total, actual.nearby_total);
  check("remote_total", expected.remote_total, actual.remote_total);
  check("radius_km", expected.radius_km, actual.radius_km);
  check("radius_widened", expected.radius_widened, actual.radius_widened);
  std::set<std::string> names;
  for (const auto& [name, counts] : expected.facets) names.insert(name);
  for (const auto& [name, counts] : actual.facets) names.insert(name);
  for (const std::string& name : names) {
    auto e = expected.facets.find(name);
    auto a = actual.facets.find(name);
    if (e == expected.facets.end() || a == actual.facets.end()) {
      out << "facet " << name << ": only in " << (a == actual.facets.end() ? "expected" : "actual")
          << "\n";
      continue;
    }
    std::set<std::string> values;
    for (const auto& [value, count] : e->second) values.insert(value);
    for (const auto& [value, count] : a->second) values.insert(value);
    for (const std::string& value : values) {
      auto ev = e->second.find(value);
      auto av = a->second.find(value);
      int ec = ev == e->second.end() ? -1 : ev->second;
      int ac = av == a->second.end() ? -1 : av->second;
      if (ec != ac)
        out << "facet " << name << "=" << value << ": expected " << ec << ", got " << ac
            << " (-1: absent)\n";
    }
  }
  if (expected.page != actual.page) {
    out << "page: expected [";
    for (search::DocId d : expected.page) out << ' ' << d;
    out << " ], got [";
    for (search::DocId d : actual.page) out << ' ' << d;
    out << " ]\n";
  }
  return out.str();
}

}  // namespace tremplin::bench
