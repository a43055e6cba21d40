// The importers of French geography (io/geography_files, io/commune_coordinates): the package
// files regions.json, departements.json, communes.json, codes-postaux.json, epci.json and a
// communes-coords.csv, read from disk as `tremplin geo` and the server do. The first byte
// chooses the reader; the rest is the file's content.
#include <unistd.h>

#include <boost/json/value.hpp>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "fuzz_support.h"
#include "io/commune_coordinates.h"
#include "io/geography_files.h"

using namespace tremplin;

namespace {

struct ScratchFile {
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("tremplin-fuzz-geography-" + std::to_string(getpid()));
  ~ScratchFile() {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const ScratchFile file;
  {
    std::ofstream out(file.path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data + 1), static_cast<std::streamsize>(size - 1));
  }
  switch (data[0] % 6) {
    case 0: io::ReadRegions(file.path); break;
    case 1: io::ReadDepartments(file.path); break;
    case 2: io::ReadCogCommunes(file.path); break;
    case 3: io::ReadPostcodes(file.path); break;
    case 4: io::ReadEpciMembership(file.path); break;
    default: {
      core::Result<std::vector<io::CommuneCoordinateRow>> rows = io::ReadCommuneCoordinates(file.path);
      if (rows.ok()) io::FormatCommuneCoordinates(*rows);
      break;
    }
  }
  return 0;
}
