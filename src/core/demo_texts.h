// French text material for the demo catalogue (core/demo_catalogue.h): fragments of fictional
// organisation names, course titles, certifications, skills, programmes and the Qualiopi
// indicator 1 texts, which the generator combines so that no two courses read alike.
#pragma once

#include <string_view>
#include <vector>

namespace tremplin::core {

// A certification a demo course can prepare. The titles read like real professional titles,
// but the codes are fictional: RNCP numbers from 90000 up are not allocated (the register is
// around 40000), so no demo course points to a real record.
struct DemoCertification {
  std::string_view key;  // referenced by DemoProfessionTexts::certification_keys
  std::string_view title;
  int level = 0;  // European level, 3..7
  std::string_view rncp_code;
};

struct DemoFamilyTexts {
  std::string_view family_id;            // core/taxonomy.h
  int weight = 0;                        // share of demo courses, in percent
  std::string_view trades;               // "métiers du développement" (after "les", "aux", "des")
  std::string_view short_name;           // "développement web" (after "Prépa")
  std::vector<std::string_view> skills;  // infinitive phrases, lower case, no final stop
  std::vector<std::string_view> modules;  // programme modules
};

struct DemoProfessionTexts {
  std::string_view profession_id;  // core/taxonomy.h
  int weight = 1;                  // how common courses for it are within its family
  std::vector<std::string_view> certification_keys;
  std::vector<std::string_view> titles;  // course titles other than the certification titles
  std::vector<std::string_view> skills;  // like DemoFamilyTexts::skills, specific to the job
};

// An organisation's legal form with the participle agreeing with it.
struct DemoOrganisationKind {
  std::string_view kind;       // "une association"
  std::string_view installed;  // "installée"
};

// All the fragments. Templates use {placeholders} filled by the generator: {job}, {skill1},
// {skill2}, {skill3}, {of_job} ("de développeur…", "d’intégrateur…"), {duration}, {level},
// {cert}, {trades}, {short}, {at_city} ("à Lille", "au Havre"), {public} ("A, B et C"),
// {public_aux} ("aux A et aux B"), {days}, {min_weeks}, {max_weeks}, {name}, {kind}, {installed},
// {year}, {count}.
struct DemoTexts {
  std::vector<DemoCertification> certifications;
  std::vector<DemoFamilyTexts> families;
  std::vector<DemoProfessionTexts> professions;

  // Organisation names: "{structure} {invented}", "{collective_head} {plural} {adjective}",
  // "{pair_head} {pair_word} & {pair_word}", "{plural_head} {place}".
  std::vector<std::string_view> name_structures;
  std::vector<std::string_view> invented_words;
  std::vector<std::string_view> collective_heads;
  std::vector<std::string_view> nature_plurals;
  std::vector<std::string_view> plural_adjectives;  // same form in masculine and feminine
  std::vector<std::string_view> pair_heads;
  std::vector<std::string_view> pair_words;
  std::vector<std::string_view> plural_heads;
  std::vector<std::string_view> places;
  std::vector<DemoOrganisationKind> organisation_kinds;
  std::vector<std::string_view>
      organisation_openings;  // {name} {kind} {installed} {at_city} {year}
  std::vector<std::string_view> organisation_missions;  // {trades}
  std::vector<std::string_view> organisation_closings;  // {count}
  std::vector<std::string_view> streets;                // "rue des Tilleuls"
  std::vector<std::string_view> premises;               // "Bâtiment B", for session addresses

  // Course titles.
  std::vector<std::string_view> noncertifying_titles;  // {trades} {short}
  std::vector<std::string_view> title_suffixes;        // " — parcours intensif"
  std::vector<std::string_view> women_suffixes;
  std::vector<std::string_view> inclusion_suffixes;
  std::vector<std::string_view> youth_suffixes;
  std::vector<std::string_view> alternance_suffixes;

  // Course texts.
  std::vector<std::string_view>
      certifying_summaries;  // {duration} {job} {skill1..3} {level} {cert}
  std::vector<std::string_view> noncertifying_summaries;  // {duration} {trades} {skill1}
  std::vector<std::string_view> summary_endings;          // {at_city} {public_aux}; may be empty
  std::vector<std::string_view> objective_headers;
  std::vector<std::string_view> noncertifying_objectives;
  std::vector<std::string_view> opening_modules;
  std::vector<std::string_view> closing_modules;
  std::vector<std::string_view> alternance_rhythms;
  std::vector<std::string_view> prerequisites_by_level[8];  // index: level (0 = not certifying)
  std::vector<std::string_view> prerequisites_selection;
  // Plural noun phrases read after "aux"; the first four, in this order: job-seekers, young
  // people without qualification, women in reconversion, residents of priority districts.
  std::vector<std::string_view> target_publics;
  std::vector<std::string_view> target_openings;  // {public} or {public_aux}
  std::vector<std::string_view> access_steps;
  std::vector<std::string_view> access_funding_free;
  std::vector<std::string_view> access_funding_alternance;
  std::vector<std::string_view> teaching_methods;
  std::vector<std::string_view> teaching_methods_distance;
  std::vector<std::string_view> assessment_certifying;
  std::vector<std::string_view> assessment_noncertifying;
  std::vector<std::string_view> accessibility_premises;
  std::vector<std::string_view> accessibility_distance;
  std::vector<std::string_view> accessibility_support;
};

// The French material, built once.
const DemoTexts& FrenchDemoTexts();

}  // namespace tremplin::core
