// The state of a results page as URL parameters — search, filters, sort, page — in a fixed
// order, and the links that change one thing (remove a filter, go to page 3, sort by date).
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "core/messages.h"
#include "search/search_params.h"
#include "site/urls.h"

namespace tremplin::site {

// True for the parameters that filter results (family, profession, mode, region, department,
// level, max_months, starts_after).
bool IsFilterParameter(std::string_view name);

// "30" for 30.0, "12.5" for 12.5: numbers as they appear in URLs.
std::string FormatNumber(double value);

class SearchState {
 public:
  // The canonical parameters of a valid search (defaults left out).
  explicit SearchState(const search::SearchParams& params);

  const Parameters& params() const { return params_; }

  // Copies that change one thing; all go back to page 1 except Page().
  SearchState Without(std::initializer_list<std::string_view> names) const;
  SearchState WithoutFilters() const;
  SearchState WithoutValue(std::string_view name, std::string_view value) const;
  SearchState With(std::string name, std::string value) const;
  SearchState Page(int page) const;

  // "/formations?…" (with lang=en in English), followed by `fragment` ("#resultats").
  std::string Url(core::Lang lang, std::string_view fragment = "") const;

 private:
  SearchState() = default;
  void Add(std::string name, std::string value);

  Parameters params_;
};

}  // namespace tremplin::site
