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
    for (size_t i = 0; i < error.args.size(); ++i)
      out += (i ? ", " : "") + error.args[i].first + "=" + error.args[i].second;
    out += ")";
  }
  return out;
}

}  // namespace tremplin::core
