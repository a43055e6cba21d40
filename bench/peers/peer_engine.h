// A search engine Tremplin is compared with, run on the same documents and the same queries,
// with the same semantics (DESIGN §6, search/query.h): text, place, radius and its widening,
// remote courses apart, filters (OR within, AND across), disjunctive facet counts, sorts, pages.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/geography.h"
#include "core/result.h"
#include "search/document.h"
#include "search/query.h"

namespace tremplin::bench {

struct PeerResult {
  int total = 0;
  int nearby_total = 0;
  int remote_total = 0;
  std::vector<search::DocId> page;  // the page asked, in the engine's order
  // facet name ("family", "mode", …, as in search::SearchResult) → value → count
  std::map<std::string, std::map<std::string, int>> facets;
  double radius_km = 0;
  bool radius_widened = false;
};

class PeerEngine {
 public:
  virtual ~PeerEngine() = default;

  // "sqlite-fts5", "postgresql", "xapian", "sphinxsearch".
  virtual std::string Name() const = 0;

  // Loads `documents` (a document's DocId is its index), starting whatever server the engine
  // needs in a temporary folder. Fails with a readable reason (kUnavailable when the engine
  // is not installed, so that the harness can skip it and say so).
  virtual core::Status Load(const std::vector<search::Document>& documents,
                            const core::Geography& geography) = 0;

  // Answers one query. Called from one thread.
  virtual PeerResult Search(const search::SearchQuery& query) = 0;
};

}  // namespace tremplin::bench
