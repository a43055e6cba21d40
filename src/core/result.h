// Result<T>: the value of an operation that can fail in an expected way (bad input, not found,
// forbidden, conflict). The error carries a stable id that the message catalogue turns into a
// sentence a person can act on, in French or English, and an English detail for logs.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace tremplin::core {

enum class ErrorCode {
  kInvalidArgument,  // 400: the request itself is wrong
  kNotFound,         // 404
  kUnauthorized,     // 401: no valid credentials
  kForbidden,        // 403
  kConflict,         // 409
  kTooLarge,         // 413
  kTooManyRequests,  // 429: slow down (throttling)
  kUnavailable,      // 503: a dependency is down; retrying may help
  kInternal,         // 500: a bug; never the user's fault
};

// The HTTP status that conveys `code`.
int HttpStatus(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  // Stable identifier, also the message catalogue key below "error." (e.g. "place_not_found").
  std::string id;
  // Values for the {placeholders} of the catalogue message, e.g. {"query", "Lile"}.
  std::vector<std::pair<std::string, std::string>> args;
  // Which input was wrong (a query parameter or form field name), if any.
  std::string field;

  Error& With(std::string name, std::string value) {
    args.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  const std::string* Arg(std::string_view name) const {
    for (const auto& [k, v] : args)
      if (k == name) return &v;
    return nullptr;
  }
};

// "place_not_found (query=Lile)": an error as written in English logs.
std::string ToLogString(const Error& error);

inline Error MakeError(ErrorCode code, std::string id, std::string field = {}) {
  return Error{code, std::move(id), {}, std::move(field)};
}

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}
  Result(Error error) : data_(std::move(error)) {}

  bool ok() const { return data_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(data_); }
  const T& value() const& { assert(ok()); return std::get<0>(data_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(data_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { assert(!ok()); return std::get<1>(data_); }

 private:
  std::variant<T, Error> data_;
};

// For operations that return nothing but can fail.
struct Ok {};
using Status = Result<Ok>;

}  // namespace tremplin::core
