#include "core/taxonomy.h"

namespace tremplin::core {

Taxonomy::Taxonomy(std::vector<Family> families, std::vector<Profession> professions)
    : families_(std::move(families)), professions_(std::move(professions)) {}

const Family* Taxonomy::FindFamily(std::string_view id) const {
  for (const Family& f : families_)
    if (f.id == id) return &f;
  return nullptr;
}

const Profession* Taxonomy::FindProfession(std::string_view id) const {
  for (const Profession& p : professions_)
    if (p.id == id) return &p;
  return nullptr;
}

std::vector<const Profession*> Taxonomy::ProfessionsOf(std::string_view family_id) const {
  std::vector<const Profession*> out;
  for (const Profession& p : professions_)
    if (p.family_id == family_id) out.push_back(&p);
  return out;
}

}  // namespace tremplin::core
