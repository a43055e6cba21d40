#include "search_test.h"

#include <cmath>

#include "test_support.h"

namespace tremplin::integration {
namespace json = boost::json;

namespace {

constexpr int kPerPage = 100;
constexpr int kMaxPages = 50;  // a runaway loop guard: the demo network has ~750 results

}  // namespace

json::value SearchTest::Search(std::string_view query) {
  return GetJson("/api/v1/courses?" + std::string(query));
}

std::vector<json::value> SearchTest::AllResults(std::string_view query, int* total) {
  std::vector<json::value> all;
  int expected = -1;
  for (int page = 1; page <= kMaxPages; ++page) {
    std::string target = std::string(query) + (query.empty() ? "" : "&") +
                         "per_page=" + std::to_string(kPerPage) + "&page=" + std::to_string(page);
    json::value body = Search(target);
    if (body.is_null()) break;
    int page_total = static_cast<int>(Number(Member(body, "total")));
    if (expected < 0) expected = page_total;
    EXPECT_EQ(page_total, expected) << "page " << page << " of " << query;
    const json::value& results = Member(body, "results");
    if (!results.is_array() || results.as_array().empty()) break;
    for (const json::value& r : results.as_array()) all.push_back(r);
    if (static_cast<int>(all.size()) >= expected) break;
  }
  EXPECT_EQ(static_cast<int>(all.size()), expected) << "results of " << query;
  if (total) *total = expected;
  return all;
}

std::string ResultCommune(const json::value& result) {
  return Text(Member(Member(result, "place"), "commune_code"));
}

std::string ResultKey(const json::value& result) {
  std::string commune = ResultCommune(result);
  return std::to_string(static_cast<long long>(Number(Member(result, "id")))) + "@" +
         (commune.empty() ? "remote" : commune);
}

}  // namespace tremplin::integration
