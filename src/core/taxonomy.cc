#include "core/taxonomy.h"

namespace tremplin::core {

Taxonomy::Taxonomy(std::vector<Family> families, std::vector<Profession> professions)
    : families_(std::move(families)), professions_(std::move(professions)) {
  for (size_t i = 0; i < families_.size(); ++i) family_index_.emplace(families_[i].id, i);
  for (size_t i = 0; i < professions_.size(); ++i) profession_index_.emplace(professions_[i].id, i);
}

const Family* Taxonomy::FindFamily(std::string_view id) const {
  auto it = family_index_.find(id);
  return it == family_index_.end() ? nullptr : &families_[it->second];
}

const Profession* Taxonomy::FindProfession(std::string_view id) const {
  auto it = profession_index_.find(id);
  return it == profession_index_.end() ? nullptr : &professions_[it->second];
}

std::vector<const Profession*> Taxonomy::ProfessionsOf(std::string_view family_id) const {
  std::vector<const Profession*> out;
  for (const Profession& p : professions_)
    if (p.family_id == family_id) out.push_back(&p);
  return out;
}

}  // namespace tremplin::core
