#include "peers/peers.h"

namespace tremplin::bench {

std::vector<std::unique_ptr<PeerEngine>> MakeAllPeers() {
  std::vector<std::unique_ptr<PeerEngine>> peers;
  peers.push_back(MakeSqliteFts5Peer());
  peers.push_back(MakePostgresPeer());
  peers.push_back(MakeXapianPeer());
  peers.push_back(MakeSphinxPeer());
  return peers;
}

}  // namespace tremplin::bench
