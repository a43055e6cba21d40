// The peer engines the search benchmark compares Tremplin with.
#pragma once

#include <memory>
#include <vector>

#include "peers/peer_engine.h"

namespace tremplin::bench {

std::unique_ptr<PeerEngine> MakeSqliteFts5Peer();  // SQLite FTS5 + R*Tree, in process
std::unique_ptr<PeerEngine> MakePostgresPeer();    // PostgreSQL 15: unaccent, french, GIN, earthdistance
std::unique_ptr<PeerEngine> MakeXapianPeer();      // Xapian 1.4, in process
std::unique_ptr<PeerEngine> MakeSphinxPeer();      // sphinxsearch 2.2 (searchd over SphinxQL)

// All of them, in the order above.
std::vector<std::unique_ptr<PeerEngine>> MakeAllPeers();

}  // namespace tremplin::bench
