#include "core/embedded_files.h"

namespace tremplin::core {

std::optional<std::string_view> FindEmbeddedFile(std::string_view path) {
  for (const EmbeddedFile& file : EmbeddedFiles())
    if (file.path == path) return file.data;
  return std::nullopt;
}

}  // namespace tremplin::core
