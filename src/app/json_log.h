// Logs as one JSON object per line ([log] format = "json"), for log collectors: time (UTC,
// ISO 8601 with milliseconds), level, logger, msg — and, for a message made by JsonFields,
// its fields at the top level (the access log's request_id, route, status…).
#pragma once

#include <set>
#include <string>
#include <utility>
#include <vector>

namespace tremplin::app {

// Makes every logger write JSON lines from now on.
void UseJsonLogs();

// A log message carrying `fields` (written as numbers when named in `numbers`), which the JSON
// format puts at the top level of its line. Only for JSON logs: text logs would show it raw.
std::string JsonFields(const std::vector<std::pair<std::string, std::string>>& fields,
                       const std::set<std::string>& numbers = {});

// `text` as a JSON string, quotes included.
std::string JsonString(std::string_view text);

}  // namespace tremplin::app
