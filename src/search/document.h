// What the search engine indexes: a course at one place (an LHEO "action", with the sessions
// given there), or a remote course once. A course given in three towns is three documents.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/course.h"
#include "core/date.h"
#include "core/geo_point.h"

namespace tremplin::search {

using DocId = uint32_t;

struct Document {
  int64_t course_id = 0;
  std::string commune_code;  // empty when remote
  std::string department_code;
  std::string region_code;
  std::optional<core::GeoPoint> point;
  bool remote = false;
  core::DeliveryMode mode = core::DeliveryMode::kOnSite;
  std::string family_id;
  std::vector<std::string> profession_ids;
  int duration_weeks = 0;
  int certification_level = 0;
  std::vector<core::Date> session_starts;  // sorted ascending

  // Searchable text, by field (weights in text_index.h).
  std::string title;
  std::string professions;  // profession and family names with their synonyms
  std::string organisation;
  std::string body;         // summary, objectives, content, certification title

  // The first session start on or after `date`, if any.
  std::optional<core::Date> NextStart(core::Date date) const;
};

}  // namespace tremplin::search
