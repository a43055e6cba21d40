// The demo catalogue behind `tremplin seed --demo`: fictional organisations, labelled courses and
// their sessions spread over real communes, shaped like the GEN network. Deterministic: the same
// options and inputs always give the same catalogue (dates derive from options.today).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/course.h"
#include "core/date.h"
#include "core/geography.h"
#include "core/organisation.h"
#include "core/taxonomy.h"

namespace tremplin::core {

struct DemoOptions {
  uint64_t seed = 2026;
  int organisations = 150;  // at most 99,999
  int courses = 500;        // each organisation gets one before any gets a second
  int sessions = 1000;      // target; the result lands close to it
  int communes = 250;       // size of the pool of communes where organisations and sessions are
  Date today;               // "now" for label dates, session dates and recruitment states
};

// Options for a catalogue of about `sessions` sessions shaped like a national training offer
// (the benchmark corpus of `tremplin bench generate`): sessions / 2 courses, sessions / 7
// organisations (at least 1, at most 99,999), and a pool of 250 + sessions / 20 communes (all
// usable communes from about 700,000 sessions on).
DemoOptions ScaledDemoOptions(int sessions, uint64_t seed, Date today);

struct DemoCatalogue {
  std::vector<Organisation> organisations;  // ids 1..n
  std::vector<Course> courses;              // ids 1..n, with their sessions (ids 1..n overall)
  std::vector<std::string> communes;        // INSEE codes of the commune pool, sorted
};

// Generates the demo catalogue.
//
// Organisations have invented names (no real brand, school or public body), is_demo = true, a
// SIRET whose SIREN starts with "000" (INSEE allocates none there) with valid Luhn keys,
// web sites and e-mails under the reserved domain example.org (RFC 2606) and phone numbers in
// 01 99 00 xx xx, a range the French numbering plan keeps for fiction.
//
// The commune pool takes actual communes with a point (no municipal arrondissement), weighted by
// population, always including the two most populous communes of every region of `geography`
// (overseas ones too); each region's largest commune hosts an organisation with sessions there.
// Courses follow the taxonomy families with GEN-like shares, have 1-3 professions of their family,
// last 3 to 156 weeks (about 7 months on average), and are ~50 % on-site, ~47 % blended, ~3 %
// remote. Sessions start within the 12 months after options.today; remote ones have no place.
// Fewer communes than asked are used when `geography` has fewer; the catalogue is empty when it has
// no usable commune or the taxonomy no profession. When a region has more than 300 communes in the
// pool (a national catalogue), a course's other places are within 50 km of its organisation.
// Organisation names add their commune once the name fragments run out.
//
// Time and memory grow in proportion to the catalogue: about 20 s and 2 GB for 1,000,000
// sessions on one core.
DemoCatalogue GenerateDemoCatalogue(const DemoOptions& options, const Taxonomy& taxonomy,
                                    const Geography& geography);

}  // namespace tremplin::core
