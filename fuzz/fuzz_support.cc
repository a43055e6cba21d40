#include "fuzz_support.h"

#include <memory>
#include <optional>
#include <utility>

#include "core/demo_catalogue.h"
#include "core/taxonomy.h"

namespace tremplin::fuzz {
namespace {

core::Commune MakeCommune(std::string code, std::string name, std::string department,
                          std::string region, std::vector<std::string> postcodes, int population,
                          std::optional<core::GeoPoint> point, std::string parent = {}) {
  core::Commune c;
  c.code = std::move(code);
  c.name = std::move(name);
  c.department_code = std::move(department);
  c.region_code = std::move(region);
  c.zone = c.department_code.size() == 3 ? "drom" : "metro";
  c.parent_code = std::move(parent);
  c.postcodes = std::move(postcodes);
  c.population = population;
  c.point = point;
  return c;
}

// Homonyms (two Saint-Denis), municipal arrondissements, a commune named like a region, one
// without coordinates, Corsica's letter codes and an overseas department: the shapes that make
// place parsing hard.
core::Geography MakeSmallGeography() {
  std::vector<core::Region> regions = {{"32", "Hauts-de-France"}, {"11", "Île-de-France"},
                                       {"84", "Auvergne-Rhône-Alpes"}, {"53", "Bretagne"},
                                       {"94", "Corse"}, {"04", "La Réunion"},
                                       {"27", "Bourgogne-Franche-Comté"}, {"28", "Normandie"}};
  std::vector<core::Department> departments = {
      {"59", "Nord", "32"},          {"75", "Paris", "11"},
      {"93", "Seine-Saint-Denis", "11"}, {"42", "Loire", "84"},
      {"35", "Ille-et-Vilaine", "53"}, {"22", "Côtes-d'Armor", "53"},
      {"2A", "Corse-du-Sud", "94"},  {"974", "La Réunion", "04"},
      {"90", "Territoire de Belfort", "27"}, {"76", "Seine-Maritime", "28"}};
  std::vector<core::Commune> communes = {
      MakeCommune("59350", "Lille", "59", "32", {"59000", "59160", "59260", "59777", "59800"},
                  236234, core::GeoPoint{50.6292, 3.0573}),
      MakeCommune("59343", "Lezennes", "59", "32", {"59260"}, 3300, core::GeoPoint{50.6133, 3.1156}),
      MakeCommune("59512", "Roubaix", "59", "32", {"59100"}, 98828, core::GeoPoint{50.6942, 3.1746}),
      MakeCommune("75056", "Paris", "75", "11", {"75001", "75011", "75020"}, 2133111,
                  core::GeoPoint{48.8566, 2.3522}),
      MakeCommune("75101", "Paris 1er Arrondissement", "75", "11", {"75001"}, 15917,
                  core::GeoPoint{48.8626, 2.3363}, "75056"),
      MakeCommune("75111", "Paris 11e Arrondissement", "75", "11", {"75011"}, 142583,
                  core::GeoPoint{48.8590, 2.3800}, "75056"),
      MakeCommune("42218", "Saint-Étienne", "42", "84", {"42000", "42100"}, 173136,
                  core::GeoPoint{45.4347, 4.3903}),
      MakeCommune("93066", "Saint-Denis", "93", "11", {"93200", "93210"}, 113942,
                  core::GeoPoint{48.9362, 2.3574}),
      MakeCommune("97411", "Saint-Denis", "974", "04", {"97400", "97490"}, 153810,
                  core::GeoPoint{-20.8823, 55.4504}),
      MakeCommune("35238", "Rennes", "35", "53", {"35000", "35200", "35700"}, 222485,
                  core::GeoPoint{48.1173, -1.6778}),
      MakeCommune("22998", "Kerbrat", "22", "53", {"22998"}, 120, std::nullopt),
      MakeCommune("2A004", "Ajaccio", "2A", "94", {"20000", "20090"}, 71000,
                  core::GeoPoint{41.9192, 8.7386}),
      MakeCommune("90010", "Belfort", "90", "27", {"90000"}, 46000, core::GeoPoint{47.6380, 6.8628}),
      MakeCommune("90017", "Bretagne", "90", "27", {"90130"}, 300, core::GeoPoint{47.6033, 6.9844}),
      MakeCommune("76540", "Rouen", "76", "28", {"76000", "76100"}, 114000,
                  core::GeoPoint{49.4431, 1.0993}),
  };
  return core::Geography(std::move(regions), std::move(departments), std::move(communes));
}

std::unique_ptr<search::Catalogue> MakeSmallCatalogue() {
  core::DemoOptions options;
  options.organisations = 6;
  options.courses = 20;
  options.sessions = 40;
  options.communes = 15;
  options.today = FuzzToday();
  core::DemoCatalogue demo =
      core::GenerateDemoCatalogue(options, core::GenTaxonomy(), SmallGeography());
  return std::make_unique<search::Catalogue>(std::move(demo.organisations), std::move(demo.courses),
                                             core::GenTaxonomy(), SmallGeography());
}

}  // namespace

const core::Geography& SmallGeography() {
  static const core::Geography geography = MakeSmallGeography();
  return geography;
}

const core::PlaceDirectory& SmallPlaces() {
  static const core::PlaceDirectory places(SmallGeography());
  return places;
}

const search::Catalogue& SmallCatalogue() {
  static const std::unique_ptr<search::Catalogue> catalogue = MakeSmallCatalogue();
  return *catalogue;
}

core::Date FuzzToday() { return core::Date::FromYmd(2026, 11, 29); }

std::string_view AsText(const uint8_t* data, size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

std::vector<std::string> Fields(std::string_view text, size_t max_fields) {
  std::vector<std::string> fields;
  while (fields.size() + 1 < max_fields) {
    size_t end = text.find('\n');
    if (end == std::string_view::npos) break;
    fields.emplace_back(text.substr(0, end));
    text.remove_prefix(end + 1);
  }
  fields.emplace_back(text);
  return fields;
}

}  // namespace tremplin::fuzz
