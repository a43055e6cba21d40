#include "api/json_writer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

namespace tremplin::api {

void JsonWriter::Separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_[depth_]) out_ += ',';
  first_[depth_] = false;
}

void JsonWriter::BeginObject() {
  if (out_.empty()) out_.reserve(16 * 1024);
  Separate();
  out_ += '{';
  if (depth_ < kMaxDepth) first_[++depth_] = true;
}

void JsonWriter::EndObject() {
  out_ += '}';
  if (depth_ > 0) --depth_;
}

void JsonWriter::BeginArray() {
  Separate();
  out_ += '[';
  if (depth_ < kMaxDepth) first_[++depth_] = true;
}

void JsonWriter::EndArray() {
  out_ += ']';
  if (depth_ > 0) --depth_;
}

void JsonWriter::Key(std::string_view key) {
  Separate();
  out_ += '"';
  out_ += key;
  out_ += "\":";
  after_key_ = true;
}

void JsonWriter::String(std::string_view value) {
  Separate();
  Quoted(value);
}

namespace {

// Whether any of the 8 bytes in `x` is a control character, '"' or '\\' (SWAR bit tricks:
// a byte is "zero" after xor with the one looked for).
bool NeedsEscape(uint64_t x) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
  auto has_zero = [&](uint64_t v) { return ((v - kOnes) & ~v & kHighs) != 0; };
  bool control = ((x - kOnes * 0x20) & ~x & kHighs) != 0;  // some byte < 0x20
  return control || has_zero(x ^ (kOnes * '"')) || has_zero(x ^ (kOnes * '\\'));
}

}  // namespace

void JsonWriter::Quoted(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out_ += '"';
  size_t run = 0;  // start of the current run of characters that need no escaping
  for (size_t i = 0; i < text.size(); ++i) {
    // Most text needs no escaping: skip it 8 bytes at a time.
    while (i + 8 <= text.size()) {
      uint64_t chunk;
      std::memcpy(&chunk, text.data() + i, 8);
      if (NeedsEscape(chunk)) break;
      i += 8;
    }
    if (i >= text.size()) break;
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out_.append(text.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      case '\n': out_ += "\\n"; break;
      case '\r': out_ += "\\r"; break;
      case '\t': out_ += "\\t"; break;
      default:
        out_ += "\\u00";
        out_ += kHex[c >> 4];
        out_ += kHex[c & 15];
    }
  }
  out_.append(text.data() + run, text.size() - run);
  out_ += '"';
}

void JsonWriter::Int(int64_t value) {
  Separate();
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  out_.append(buf, end);
}

void JsonWriter::Double(double value, int decimals) {
  Separate();
  if (!std::isfinite(value)) {
    out_ += "null";
    return;
  }
  static constexpr double kPowers[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
  double factor = kPowers[std::clamp(decimals, 0, 9)];
  value = std::round(value * factor) / factor;
  if (value == 0) value = 0;  // no "-0"
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  out_.append(buf, end);
}

void JsonWriter::Bool(bool value) {
  Separate();
  out_ += value ? "true" : "false";
}

void JsonWriter::Null() {
  Separate();
  out_ += "null";
}

}  // namespace tremplin::api
