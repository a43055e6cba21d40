#include "app/json_log.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <ctime>

#include "text/utf8.h"

namespace tremplin::app {
namespace {

// Marks a message made by JsonFields (a character no message of ours starts with).
constexpr char kFieldsMark = '\x1e';

class JsonFormatter : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    using namespace std::chrono;
    const auto since_epoch = msg.time.time_since_epoch();
    const std::time_t seconds = duration_cast<std::chrono::seconds>(since_epoch).count();
    const int millis = static_cast<int>(duration_cast<milliseconds>(since_epoch).count() % 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char time[40];
    std::snprintf(time, sizeof time, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                  utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, millis);
    const spdlog::string_view_t level_name = spdlog::level::to_string_view(msg.level);
    const std::string_view level(level_name.data(), level_name.size());
    const std::string_view text(msg.payload.data(), msg.payload.size());
    std::string line = "{\"time\":\"" + std::string(time) + "\",\"level\":" + JsonString(level) +
                       ",\"logger\":" + JsonString(std::string_view(msg.logger_name.data(), msg.logger_name.size()));
    if (text.size() >= 2 && text[0] == kFieldsMark && text[1] == '{') line += "," + std::string(text.substr(2));
    else line += ",\"msg\":" + JsonString(text) + "}";
    line += "\n";
    dest.append(line.data(), line.data() + line.size());
  }
  std::unique_ptr<spdlog::formatter> clone() const override { return std::make_unique<JsonFormatter>(); }
};

}  // namespace

void UseJsonLogs() { spdlog::set_formatter(std::make_unique<JsonFormatter>()); }

std::string JsonString(std::string_view text) {
  // Text that is not UTF-8 (a path someone made up) keeps JSON valid: its bytes as \u00XX.
  const bool utf8 = text::IsValidUtf8(text);
  std::string out = "\"";
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"') out += "\\\"";
    else if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (u < 0x20 || u == 0x7f || (u >= 0x80 && !utf8)) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", u);
      out += escaped;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string JsonFields(const std::vector<std::pair<std::string, std::string>>& fields,
                       const std::set<std::string>& numbers) {
  std::string out(1, kFieldsMark);
  out += "{";
  bool first = true;
  for (const auto& [key, value] : fields) {
    if (!first) out += ",";
    first = false;
    out += JsonString(key) + ":" + (numbers.contains(key) ? value : JsonString(value));
  }
  return out + "}";
}

}  // namespace tremplin::app
