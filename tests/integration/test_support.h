// Small helpers the integration tests share: reading JSON values, recomputing distances on
// their own, reading the few things a test needs from an HTML page, and today's date.
#pragma once

#include <cstdint>

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace tremplin::integration {

// A JSON number as a double, whether it was written as an integer or not. NaN otherwise.
double Number(const boost::json::value& v);
// A JSON string's text, or "" for anything else.
std::string Text(const boost::json::value& v);
// The member `key` of object `v`, or null when `v` is not an object or has no such member.
const boost::json::value& Member(const boost::json::value& v, std::string_view key);

// Great-circle distance in kilometres with the haversine formula (mean Earth radius
// 6371.0088 km), written here again so the tests do not trust the product's own.
double HaversineKm(double lat1, double lon1, double lat2, double lon2);

// Whether `text` contains `part`.
inline bool Contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// `text` as an HTML page would show it escaped (& < > " ').
std::string HtmlEscape(std::string_view text);

// The number in the results page's count heading (<h2 class="t-results-header__count">):
// "37 formations" → 37, "1 formation" → 1, "Aucune formation" → 0. Null when absent.
std::optional<int> ResultsCount(const std::string& html);

// Today's date (UTC, as the server counts it) plus `days`, written YYYY-MM-DD.
std::string IsoDateFromToday(int days);

// A blocking TCP connection to 127.0.0.1:`port` whose reads and writes give up after
// `timeout_seconds`, for tests that speak raw bytes; -1 when it cannot connect.
int ConnectLoopback(uint16_t port, int timeout_seconds = 10);

// A loopback TCP port free at the time of the call (0 if none could be found).
uint16_t FreeLoopbackPort();

}  // namespace tremplin::integration
