#include "io/csv_reader.h"

#include "text/utf8.h"

namespace tremplin::io {
namespace {

core::Error Malformed(int line, std::string reason) {
  core::Error error = core::MakeError(core::ErrorCode::kInvalidArgument, "csv_malformed");
  error.With("line", std::to_string(line)).With("reason", std::move(reason));
  return error;
}

// The 1-based line of byte `offset`, for reporting invalid UTF-8.
int LineAt(std::string_view text, size_t offset) {
  int line = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i)
    if (text[i] == '\n') ++line;
  return line;
}

}  // namespace

core::Result<std::vector<CsvRecord>> ParseCsv(std::string_view text, const CsvOptions& options) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (!text::IsValidUtf8(text)) {
    // Find the first bad line by checking line by line; cheap, and only on failure.
    size_t start = 0;
    while (start < text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      if (!text::IsValidUtf8(text.substr(start, end - start)))
        return Malformed(LineAt(text, start), "invalid UTF-8");
      start = end + 1;
    }
    return Malformed(LineAt(text, text.size()), "invalid UTF-8");
  }

  const char delim = options.delimiter;
  std::vector<CsvRecord> records;
  CsvRecord record;
  std::string field;
  int line = 1;
  size_t i = 0, n = text.size();
  bool at_record_start = true;

  auto end_record = [&]() -> core::Status {
    record.fields.push_back(std::move(field));
    field.clear();
    if (options.same_field_count && !records.empty() &&
        record.fields.size() != records.front().fields.size()) {
      return Malformed(record.line, "expected " + std::to_string(records.front().fields.size()) +
                                        " fields, found " + std::to_string(record.fields.size()));
    }
    records.push_back(std::move(record));
    record = CsvRecord{};
    at_record_start = true;
    return core::Ok{};
  };

  while (i < n) {
    if (at_record_start) {
      record.line = line;
      at_record_start = false;
    }
    // One field starts at text[i].
    if (text[i] == '"') {
      int opened_on = line;
      ++i;
      for (;;) {
        if (i >= n) return Malformed(opened_on, "quoted field is not closed");
        char c = text[i];
        if (c == '"') {
          if (i + 1 < n && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        if (c == '\n') ++line;
        field += c;
        ++i;
      }
      if (i < n && text[i] != delim && text[i] != '\n' && text[i] != '\r')
        return Malformed(line, "unexpected character after a closing quote");
    } else {
      size_t start = i;
      while (i < n && text[i] != delim && text[i] != '\n' && text[i] != '\r') {
        if (text[i] == '"') return Malformed(line, "quote inside an unquoted field");
        ++i;
      }
      field.assign(text.substr(start, i - start));
    }
    // Now at a delimiter, a line end or the end of the text.
    if (i >= n) break;
    if (text[i] == delim) {
      record.fields.push_back(std::move(field));
      field.clear();
      ++i;
      if (i >= n) break;  // "a,b," ends with an empty field
      continue;
    }
    if (text[i] == '\r') {
      if (i + 1 >= n || text[i + 1] != '\n')
        return Malformed(line, "carriage return not followed by a line feed");
      ++i;
    }
    ++i;  // the line feed
    if (auto st = end_record(); !st.ok()) return st.error();
    ++line;
  }
  if (!at_record_start) {
    if (auto st = end_record(); !st.ok()) return st.error();
  }
  return records;
}

void AppendCsvField(std::string* out, std::string_view field, char delimiter) {
  // A field starting with U+FEFF would read as the byte-order mark when it starts the text.
  bool quote = field.find_first_of(std::string{delimiter, '"', '\r', '\n'}) != field.npos ||
               field.starts_with("\xEF\xBB\xBF");
  if (!quote) {
    out->append(field);
    return;
  }
  out->push_back('"');
  for (char c : field) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

}  // namespace tremplin::io
