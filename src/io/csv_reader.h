// A strict RFC 4180 CSV reader: delimited fields, optionally in double quotes (a doubled quote
// inside stands for one, line breaks allowed), records ended by CRLF or LF. Malformed input is
// an error naming the line, never a guess. Also the writer side of one field.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace tremplin::io {

struct CsvRecord {
  std::vector<std::string> fields;
  int line = 0;  // 1-based line on which the record starts
};

struct CsvOptions {
  char delimiter = ',';
  // Every record must have as many fields as the first one (usually the header).
  bool same_field_count = true;
};

// Parses `text` whole. A UTF-8 byte-order mark at the very start is skipped, the final line
// break is optional and an empty text has no record; an empty line is a record of one empty
// field. Fails with kInvalidArgument, id "csv_malformed", args "line" (1-based) and "reason"
// (English detail) when: a quote appears inside an unquoted field, a closing quote is followed
// by something other than a delimiter or a line end, a quoted field is never closed, a carriage
// return outside quotes is not followed by a line feed, the text is not valid UTF-8, or (with
// `same_field_count`) a record has a different number of fields than the first one.
core::Result<std::vector<CsvRecord>> ParseCsv(std::string_view text,
                                              const CsvOptions& options = {});

// Appends `field` to `out` as RFC 4180 wants it: in double quotes, inner quotes doubled, when it
// holds the delimiter, a quote, a carriage return or a line feed, or starts with U+FEFF (which
// the reader would skip as a byte-order mark at the start of the text); as is otherwise.
void AppendCsvField(std::string* out, std::string_view field, char delimiter = ',');

}  // namespace tremplin::io
