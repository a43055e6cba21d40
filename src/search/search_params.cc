#include "search/search_params.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "text/utf8.h"

namespace tremplin::search {
namespace {

using core::ErrorCode;
using core::MakeError;

const char* const kScalar[] = {"q",    "where", "radius_km", "max_months", "starts_after",
                               "sort", "page",  "per_page",  "explain"};
const char* const kLists[] = {"family", "profession", "mode", "region", "department", "level"};

std::optional<int> ParseInt(std::string_view s) {
  int value = 0;
  if (s.empty() || s.size() > 9) return std::nullopt;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return value;
}

std::optional<double> ParseNumber(std::string_view s) {
  double value = 0;
  if (s.empty() || s.size() > 12) return std::nullopt;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(value))
    return std::nullopt;
  return value;
}

bool IsKnown(std::string_view name, const std::vector<std::string>& extra) {
  for (const char* k : kScalar)
    if (name == k) return true;
  for (const char* k : kLists)
    if (name == k) return true;
  for (const std::string& k : extra)
    if (name == k) return true;
  return false;
}

}  // namespace

SearchParams ParseSearchParams(const Parameters& params, const core::PlaceDirectory& places,
                               const core::Taxonomy& taxonomy, core::Date today,
                               const std::vector<std::string>& extra_known) {
  SearchParams out;
  SearchQuery& q = out.query;
  q.today = today;
  auto error = [&](ErrorCode code, std::string id, const std::string& field) -> core::Error& {
    out.errors.push_back(MakeError(code, std::move(id), field));
    return out.errors.back();
  };
  std::vector<std::string> seen;
  for (const auto& [name, raw_value] : params) {
    if (!text::IsValidUtf8(name) || !text::IsValidUtf8(raw_value)) {
      error(ErrorCode::kInvalidArgument, "invalid_utf8", text::IsValidUtf8(name) ? name : "");
      continue;
    }
    if (!IsKnown(name, extra_known)) {
      out.unknown.push_back(name);
      continue;
    }
    bool scalar = std::find(std::begin(kScalar), std::end(kScalar), name) != std::end(kScalar);
    if (scalar && raw_value.empty()) continue;  // an empty field is a field not filled in
    if (scalar) {
      if (std::find(seen.begin(), seen.end(), name) != seen.end()) continue;  // first counts
      seen.push_back(name);
    }
    const std::string& value = raw_value;
    if (name == "q") {
      if (text::CharacterCount(value) > kMaxQueryCharacters) {
        error(ErrorCode::kInvalidArgument, "query_too_long", name)
            .With("max", std::to_string(kMaxQueryCharacters));
        continue;
      }
      out.text = value;
      q.text = value;
    } else if (name == "where") {
      out.where = std::string(text::TruncateCharacters(value, kMaxQueryCharacters));
      core::Result<core::Place> place = places.Parse(value);
      if (place.ok()) q.place = std::move(place).value();
      else out.errors.push_back(place.error());
    } else if (name == "radius_km") {
      if (value.empty()) continue;
      std::optional<double> r = ParseNumber(value);
      if (!r) {
        error(ErrorCode::kInvalidArgument, "radius_not_a_number", name).With("value", value);
      } else if (*r < 1 || *r > kMaxRadiusKm) {
        error(ErrorCode::kInvalidArgument, "radius_out_of_range", name)
            .With("value", value)
            .With("max", std::to_string(static_cast<int>(kMaxRadiusKm)));
      } else {
        q.radius_km = *r;
        out.explicit_radius = true;
      }
    } else if (name == "family") {
      if (value.empty()) continue;
      if (!taxonomy.FindFamily(value))
        error(ErrorCode::kInvalidArgument, "unknown_family", name).With("value", value);
      else q.families.push_back(value);
    } else if (name == "profession") {
      if (value.empty()) continue;
      if (!taxonomy.FindProfession(value))
        error(ErrorCode::kInvalidArgument, "unknown_profession", name).With("value", value);
      else q.professions.push_back(value);
    } else if (name == "mode") {
      if (value.empty()) continue;
      if (auto mode = core::ParseDeliveryMode(value)) q.modes.push_back(*mode);
      else error(ErrorCode::kInvalidArgument, "unknown_mode", name).With("value", value);
    } else if (name == "region") {
      if (value.empty()) continue;
      if (!places.geography().FindRegion(value))
        error(ErrorCode::kInvalidArgument, "unknown_region", name).With("value", value);
      else q.regions.push_back(value);
    } else if (name == "department") {
      if (value.empty()) continue;
      if (!places.geography().FindDepartment(value))
        error(ErrorCode::kInvalidArgument, "unknown_department", name).With("value", value);
      else q.departments.push_back(value);
    } else if (name == "level") {
      if (value.empty()) continue;
      std::optional<int> level = ParseInt(value);
      if (!level || *level < 0 || *level > 8 || *level == 1 || *level == 2)
        error(ErrorCode::kInvalidArgument, "unknown_level", name).With("value", value);
      else q.levels.push_back(*level);
    } else if (name == "max_months") {
      if (value.empty()) continue;
      std::optional<int> months = ParseInt(value);
      if (!months || *months < 1 || *months > kMaxMonths)
        error(ErrorCode::kInvalidArgument, "max_months_invalid", name)
            .With("value", value)
            .With("max", std::to_string(kMaxMonths));
      else {
        out.max_months = *months;
        q.max_duration_weeks = static_cast<int>(std::floor(*months * 52.0 / 12.0 + 1e-9));
      }
    } else if (name == "starts_after") {
      if (value.empty()) continue;
      if (auto date = core::Date::Parse(value)) q.starts_after = *date;
      else error(ErrorCode::kInvalidArgument, "date_invalid", name).With("value", value);
    } else if (name == "sort") {
      if (value.empty()) continue;
      if (auto sort = ParseSortOrder(value)) q.sort = *sort;
      else error(ErrorCode::kInvalidArgument, "unknown_sort", name).With("value", value);
    } else if (name == "page") {
      if (value.empty()) continue;
      std::optional<int> page = ParseInt(value);
      if (!page || *page < 1 || *page > kMaxPage)
        error(ErrorCode::kInvalidArgument, "page_invalid", name)
            .With("value", value)
            .With("max", std::to_string(kMaxPage));
      else q.page = *page;
    } else if (name == "explain") {
      if (value == "1" || value == "true") q.explain = true;
      else if (value != "0" && value != "false")
        error(ErrorCode::kInvalidArgument, "explain_invalid", name).With("value", value);
    } else if (name == "per_page") {
      if (value.empty()) continue;
      std::optional<int> per_page = ParseInt(value);
      if (!per_page || *per_page < 1 || *per_page > kMaxPerPage)
        error(ErrorCode::kInvalidArgument, "per_page_out_of_range", name)
            .With("value", value)
            .With("max", std::to_string(kMaxPerPage));
      else q.per_page = *per_page;
    }
  }
  return out;
}

}  // namespace tremplin::search
