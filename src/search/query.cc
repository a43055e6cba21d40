#include "search/query.h"

namespace tremplin::search {

std::string_view ToString(SortOrder sort) {
  switch (sort) {
    case SortOrder::kRelevance: return "relevance";
    case SortOrder::kDistance: return "distance";
    case SortOrder::kStart: return "start";
  }
  return "relevance";
}

std::optional<SortOrder> ParseSortOrder(std::string_view text) {
  for (SortOrder s : {SortOrder::kRelevance, SortOrder::kDistance, SortOrder::kStart})
    if (ToString(s) == text) return s;
  return std::nullopt;
}

}  // namespace tremplin::search
