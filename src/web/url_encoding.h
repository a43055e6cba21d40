// Percent-decoding of request targets and application/x-www-form-urlencoded text (query
// strings and form bodies), and the matching encoder for building links.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace tremplin::web {

using KeyValues = std::vector<std::pair<std::string, std::string>>;

// Decodes "a=1&b=x+y&b=%C3%A9&flag" into {{"a","1"},{"b","x y"},{"b","é"},{"flag",""}}, in
// order, keeping repeated keys. '+' is a space; empty pieces ("a=1&&b=2") are skipped.
// Fails with "bad_percent_encoding" (kInvalidArgument) on a '%' not followed by two hex
// digits, or on an encoded NUL. Invalid UTF-8 is passed through as bytes.
core::Result<KeyValues> DecodeUrlEncoded(std::string_view text);

// Decodes a URL path ("/a%20b" → "/a b"); '+' stays '+'. Fails with "bad_percent_encoding"
// like DecodeUrlEncoded. An encoded slash (%2F) becomes '/'.
core::Result<std::string> DecodePath(std::string_view encoded_path);

struct Target {
  std::string path;  // decoded
  KeyValues query;   // decoded, in order
};

// Splits and decodes an origin-form request target ("/path?query"). Fails with "bad_target"
// when it does not start with '/' (absolute-form, authority-form, "*") or holds a NUL, and
// with "bad_percent_encoding" as above.
core::Result<Target> ParseTarget(std::string_view target);

// Encodes a query-string key or value: unreserved characters stay, space becomes '+',
// everything else %XX. DecodeUrlEncoded(EncodeQueryComponent(s)) == s.
std::string EncodeQueryComponent(std::string_view text);

}  // namespace tremplin::web
