// French administrative geography: regions, departments and communes (INSEE COG codes), with
// postcodes, population and a coordinate for each commune. Pure values and lookups; loading
// from files lives in io/geography_files.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/geo_point.h"

namespace tremplin::core {

struct Region {
  std::string code;  // "32"; overseas "01".."06"
  std::string name;  // "Hauts-de-France"
};

struct Department {
  std::string code;  // "59", "2A", "971"
  std::string name;  // "Nord"
  std::string region_code;
};

struct Commune {
  std::string code;  // INSEE code, "59350"
  std::string name;  // "Lille"
  std::string department_code;
  std::string region_code;
  std::string zone;  // "metro", "drom", "com"
  // For the municipal arrondissements of Paris, Lyon and Marseille: the commune they belong to.
  std::string parent_code;
  std::vector<std::string> postcodes;
  int population = 0;
  std::optional<GeoPoint> point;  // absent when no source gave one
};

class Geography {
 public:
  Geography() = default;
  Geography(std::vector<Region> regions, std::vector<Department> departments,
            std::vector<Commune> communes);

  const std::vector<Region>& regions() const { return regions_; }
  const std::vector<Department>& departments() const { return departments_; }
  const std::vector<Commune>& communes() const { return communes_; }

  // nullptr when unknown.
  const Region* FindRegion(std::string_view code) const;
  const Department* FindDepartment(std::string_view code) const;
  const Commune* FindCommune(std::string_view insee_code) const;

  // Communes served by `postcode`, most populous first (arrondissements before their city).
  std::vector<const Commune*> CommunesWithPostcode(std::string_view postcode) const;

 private:
  std::vector<Region> regions_;
  std::vector<Department> departments_;
  std::vector<Commune> communes_;
  std::unordered_map<std::string, size_t> region_index_, department_index_, commune_index_;
  std::unordered_map<std::string, std::vector<size_t>> postcode_index_;
};

}  // namespace tremplin::core
