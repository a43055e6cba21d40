#include "core/result.h"

namespace tremplin::core {

int HttpStatus(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kUnauthorized: return 401;
    case ErrorCode::kForbidden: return 403;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kTooLarge: return 413;
    case ErrorCode::kTooManyRequests: return 429;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

std::string ToLogString(const Error& error) {
  std::string out = error.id;
  if (!error.field.empty()) out += " [" + error.field + "]";
  if (!error.args.empty()) {
    out += " (";
    for (size_t i = 0; i < error.args.size(); ++i) {
      std::string_view value = error.args[i].second;
      while (!value.empty() && (value.back() == '\n' || value.back() == '\r' || value.back() == ' '))
        value.remove_suffix(1);
      out += (i ? ", " : "") + error.args[i].first + "=" + std::string(value);
    }
    out += ")";
  }
  // One log line per event: line breaks (a database server's multi-line messages) become " | ".
  std::string line;
  bool broken = false;
  for (char c : out) {
    if (c == '\n' || c == '\r') {
      broken = true;
      continue;
    }
    if (broken) {
      while (line.ends_with(' ')) line.pop_back();
      line += " | ";
      broken = false;
    }
    line += c;
  }
  return line;
}

}  // namespace tremplin::core
