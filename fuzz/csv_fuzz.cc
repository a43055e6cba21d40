// The CSV reader behind the importers (communes-coords.csv and the files an operator gives):
// arbitrary bytes through ParseCsv, and what it reads written back with AppendCsvField must read
// the same. The first byte chooses the delimiter and whether records must have the same number
// of fields; the rest is the file.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.h"
#include "io/csv_reader.h"

using namespace tremplin;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static constexpr char kDelimiters[] = {',', ';', '\t', '|'};
  io::CsvOptions options;
  options.delimiter = kDelimiters[data[0] % 4];
  options.same_field_count = (data[0] & 4) != 0;
  core::Result<std::vector<io::CsvRecord>> records =
      io::ParseCsv(fuzz::AsText(data + 1, size - 1), options);
  if (!records.ok()) return 0;

  std::string written;
  for (const io::CsvRecord& record : *records) {
    for (size_t i = 0; i < record.fields.size(); ++i) {
      if (i > 0) written += options.delimiter;
      io::AppendCsvField(&written, record.fields[i], options.delimiter);
    }
    written += '\n';
  }
  core::Result<std::vector<io::CsvRecord>> again = io::ParseCsv(written, options);
  if (!again.ok() || again->size() != records->size()) __builtin_trap();
  for (size_t i = 0; i < again->size(); ++i) {
    if ((*again)[i].fields != (*records)[i].fields) __builtin_trap();
  }
  return 0;
}
