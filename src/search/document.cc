#include "search/document.h"

#include <algorithm>

namespace tremplin::search {

std::optional<core::Date> Document::NextStart(core::Date date) const {
  auto it = std::lower_bound(session_starts.begin(), session_starts.end(), date);
  if (it == session_starts.end()) return std::nullopt;
  return *it;
}

}  // namespace tremplin::search
