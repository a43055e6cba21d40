// `tremplin seed --demo`: fills an empty database with the generated demo network.
#pragma once

#include <cstdint>

#include "app/config.h"
#include "core/date.h"

namespace tremplin::app {

struct SeedOptions {
  uint64_t seed = 2026;
  core::Date today = core::Date::Today();
  bool if_empty = false;  // an already filled database is left as it is (exit code 0)
};

// Returns the process exit code.
int SeedDemo(const Config& config, const SeedOptions& options);

}  // namespace tremplin::app
