// SearchTest: a ServerTest with helpers for GET /api/v1/courses (one page, or every page).
#pragma once

#include <boost/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "test_server.h"

namespace tremplin::integration {

// The commune code (INSEE) of Lille, the place of the acceptance searches.
inline constexpr std::string_view kLille = "59350";
// "développeur" as a browser sends it.
inline constexpr std::string_view kDeveloppeurEncoded = "d%C3%A9veloppeur";

class SearchTest : public ServerTest {
 protected:
  // GET /api/v1/courses?`query` (already encoded), expecting 200.
  boost::json::value Search(std::string_view query);

  // Every result of the search, walking its pages with per_page=100 (`query` must not set
  // page or per_page). Checks that every page reports the same total and that there are as
  // many results as that total; sets *total (when given) to it.
  std::vector<boost::json::value> AllResults(std::string_view query, int* total = nullptr);
};

// The suites of search tests, shared by the files that test the API and the results page.
class SearchApi : public SearchTest {};
class SearchPage : public SearchTest {};

// What identifies a result: its course and its place ("1234@59350", or "1234@remote").
std::string ResultKey(const boost::json::value& result);
// The result's commune code, or "" for a remote one.
std::string ResultCommune(const boost::json::value& result);

}  // namespace tremplin::integration
