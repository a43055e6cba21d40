// The sphinxsearch peer: the documents written as an xmlpipe2 source, indexed by `indexer`
// (libstemmer French stemming, keyword dictionary for prefixes) and served by a `searchd` of
// our own on a free loopback port; every search is a batch of SphinxQL statements (GEODIST for
// the radius and the distance, JSON for the next session, FACET and GROUP BY for the facets)
// sent over the MySQL protocol, of which this peer speaks the small part it needs.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "peers/peer_engine.h"

namespace tremplin::bench {

class SphinxPeer final : public PeerEngine {
 public:
  SphinxPeer();
  ~SphinxPeer() override;  // stops searchd and deletes its folder
  SphinxPeer(const SphinxPeer&) = delete;
  SphinxPeer& operator=(const SphinxPeer&) = delete;

  std::string Name() const override { return "sphinxsearch"; }
  // Writes the source and the configuration in a temporary folder, runs `indexer`, starts
  // `searchd` and connects to it. Fails with kUnavailable (id "peer_unavailable", arg
  // "reason") when `indexer` or `searchd` is not installed, kInternal ("peer_load_failed")
  // when either fails (the reason quotes its log).
  core::Status Load(const std::vector<search::Document>& documents,
                    const core::Geography& geography) override;
  // Throws std::runtime_error when searchd answers with an error or the connection fails
  // twice in a row (a bug of this peer or a dead server, never the query's fault).
  PeerResult Search(const search::SearchQuery& query) override;

  // Wall time of the last successful Load, in seconds, and of its `indexer` run.
  double load_seconds() const { return load_seconds_; }
  double indexer_seconds() const { return indexer_seconds_; }

  struct State;  // the connection and the vocabularies of the attribute values

 private:
  void StopServer();

  std::filesystem::path folder_;
  pid_t searchd_ = -1;
  std::unique_ptr<State> state_;
  double load_seconds_ = 0;
  double indexer_seconds_ = 0;
};

}  // namespace tremplin::bench
