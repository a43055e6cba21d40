// `tremplin serve`: loads the reference data and the catalogue, then answers HTTP until
// SIGINT or SIGTERM.
#pragma once

#include "app/config.h"

namespace tremplin::app {

// Returns the process exit code (0 after a clean stop).
int Serve(const Config& config);

}  // namespace tremplin::app
