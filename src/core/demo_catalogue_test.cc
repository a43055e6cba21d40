// Tests of the demo catalogue generator (and of the deterministic generator it draws from), on a
// synthetic geography: 18 regions, ~400 communes with populations and points.
#include "core/demo_catalogue.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "core/random.h"
#include "core/siret.h"
#include "core/text_rules.h"
#include "text/fold.h"

namespace tremplin::core {
namespace {

// ---------------------------------------------------------------------------------------------
// Random.

TEST(Random, SplitMix64MatchesTheReferenceSequence) {
  uint64_t state = 1234567;
  EXPECT_EQ(SplitMix64(state), 6457827717110365317ULL);
  EXPECT_EQ(SplitMix64(state), 3203168211198807973ULL);
  EXPECT_EQ(SplitMix64(state), 9817491932198370423ULL);
  EXPECT_EQ(SplitMix64(state), 4593380528125082431ULL);
  EXPECT_EQ(SplitMix64(state), 16408922859458223821ULL);
}

TEST(Random, SequenceForASeedNeverChanges) {
  // xoshiro256** seeded with four SplitMix64 outputs of 2026: the demo catalogue depends on it.
  Random rng(2026);
  EXPECT_EQ(rng.Next(), 10583478199052185109ULL);
  EXPECT_EQ(rng.Next(), 5232962402658359512ULL);
  EXPECT_EQ(rng.Next(), 14988153452874227418ULL);
}

TEST(Random, UniformIntStaysInRangeAndReachesBothEnds) {
  Random rng(7);
  std::map<int64_t, int> seen;
  for (int i = 0; i < 7000; ++i) {
    int64_t v = rng.UniformInt(-3, 3);
    ASSERT_GE(v, -3);
    ASSERT_LE(v, 3);
    ++seen[v];
  }
  ASSERT_EQ(seen.size(), 7u);
  for (auto [value, count] : seen) EXPECT_NEAR(count, 1000, 150) << value;
  EXPECT_EQ(rng.UniformInt(5, 5), 5);
}

TEST(Random, UniformDoubleIsInTheHalfOpenUnitInterval) {
  Random rng(11);
  double sum = 0;
  for (int i = 0; i < 10000; ++i) {
    double x = rng.UniformDouble();
    ASSERT_GE(x, 0.0);
    ASSERT_LT(x, 1.0);
    sum += x;
  }
  EXPECT_NEAR(sum / 10000, 0.5, 0.02);
}

TEST(Random, WeightedIndexFollowsTheWeightsAndSkipsZeros) {
  Random rng(3);
  std::vector<double> weights = {1, 0, 3};
  std::vector<int64_t> int_weights = {0, 5, 0, 5};
  int counts[3] = {0, 0, 0};
  for (int i = 0; i < 8000; ++i) ++counts[rng.WeightedIndex(std::span<const double>(weights))];
  EXPECT_EQ(counts[1], 0);
  EXPECT_NEAR(counts[2] / 8000.0, 0.75, 0.03);
  for (int i = 0; i < 1000; ++i) {
    size_t k = rng.WeightedIndex(std::span<const int64_t>(int_weights));
    EXPECT_TRUE(k == 1 || k == 3);
  }
}

TEST(Random, ShuffleIsAPermutationAndDependsOnTheSeed) {
  std::vector<int> a(50), b;
  for (int i = 0; i < 50; ++i) a[i] = i;
  b = a;
  Random r1(1), r2(2);
  r1.Shuffle(a);
  r2.Shuffle(b);
  EXPECT_NE(a, b);
  std::sort(a.begin(), a.end());
  for (int i = 0; i < 50; ++i) EXPECT_EQ(a[i], i);
}

TEST(Random, ForksAreReproducibleAndIndependent) {
  Random base(99);
  Random f1 = base.Fork(1), f1_again = base.Fork(1), f2 = base.Fork(2);
  uint64_t x = f1.Next();
  EXPECT_EQ(x, f1_again.Next());
  EXPECT_NE(x, f2.Next());
}

// ---------------------------------------------------------------------------------------------
// A synthetic geography.

struct RegionSpec {
  const char* code;
  const char* name;
  const char* department;
  double lat, lon;
  int largest_population;
};

constexpr RegionSpec kRegions[] = {
    {"01", "Guadeloupe", "971", 16.2, -61.5, 60000},
    {"02", "Martinique", "972", 14.6, -61.0, 80000},
    {"03", "Guyane", "973", 4.9, -52.3, 60000},
    {"04", "La Réunion", "974", -21.1, 55.5, 150000},
    {"06", "Mayotte", "976", -12.8, 45.2, 70000},
    {"11", "Île-de-France", "75", 48.85, 2.35, 2100000},
    {"24", "Centre-Val de Loire", "45", 47.9, 1.9, 140000},
    {"27", "Bourgogne-Franche-Comté", "21", 47.3, 5.0, 160000},
    {"28", "Normandie", "76", 49.2, 0.4, 170000},
    {"32", "Hauts-de-France", "59", 50.6, 3.0, 235000},
    {"44", "Grand Est", "67", 48.6, 7.7, 290000},
    {"52", "Pays de la Loire", "44", 47.2, -1.5, 320000},
    {"53", "Bretagne", "35", 48.1, -1.7, 220000},
    {"75", "Nouvelle-Aquitaine", "33", 44.8, -0.6, 260000},
    {"76", "Occitanie", "31", 43.6, 1.4, 500000},
    {"84", "Auvergne-Rhône-Alpes", "69", 45.75, 4.85, 520000},
    {"93", "Provence-Alpes-Côte d’Azur", "13", 43.3, 5.4, 870000},
    {"94", "Corse", "2A", 41.9, 8.7, 70000},
};
constexpr int kCommunesPerRegion = 22;

std::string CommuneCode(const RegionSpec& r, int k) {
  std::string dep = r.department;
  std::string num = std::to_string(k + 1);
  return dep + std::string(5 - dep.size() - num.size(), '0') + num;
}

Geography SyntheticGeography() {
  std::vector<Region> regions;
  std::vector<Department> departments;
  std::vector<Commune> communes;
  for (const RegionSpec& r : kRegions) {
    regions.push_back({r.code, r.name});
    departments.push_back({r.department, std::string("Département ") + r.department, r.code});
    for (int k = 0; k < kCommunesPerRegion; ++k) {
      Commune c;
      c.code = std::string(r.code) == "11" && k == 0 ? "75056" : CommuneCode(r, k);
      c.name = std::string(r.name) + " " + std::to_string(k + 1);
      c.department_code = r.department;
      c.region_code = r.code;
      c.zone = std::string(r.code) < "10" ? "drom" : "metro";
      c.postcodes = {c.code.substr(0, 2) + "0" + std::to_string(k % 10) + "0"};
      c.population = static_cast<int>(r.largest_population / std::pow(k + 1, 1.2));
      c.point = GeoPoint{r.lat + 0.4 * std::sin(k * 1.7), r.lon + 0.5 * std::cos(k * 2.3)};
      communes.push_back(std::move(c));
    }
  }
  // Arrondissements of Paris, more populous than anything else: never to be picked.
  for (int a = 1; a <= 3; ++a) {
    Commune c;
    c.code = "7510" + std::to_string(a);
    c.name = "Paris " + std::to_string(a) + "e arrondissement";
    c.department_code = "75";
    c.region_code = "11";
    c.zone = "metro";
    c.parent_code = "75056";
    c.postcodes = {"7500" + std::to_string(a)};
    c.population = 5000000;
    c.point = GeoPoint{48.86, 2.34};
    communes.push_back(std::move(c));
  }
  // A big commune with no point: unusable for places.
  Commune no_point;
  no_point.code = "59999";
  no_point.name = "Sans Coordonnées";
  no_point.department_code = "59";
  no_point.region_code = "32";
  no_point.zone = "metro";
  no_point.population = 4000000;
  communes.push_back(std::move(no_point));
  return Geography(std::move(regions), std::move(departments), std::move(communes));
}

const Geography& TestGeography() {
  static const Geography* geo = new Geography(SyntheticGeography());
  return *geo;
}

DemoOptions DefaultOptions() {
  DemoOptions options;
  options.today = Date::FromYmd(2026, 3, 16);
  return options;
}

const DemoCatalogue& DefaultCatalogue() {
  static const DemoCatalogue* catalogue =
      new DemoCatalogue(GenerateDemoCatalogue(DefaultOptions(), GenTaxonomy(), TestGeography()));
  return *catalogue;
}

// Every field, so that two catalogues compare byte for byte.
std::string Dump(const DemoCatalogue& c) {
  std::ostringstream out;
  out.precision(17);
  for (const std::string& code : c.communes) out << code << ",";
  out << "\n";
  for (const Organisation& o : c.organisations) {
    out << o.id << "|" << o.siret << "|" << o.name << "|" << o.description << "|" << o.address
        << "|" << o.postcode << "|" << o.commune_code << "|" << o.website << "|" << o.email << "|"
        << o.phone << "|" << o.qualiopi_certified << o.is_demo << "\n";
  }
  for (const Course& k : c.courses) {
    out << k.id << "|" << k.organisation_id << "|" << k.title << "|" << k.summary << "|"
        << k.objectives << "|" << k.content << "|" << k.prerequisites << "|" << k.target_public
        << "|" << k.access_modalities << "|" << k.teaching_methods << "|" << k.assessment_methods
        << "|" << k.accessibility << "|" << k.family_id << "|";
    for (const std::string& p : k.profession_ids) out << p << ",";
    out << "|" << k.rncp_code << "|" << k.certification_title << "|" << k.certification_level << "|"
        << ToString(k.mode) << "|" << k.duration_hours << "|" << k.duration_weeks << "|"
        << k.cost_to_learner_cents << "|" << ToString(k.label_state) << "|"
        << k.label_granted_on.ToIso() << "|" << k.label_expires_on.ToIso() << "\n";
    for (const Session& s : k.sessions) {
      out << "  " << s.id << "|" << s.course_id << "|" << s.commune_code << "|" << s.address << "|";
      if (s.point) out << s.point->lat << "," << s.point->lon;
      out << "|" << s.start.ToIso() << "|" << s.end.ToIso() << "|" << s.enrolment_opens.ToIso()
          << "|" << s.enrolment_closes.ToIso() << "|" << s.capacity << "|"
          << ToString(s.recruitment) << "\n";
    }
  }
  return out.str();
}

std::vector<const Session*> AllSessions(const DemoCatalogue& c) {
  std::vector<const Session*> out;
  for (const Course& k : c.courses)
    for (const Session& s : k.sessions) out.push_back(&s);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The catalogue.

TEST(DemoCatalogue, SameOptionsGiveByteIdenticalCatalogues) {
  DemoCatalogue again = GenerateDemoCatalogue(DefaultOptions(), GenTaxonomy(), TestGeography());
  EXPECT_EQ(Dump(again), Dump(DefaultCatalogue()));
}

TEST(DemoCatalogue, AnotherSeedGivesAnotherCatalogue) {
  DemoOptions options = DefaultOptions();
  options.seed = 7;
  DemoCatalogue other = GenerateDemoCatalogue(options, GenTaxonomy(), TestGeography());
  EXPECT_NE(Dump(other), Dump(DefaultCatalogue()));
  EXPECT_NE(other.organisations[0].name + other.organisations[1].name,
            DefaultCatalogue().organisations[0].name + DefaultCatalogue().organisations[1].name);
}

TEST(DemoCatalogue, CountsMatchTheOptions) {
  const DemoCatalogue& c = DefaultCatalogue();
  EXPECT_EQ(c.organisations.size(), 150u);
  EXPECT_EQ(c.courses.size(), 500u);
  EXPECT_EQ(c.communes.size(), 250u);
  size_t sessions = AllSessions(c).size();
  EXPECT_GE(sessions, 900u);
  EXPECT_LE(sessions, 1100u);
}

TEST(DemoCatalogue, IdsRunFromOneAndReferencesHold) {
  const DemoCatalogue& c = DefaultCatalogue();
  for (size_t i = 0; i < c.organisations.size(); ++i)
    EXPECT_EQ(c.organisations[i].id, int64_t(i + 1));
  std::set<int64_t> session_ids;
  std::set<int64_t> organisations_with_courses;
  for (size_t i = 0; i < c.courses.size(); ++i) {
    const Course& k = c.courses[i];
    EXPECT_EQ(k.id, int64_t(i + 1));
    EXPECT_GE(k.organisation_id, 1);
    EXPECT_LE(k.organisation_id, int64_t(c.organisations.size()));
    organisations_with_courses.insert(k.organisation_id);
    EXPECT_FALSE(k.sessions.empty()) << k.title;
    for (const Session& s : k.sessions) {
      EXPECT_EQ(s.course_id, k.id);
      session_ids.insert(s.id);
    }
  }
  EXPECT_EQ(organisations_with_courses.size(), c.organisations.size());
  EXPECT_EQ(*session_ids.begin(), 1);
  EXPECT_EQ(*session_ids.rbegin(), int64_t(session_ids.size()));
  EXPECT_EQ(session_ids.size(), AllSessions(c).size());
}

TEST(DemoCatalogue, CommunePoolUsesActualCommunesWithPointsWeightedByPopulation) {
  const DemoCatalogue& c = DefaultCatalogue();
  const Geography& geo = TestGeography();
  std::map<std::string, int> per_region;
  for (const std::string& code : c.communes) {
    const Commune* commune = geo.FindCommune(code);
    ASSERT_NE(commune, nullptr) << code;
    EXPECT_TRUE(commune->parent_code.empty()) << code;
    EXPECT_TRUE(commune->point.has_value()) << code;
    ++per_region[commune->region_code];
  }
  EXPECT_TRUE(std::is_sorted(c.communes.begin(), c.communes.end()));
  for (const RegionSpec& r : kRegions) {
    EXPECT_GE(per_region[r.code], 2) << r.name;
    // The largest commune of each region is always in (Paris as a whole, not an arrondissement).
    std::string largest = std::string(r.code) == "11" ? "75056" : CommuneCode(r, 0);
    EXPECT_TRUE(std::binary_search(c.communes.begin(), c.communes.end(), largest)) << r.name;
  }
  // Weighted by population: big communes are in far more often than small ones.
  int big = 0, small = 0;
  for (const RegionSpec& r : kRegions)
    for (int k = 2; k < kCommunesPerRegion; ++k) {
      bool in = std::binary_search(c.communes.begin(), c.communes.end(), CommuneCode(r, k));
      (k < 6 ? big : small) += in;
    }
  EXPECT_GT(big / (4.0 * 18), small / (16.0 * 18));
}

TEST(DemoCatalogue, PoolIsCappedByTheCommunesAvailable) {
  DemoOptions options = DefaultOptions();
  options.communes = 1000;
  options.organisations = 20;
  options.courses = 40;
  options.sessions = 80;
  DemoCatalogue c = GenerateDemoCatalogue(options, GenTaxonomy(), TestGeography());
  EXPECT_EQ(c.communes.size(), std::size(kRegions) * kCommunesPerRegion);
  EXPECT_EQ(c.organisations.size(), 20u);
  EXPECT_EQ(c.courses.size(), 40u);
}

TEST(DemoCatalogue, EveryRegionHasAnOrganisationAndSessions) {
  const DemoCatalogue& c = DefaultCatalogue();
  const Geography& geo = TestGeography();
  std::set<std::string> office_regions, session_regions;
  for (const Organisation& o : c.organisations)
    office_regions.insert(geo.FindCommune(o.commune_code)->region_code);
  for (const Session* s : AllSessions(c))
    if (!s->commune_code.empty())
      session_regions.insert(geo.FindCommune(s->commune_code)->region_code);
  for (const RegionSpec& r : kRegions) {
    EXPECT_TRUE(office_regions.count(r.code)) << r.name;
    EXPECT_TRUE(session_regions.count(r.code)) << r.name;
  }
}

TEST(DemoCatalogue, OrganisationsAreFictionalAndFlaggedAsDemo) {
  const DemoCatalogue& c = DefaultCatalogue();
  std::set<std::string> sirets, names, phones;
  int qualiopi = 0;
  for (const Organisation& o : c.organisations) {
    EXPECT_TRUE(o.is_demo);
    EXPECT_TRUE(IsValidSiret(o.siret)) << o.siret;
    EXPECT_EQ(o.siret.substr(0, 3), "000") << o.siret;
    EXPECT_TRUE(sirets.insert(o.siret).second) << o.siret;
    EXPECT_TRUE(names.insert(o.name).second) << o.name;
    EXPECT_TRUE(phones.insert(o.phone).second) << o.phone;
    EXPECT_EQ(o.phone.size(), 14u);
    EXPECT_EQ(o.phone.substr(0, 9), "01 99 00 ") << o.phone;
    EXPECT_TRUE(o.website.starts_with("https://") && o.website.ends_with(".example.org"))
        << o.website;
    EXPECT_TRUE(o.email.ends_with("@example.org")) << o.email;
    EXPECT_TRUE(PlausibleEmail(o.email)) << o.email << ": its profile could not be saved as it is";
    EXPECT_FALSE(o.address.empty());
    EXPECT_FALSE(o.description.empty());
    const Commune* office = TestGeography().FindCommune(o.commune_code);
    ASSERT_NE(office, nullptr);
    EXPECT_TRUE(std::binary_search(c.communes.begin(), c.communes.end(), o.commune_code));
    EXPECT_EQ(o.postcode, office->postcodes[0]);
    qualiopi += o.qualiopi_certified;
  }
  EXPECT_NEAR(qualiopi / 150.0, 0.85, 0.08);
}

TEST(DemoCatalogue, NoOrganisationNameLooksLikeARealSchoolOrAPublicBody) {
  const char* forbidden[] = {
      "simplon",   "openclassrooms", "wild code",   "afpa",           "o'clock",      "oclock",
      "ada tech",  "le wagon",       "epitech",     "webforce",       "ifocop",       "ironhack",
      "holberton", "zone01",         "cnam",        "greta",          "ministere",    "etat",
      "academie",  "universite",     "pole emploi", "france travail", "grande ecole", "ecole 42",
      "region",    "prefecture",     "gouv",        "republique"};
  for (const Organisation& o : DefaultCatalogue().organisations) {
    std::string folded = text::Fold(o.name);
    for (const char* word : forbidden) EXPECT_EQ(folded.find(word), std::string::npos) << o.name;
    EXPECT_EQ(o.name.find_first_of("0123456789"), std::string::npos) << o.name;
  }
}

TEST(DemoCatalogue, DeliveryModesFollowTheNetworkShares) {
  int onsite = 0, blended = 0, remote = 0;
  for (const Course& k : DefaultCatalogue().courses) {
    onsite += k.mode == DeliveryMode::kOnSite;
    blended += k.mode == DeliveryMode::kBlended;
    remote += k.mode == DeliveryMode::kRemote;
  }
  EXPECT_NEAR(onsite / 5.0, 50, 5);
  EXPECT_NEAR(blended / 5.0, 47, 5);
  EXPECT_NEAR(remote / 5.0, 3, 5);
  EXPECT_GT(remote, 0);
}

TEST(DemoCatalogue, DurationsAverageSevenMonthsWithALongTail) {
  double months = 0;
  int min_weeks = 1000, max_weeks = 0, long_ones = 0;
  for (const Course& k : DefaultCatalogue().courses) {
    months += k.DurationMonths();
    min_weeks = std::min(min_weeks, k.duration_weeks);
    max_weeks = std::max(max_weeks, k.duration_weeks);
    long_ones += k.duration_weeks >= 52;
    double per_week = double(k.duration_hours) / k.duration_weeks;
    EXPECT_GE(per_week, 15) << k.title;
    EXPECT_LE(per_week, 35) << k.title;
  }
  months /= 500;
  EXPECT_GE(months, 6.0);
  EXPECT_LE(months, 8.0);
  EXPECT_GE(min_weeks, 3);
  EXPECT_LE(max_weeks, 156);
  EXPECT_GT(long_ones, 25);  // alternance and long programmes exist
}

TEST(DemoCatalogue, ProfessionsBelongToTheCourseFamily) {
  const Taxonomy& taxonomy = GenTaxonomy();
  std::map<std::string, int> per_family;
  for (const Course& k : DefaultCatalogue().courses) {
    ASSERT_NE(taxonomy.FindFamily(k.family_id), nullptr) << k.family_id;
    ++per_family[k.family_id];
    ASSERT_GE(k.profession_ids.size(), 1u);
    ASSERT_LE(k.profession_ids.size(), 3u);
    std::set<std::string> distinct(k.profession_ids.begin(), k.profession_ids.end());
    EXPECT_EQ(distinct.size(), k.profession_ids.size());
    for (const std::string& id : k.profession_ids) {
      const Profession* p = taxonomy.FindProfession(id);
      ASSERT_NE(p, nullptr) << id;
      EXPECT_EQ(p->family_id, k.family_id) << id;
    }
  }
  // Development is the largest family, about 30 %.
  EXPECT_NEAR(per_family["development"] / 5.0, 30, 3);
  for (const auto& [family, count] : per_family)
    EXPECT_LE(count, per_family["development"]) << family;
  EXPECT_EQ(per_family.size(), taxonomy.families().size());
}

TEST(DemoCatalogue, CertificationsHaveLevelsAndCodesOrNone) {
  int noncertifying = 0;
  std::map<int, int> levels;
  for (const Course& k : DefaultCatalogue().courses) {
    if (k.certification_level == 0) {
      ++noncertifying;
      EXPECT_TRUE(k.rncp_code.empty());
      EXPECT_TRUE(k.certification_title.empty());
    } else {
      ++levels[k.certification_level];
      EXPECT_GE(k.certification_level, 3);
      EXPECT_LE(k.certification_level, 7);
      EXPECT_TRUE(k.rncp_code.starts_with("RNCP9")) << k.rncp_code;
      EXPECT_EQ(k.rncp_code.size(), 9u);
      EXPECT_FALSE(k.certification_title.empty());
    }
  }
  EXPECT_NEAR(noncertifying / 5.0, 15, 3);
  int middle = levels[4] + levels[5] + levels[6];
  EXPECT_GT(middle, (500 - noncertifying) * 0.7);
}

TEST(DemoCatalogue, LabelsAreRecentAndLastThreeYears) {
  Date today = DefaultOptions().today;
  int pending = 0;
  for (const Course& k : DefaultCatalogue().courses) {
    EXPECT_LE(k.label_granted_on, today);
    EXPECT_GT(k.label_granted_on, today.AddMonths(-36));
    EXPECT_EQ(k.label_expires_on, k.label_granted_on.AddMonths(36));
    EXPECT_TRUE(k.label_state == LabelState::kLabelled ||
                k.label_state == LabelState::kRenewalPending);
    if (k.label_state == LabelState::kRenewalPending) {
      ++pending;
      EXPECT_LE(k.label_expires_on.DaysSince(today), 120);
    }
  }
  EXPECT_GT(pending, 0);
  EXPECT_LT(pending, 75);
}

TEST(DemoCatalogue, MostCoursesAreFreeForLearners) {
  int paying = 0;
  for (const Course& k : DefaultCatalogue().courses) {
    EXPECT_GE(k.cost_to_learner_cents, 0);
    paying += k.cost_to_learner_cents > 0;
  }
  EXPECT_GT(paying, 0);
  EXPECT_LT(paying, 60);
}

// Sessions are stored so that their dates decide their recruitment (never "closed", which is an
// organisation's decision that would outlast the dates), a few of them full.
TEST(DemoCatalogue, SessionsAreDatedWithinTheNextYearAndTheirDatesDecideTheirRecruitment) {
  Date today = DefaultOptions().today;
  Date horizon = today.AddMonths(12);
  std::map<RecruitmentState, int> states;  // as shown on `today`
  for (const Course& k : DefaultCatalogue().courses) {
    for (const Session& s : k.sessions) {
      EXPECT_GT(s.start, today);
      EXPECT_LT(s.start, horizon);
      EXPECT_EQ(s.start.DaysSince(Date::FromYmd(2026, 3, 16)) % 7, 0) << "a Monday";
      EXPECT_GT(s.end, s.start);
      EXPECT_EQ(s.end, s.start.AddDays(k.duration_weeks * 7 - 3));
      EXPECT_LT(s.enrolment_opens, s.enrolment_closes);
      EXPECT_LT(s.enrolment_closes, s.start);
      EXPECT_GE(s.start.DaysSince(s.enrolment_opens), 30);
      EXPECT_LE(s.start.DaysSince(s.enrolment_opens), 92);
      EXPECT_GE(s.capacity, 8);
      EXPECT_LE(s.capacity, 24);
      EXPECT_TRUE(s.recruitment == RecruitmentState::kOpen || s.recruitment == RecruitmentState::kFull)
          << "stored " << ToString(s.recruitment);
      const RecruitmentState shown = RecruitmentOn(s, today);
      ++states[shown];
      if (today < s.enrolment_opens) {
        EXPECT_EQ(s.recruitment, RecruitmentState::kOpen) << "full before enrolment opens";
        EXPECT_EQ(shown, RecruitmentState::kUpcoming);
      } else if (today > s.enrolment_closes) {
        EXPECT_EQ(s.recruitment, RecruitmentState::kOpen) << "full after enrolment closed";
        EXPECT_EQ(shown, RecruitmentState::kClosed);
        // Dates moved later by the organisation reopen it: nothing stored keeps it closed.
        Session moved = s;
        moved.enrolment_closes = today;
        EXPECT_EQ(RecruitmentOn(moved, today), RecruitmentState::kOpen);
      } else {
        EXPECT_TRUE(shown == RecruitmentState::kOpen || shown == RecruitmentState::kFull);
      }
    }
  }
  EXPECT_GT(states[RecruitmentState::kOpen], 0);
  EXPECT_GT(states[RecruitmentState::kUpcoming], 0);
  EXPECT_GT(states[RecruitmentState::kClosed], 0);
  EXPECT_GT(states[RecruitmentState::kFull], 0);
}

TEST(DemoCatalogue, SessionPlacesMatchTheDeliveryMode) {
  const DemoCatalogue& c = DefaultCatalogue();
  const Geography& geo = TestGeography();
  int at_office = 0, placed = 0;
  for (const Course& k : c.courses) {
    const Organisation& org = c.organisations[k.organisation_id - 1];
    std::set<std::string> places;
    for (const Session& s : k.sessions) {
      if (k.mode == DeliveryMode::kRemote) {
        EXPECT_TRUE(s.commune_code.empty());
        EXPECT_TRUE(s.address.empty());
        EXPECT_FALSE(s.point.has_value());
        continue;
      }
      const Commune* commune = geo.FindCommune(s.commune_code);
      ASSERT_NE(commune, nullptr) << s.commune_code;
      EXPECT_TRUE(std::binary_search(c.communes.begin(), c.communes.end(), s.commune_code));
      EXPECT_EQ(commune->region_code, geo.FindCommune(org.commune_code)->region_code);
      EXPECT_FALSE(s.address.empty());
      ASSERT_TRUE(s.point.has_value());
      EXPECT_LE(DistanceKm(*s.point, *commune->point), 2.0);
      places.insert(s.commune_code);
      ++placed;
      at_office += s.commune_code == org.commune_code;
    }
    if (k.mode != DeliveryMode::kRemote) {
      EXPECT_GE(places.size(), 1u);
      EXPECT_LE(places.size(), 3u);
      EXPECT_LE(k.sessions.size(), 2 * places.size());
    }
  }
  EXPECT_GT(at_office, placed / 2);  // mostly at the organisation's commune
}

TEST(DemoCatalogue, TextsAreFilledAndVaried) {
  std::set<std::string> summaries, titles;
  for (const Course& k : DefaultCatalogue().courses) {
    for (const std::string* text :
         {&k.title, &k.summary, &k.objectives, &k.content, &k.prerequisites, &k.target_public,
          &k.access_modalities, &k.teaching_methods, &k.assessment_methods, &k.accessibility}) {
      EXPECT_FALSE(text->empty()) << k.title;
      EXPECT_EQ(text->find('{'), std::string::npos) << *text;  // no placeholder left
      EXPECT_EQ(text->find("  "), std::string::npos) << *text;
      EXPECT_EQ(text->find('\''), std::string::npos) << *text;  // typographic apostrophes only
      EXPECT_EQ(text->find(" :"), std::string::npos) << *text;  // no-break space before colons
    }
    EXPECT_NE(k.access_modalities.find("jours"), std::string::npos) << "lead time";
    EXPECT_NE(k.content.find("Module 1"), std::string::npos);
    summaries.insert(k.summary);
    titles.insert(k.title);
  }
  EXPECT_GT(summaries.size(), 500u * 95 / 100);
  EXPECT_GT(titles.size(), 200u);
}

TEST(DemoCatalogue, ModuleHoursAddUpToTheCentreHours) {
  for (const Course& k : DefaultCatalogue().courses) {
    int modules = 0;
    std::istringstream lines(k.content);
    std::string line;
    while (std::getline(lines, line)) {
      if (!line.starts_with("Module ")) continue;
      size_t open = line.rfind('(');
      int hours = std::stoi(line.substr(open + 1));
      EXPECT_GT(hours, 0) << line;
      modules += hours;
    }
    EXPECT_LE(modules, k.duration_hours) << k.title;
    EXPECT_GT(modules, k.duration_hours / 5) << k.title;
  }
}

TEST(DemoCatalogue, GenerationIsFast) {
  auto start = std::chrono::steady_clock::now();
  DemoCatalogue c = GenerateDemoCatalogue(DefaultOptions(), GenTaxonomy(), TestGeography());
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                  start);
  RecordProperty("generation_ms", static_cast<int>(ms.count()));
  std::printf("demo catalogue: %zu organisations, %zu courses in %lld ms\n", c.organisations.size(),
              c.courses.size(), static_cast<long long>(ms.count()));
  EXPECT_EQ(c.courses.size(), 500u);
}

// ---------------------------------------------------------------------------------------------
// National scale.

TEST(ScaledDemoOptions, ScaleWithTheSessionsAsked) {
  Date today = Date::FromYmd(2026, 3, 16);
  DemoOptions o = ScaledDemoOptions(1'000'000, 5, today);
  EXPECT_EQ(o.seed, 5u);
  EXPECT_EQ(o.today, today);
  EXPECT_EQ(o.sessions, 1'000'000);
  EXPECT_EQ(o.courses, 500'000);
  EXPECT_EQ(o.organisations, 99'999);  // the fictional SIREN range
  EXPECT_EQ(o.communes, 50'250);
  DemoOptions small = ScaledDemoOptions(7000, 5, today);
  EXPECT_EQ(small.courses, 3500);
  EXPECT_EQ(small.organisations, 1000);
  EXPECT_EQ(small.communes, 600);
  DemoOptions tiny = ScaledDemoOptions(0, 5, today);
  EXPECT_EQ(tiny.sessions, 1);
  EXPECT_EQ(tiny.courses, 1);
  EXPECT_EQ(tiny.organisations, 1);
}

// Two regions of 30 x 30 communes 5.5 km apart: more communes per region than the generator
// offers to a course as a whole, so that it keeps a course's places near its organisation.
Geography DenseGeography() {
  std::vector<Region> regions = {{"32", "Hauts-de-France"}, {"84", "Auvergne-Rhône-Alpes"}};
  std::vector<Department> departments = {{"59", "Nord", "32"}, {"69", "Rhône", "84"}};
  std::vector<Commune> communes;
  const struct {
    const char* region;
    const char* department;
    double lat, lon;
  } origins[] = {{"32", "59", 50.0, 2.0}, {"84", "69", 45.0, 4.0}};
  for (const auto& o : origins) {
    for (int k = 0; k < 900; ++k) {
      Commune c;
      std::string num = std::to_string(k + 1);
      c.code = std::string(o.department) + std::string(3 - num.size(), '0') + num;
      c.name = std::string("Commune ") + o.department + "-" + num;
      c.department_code = o.department;
      c.region_code = o.region;
      c.zone = "metro";
      c.postcodes = {std::string(o.department) + "0" + std::to_string(k % 10) + "0"};
      c.population = 200 + (k * 7919) % 20000;
      c.point = GeoPoint{o.lat + 0.05 * (k / 30), o.lon + 0.075 * (k % 30)};
      communes.push_back(std::move(c));
    }
  }
  return Geography(std::move(regions), std::move(departments), std::move(communes));
}

TEST(DemoCatalogue, ScaledCatalogueIsDeterministicAndKeepsPlacesNearTheOrganisation) {
  Geography geo = DenseGeography();
  DemoOptions options = ScaledDemoOptions(20'000, 11, Date::FromYmd(2026, 3, 16));
  auto start = std::chrono::steady_clock::now();
  DemoCatalogue c = GenerateDemoCatalogue(options, GenTaxonomy(), geo);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("scaled catalogue: %zu sessions in %.2f s\n", AllSessions(c).size(), seconds);
  EXPECT_EQ(Dump(GenerateDemoCatalogue(options, GenTaxonomy(), geo)), Dump(c));

  EXPECT_EQ(c.organisations.size(), 2857u);
  EXPECT_EQ(c.courses.size(), 10'000u);
  EXPECT_EQ(c.communes.size(), 1250u);  // about 625 a region: more than offered as a whole
  EXPECT_NEAR(static_cast<double>(AllSessions(c).size()), 20'000, 1000);

  // Names, SIRETs and web sites stay distinct although the name fragments run out.
  std::set<std::string> names, sirets, websites;
  for (const Organisation& o : c.organisations) {
    EXPECT_TRUE(names.insert(o.name).second) << o.name;
    EXPECT_TRUE(sirets.insert(o.siret).second) << o.siret;
    EXPECT_TRUE(websites.insert(o.website).second) << o.website;
  }

  std::set<std::string> session_communes;
  for (const Course& k : c.courses) {
    const Commune* office = geo.FindCommune(c.organisations[k.organisation_id - 1].commune_code);
    for (const Session& s : k.sessions) {
      if (s.commune_code.empty()) continue;
      session_communes.insert(s.commune_code);
      const Commune* place = geo.FindCommune(s.commune_code);
      ASSERT_NE(place, nullptr);
      EXPECT_LE(DistanceKm(*office->point, *place->point), 50.0) << k.id;
    }
  }
  // Organisations and their courses spread over most of the pool.
  EXPECT_GT(session_communes.size(), c.communes.size() * 95 / 100);
}

TEST(DemoCatalogue, ScaledCatalogueOfAnotherSeedDiffers) {
  Geography geo = DenseGeography();
  Date today = Date::FromYmd(2026, 3, 16);
  DemoCatalogue a = GenerateDemoCatalogue(ScaledDemoOptions(3000, 1, today), GenTaxonomy(), geo);
  DemoCatalogue b = GenerateDemoCatalogue(ScaledDemoOptions(3000, 2, today), GenTaxonomy(), geo);
  EXPECT_NE(Dump(a), Dump(b));
}

}  // namespace
}  // namespace tremplin::core
