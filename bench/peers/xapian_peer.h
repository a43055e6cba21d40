// The Xapian peer: a Glass database in a temporary folder, one Xapian document per search
// document (French stemming, field weights as within-document frequency boosts, no positions
// since no query needs them, boolean terms for the filters, values for the point, dates and
// facets); searches run through Enquire with a radius posting source, sort keys and a facet
// match spy that sees every match.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "peers/peer_engine.h"

namespace tremplin::bench {

class XapianPeer final : public PeerEngine {
 public:
  XapianPeer();
  ~XapianPeer() override;  // deletes the database folder
  XapianPeer(const XapianPeer&) = delete;
  XapianPeer& operator=(const XapianPeer&) = delete;

  std::string Name() const override { return "xapian"; }
  // Indexes `documents` into a new database and opens it for reading. Fails with kInternal
  // (id "peer_load_failed", arg "reason") when Xapian reports an error.
  core::Status Load(const std::vector<search::Document>& documents,
                    const core::Geography& geography) override;
  // Throws Xapian::Error on a database error (never the query's fault). Load must have
  // succeeded.
  PeerResult Search(const search::SearchQuery& query) override;

  // Wall time of the last successful Load, in seconds.
  double load_seconds() const { return load_seconds_; }

  struct State;  // the database and the vocabularies of the facet values

 private:
  std::filesystem::path folder_;
  std::unique_ptr<State> state_;
  double load_seconds_ = 0;
};

}  // namespace tremplin::bench
