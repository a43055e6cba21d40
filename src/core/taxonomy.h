// The GEN taxonomy: 9 families of digital professions and the professions in them, each with a
// stable id, French and English names, ROME 4.0 codes and the synonyms candidates type.
#pragma once

#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tremplin::core {

struct Family {
  std::string_view id;  // stable, e.g. "development"
  std::string_view name_fr;
  std::string_view name_en;
};

struct Profession {
  std::string_view id;  // stable, e.g. "web-developer"
  std::string_view family_id;
  std::string_view name_fr;
  std::string_view name_en;
  std::vector<std::string_view> rome_codes;  // ROME 4.0, e.g. "M1805"
  // Other words a candidate may type for this profession, in French or English
  // ("dev", "développeur", "programmeur", "codeur"…).
  std::vector<std::string_view> synonyms;
};

class Taxonomy {
 public:
  Taxonomy(std::vector<Family> families, std::vector<Profession> professions);

  std::span<const Family> families() const { return families_; }
  std::span<const Profession> professions() const { return professions_; }

  // nullptr when the id is unknown.
  const Family* FindFamily(std::string_view id) const;
  const Profession* FindProfession(std::string_view id) const;

  // The professions of family `family_id`, in catalogue order.
  std::vector<const Profession*> ProfessionsOf(std::string_view family_id) const;

 private:
  std::vector<Family> families_;
  std::vector<Profession> professions_;
  // Ids to positions: pages and the API look names up for every result and facet value.
  std::unordered_map<std::string_view, size_t> family_index_, profession_index_;
};

// The GEN taxonomy (defined in taxonomy_data.cc).
const Taxonomy& GenTaxonomy();

}  // namespace tremplin::core
