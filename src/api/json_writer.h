// Writing JSON straight into a string, without building a document first: the API's answers
// are written once and sent, so a tree of values would only cost allocations.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tremplin::api {

// Usage: JsonWriter w; w.BeginObject(); w.Key("total"); w.Int(3); w.EndObject(); w.str().
// Commas are placed automatically; the caller keeps objects and arrays balanced.
class JsonWriter {
 public:
  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  // `key` is one of our field names: plain ASCII, written as it is (no escaping needed).
  void Key(std::string_view key);

  void String(std::string_view value);  // escaped; the text must be valid UTF-8
  void Int(int64_t value);
  // Shortest form that reads back the same double, rounded to `decimals` first.
  void Double(double value, int decimals = 6);
  void Bool(bool value);
  void Null();

  // Key and value in one call, and null when the optional is empty.
  void Field(std::string_view key, std::string_view value) { Key(key); String(value); }
  void Field(std::string_view key, const char* value) { Key(key); String(value); }
  void Field(std::string_view key, const std::string& value) { Key(key); String(value); }
  void Field(std::string_view key, int64_t value) { Key(key); Int(value); }
  void Field(std::string_view key, int value) { Key(key); Int(value); }
  void Field(std::string_view key, bool value) { Key(key); Bool(value); }
  void NullableField(std::string_view key, std::string_view value) {
    Key(key);
    if (value.empty()) Null();
    else String(value);
  }

  const std::string& str() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  // A comma before every element but the first of its container (none right after a key).
  void Separate();
  void Quoted(std::string_view text);

  static constexpr int kMaxDepth = 32;
  std::string out_;
  // Per open container (the outermost level is 0): no element written in it yet.
  bool first_[kMaxDepth + 1] = {true};
  int depth_ = 0;
  bool after_key_ = false;
};

}  // namespace tremplin::api
