#include "core/geography.h"

#include <algorithm>

namespace tremplin::core {

Geography::Geography(std::vector<Region> regions, std::vector<Department> departments,
                     std::vector<Commune> communes)
    : regions_(std::move(regions)),
      departments_(std::move(departments)),
      communes_(std::move(communes)) {
  for (size_t i = 0; i < regions_.size(); ++i) region_index_[regions_[i].code] = i;
  for (size_t i = 0; i < departments_.size(); ++i) department_index_[departments_[i].code] = i;
  for (size_t i = 0; i < communes_.size(); ++i) {
    commune_index_[communes_[i].code] = i;
    for (const std::string& postcode : communes_[i].postcodes)
      postcode_index_[postcode].push_back(i);
  }
  for (auto& [postcode, list] : postcode_index_) {
    std::stable_sort(list.begin(), list.end(), [&](size_t a, size_t b) {
      // A postcode inside Paris, Lyon or Marseille means its arrondissement, not the city.
      bool a_arr = !communes_[a].parent_code.empty(), b_arr = !communes_[b].parent_code.empty();
      if (a_arr != b_arr) return a_arr;
      return communes_[a].population > communes_[b].population;
    });
  }
}

const Region* Geography::FindRegion(std::string_view code) const {
  auto it = region_index_.find(std::string(code));
  return it == region_index_.end() ? nullptr : &regions_[it->second];
}

const Department* Geography::FindDepartment(std::string_view code) const {
  auto it = department_index_.find(std::string(code));
  return it == department_index_.end() ? nullptr : &departments_[it->second];
}

const Commune* Geography::FindCommune(std::string_view insee_code) const {
  auto it = commune_index_.find(std::string(insee_code));
  return it == commune_index_.end() ? nullptr : &communes_[it->second];
}

std::vector<const Commune*> Geography::CommunesWithPostcode(std::string_view postcode) const {
  std::vector<const Commune*> out;
  auto it = postcode_index_.find(std::string(postcode));
  if (it == postcode_index_.end()) return out;
  for (size_t i : it->second) out.push_back(&communes_[i]);
  return out;
}

}  // namespace tremplin::core
