#include "site/search_state.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace tremplin::site {
namespace {

constexpr std::string_view kFilterParameters[] = {
    "family", "profession", "mode", "region", "department", "level", "max_months", "starts_after"};

}  // namespace

bool IsFilterParameter(std::string_view name) {
  return std::find(std::begin(kFilterParameters), std::end(kFilterParameters), name) !=
         std::end(kFilterParameters);
}

std::string FormatNumber(double value) {
  if (value == std::floor(value)) return std::to_string(static_cast<long long>(value));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", value);
  return buf;
}

SearchState::SearchState(const search::SearchParams& p) {
  const search::SearchQuery& q = p.query;
  if (!p.text.empty()) Add("q", p.text);
  if (q.place.kind != core::PlaceKind::kFrance) Add("where", q.place.Parameter());
  if (p.explicit_radius) Add("radius_km", FormatNumber(q.radius_km));
  for (const auto& f : q.families) Add("family", f);
  for (const auto& f : q.professions) Add("profession", f);
  for (auto m : q.modes) Add("mode", std::string(core::ToString(m)));
  for (const auto& r : q.regions) Add("region", r);
  for (const auto& d : q.departments) Add("department", d);
  for (int l : q.levels) Add("level", std::to_string(l));
  if (p.max_months) Add("max_months", std::to_string(*p.max_months));
  if (q.starts_after) Add("starts_after", q.starts_after->ToIso());
  if (q.sort != search::SortOrder::kRelevance) Add("sort", std::string(search::ToString(q.sort)));
  if (q.per_page != 20) Add("per_page", std::to_string(q.per_page));
  if (q.page > 1) Add("page", std::to_string(q.page));
}

void SearchState::Add(std::string name, std::string value) {
  params_.emplace_back(std::move(name), std::move(value));
}

SearchState SearchState::Without(std::initializer_list<std::string_view> names) const {
  SearchState s = *this;
  std::erase_if(s.params_, [&](const auto& p) {
    return p.first == "page" || std::find(names.begin(), names.end(), p.first) != names.end();
  });
  return s;
}

SearchState SearchState::WithoutFilters() const {
  SearchState s = Without({});
  std::erase_if(s.params_, [](const auto& p) { return IsFilterParameter(p.first); });
  return s;
}

SearchState SearchState::WithoutValue(std::string_view name, std::string_view value) const {
  SearchState s = Without({});
  std::erase_if(s.params_, [&](const auto& p) { return p.first == name && p.second == value; });
  return s;
}

SearchState SearchState::With(std::string name, std::string value) const {
  SearchState s = Without({name});
  s.Add(std::move(name), std::move(value));
  return s;
}

SearchState SearchState::Page(int page) const {
  SearchState s = Without({});
  if (page > 1) s.Add("page", std::to_string(page));
  return s;
}

std::string SearchState::Url(core::Lang lang, std::string_view fragment) const {
  return WithQuery("/formations", params_, lang) + std::string(fragment);
}

}  // namespace tremplin::site
