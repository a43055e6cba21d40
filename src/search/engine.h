// The search engine interface. Pages and the API depend only on this; the engine behind it
// can change (the search-engine work makes it faster) without touching them.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "search/document.h"
#include "search/query.h"

namespace tremplin::search {

class SearchEngine {
 public:
  virtual ~SearchEngine() = default;

  // Answers `query` (see query.h for the semantics). Thread-safe: const and lock-free.
  virtual SearchResult Search(const SearchQuery& query) const = 0;

  virtual size_t document_count() const = 0;
};

// The production engine (indexed_engine.h) over `documents` (a document's DocId is its
// position).
std::unique_ptr<SearchEngine> MakeSearchEngine(std::vector<Document> documents);

// The straightforward reference engine (memory_engine.cc): every query scans every document.
// Slow but simple, it is what tests compare the production engine with.
std::unique_ptr<SearchEngine> MakeMemoryEngine(std::vector<Document> documents);

}  // namespace tremplin::search
