// `tremplin bench generate`: fills an empty database with the national-scale benchmark corpus
// and writes the benchmark's query set, so that a server can be measured on the same data.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "app/config.h"
#include "core/date.h"

namespace tremplin::app {

struct BenchGenerateOptions {
  int sessions = 100'000;
  uint64_t seed = 2026;
  core::Date today = core::Date::Today();  // the corpus and the query set depend on it
  std::string queries_file;  // when not empty: the query set, one "kind<TAB>query string" a line
  size_t query_count = 1000;
};

// Generates core::ScaledDemoOptions(sessions, seed, today) over the reference geography, stores
// it (the database must hold no course) and, when asked, writes MakeBenchQueries(seed, today,
// query_count, …) over the communes that have sessions. The same options give the same
// database and the same file. Returns the process exit code.
int BenchGenerate(const Config& config, const BenchGenerateOptions& options);

}  // namespace tremplin::app
