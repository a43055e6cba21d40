// The PostgreSQL 15 peer: a throwaway cluster started in a temporary folder, one row per
// document with a weighted French tsvector (unaccent + Snowball, GIN index), the point as an
// earthdistance cube (GiST index) and btree/GIN indexes on the filters; every search is
// answered by prepared SQL statements over a Unix socket.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "peers/peer_engine.h"

struct pg_conn;

namespace tremplin::bench {

class PostgresPeer final : public PeerEngine {
 public:
  PostgresPeer() = default;
  // Closes the connection, stops the cluster and deletes its folder.
  ~PostgresPeer() override;
  PostgresPeer(const PostgresPeer&) = delete;
  PostgresPeer& operator=(const PostgresPeer&) = delete;

  std::string Name() const override { return "postgresql"; }

  // Starts a cluster: initdb into a new temporary folder, pg_ctl start on a free loopback port
  // with its Unix socket in that folder. As root (which initdb refuses), the server runs as the
  // "postgres" account the Debian packages create, else as "nobody". The server binaries are
  // looked for in $TREMPLIN_PG_BINDIR, then /usr/lib/postgresql/<version>/bin (newest first).
  // Then creates the extensions (unaccent, cube, earthdistance), the tables, loads them with
  // COPY, builds the indexes and runs ANALYZE. Fails with kUnavailable when PostgreSQL is not
  // installed or the cluster cannot start (the reason and the server log's end in "reason"),
  // kInternal on an SQL error.
  core::Status Load(const std::vector<search::Document>& documents,
                    const core::Geography& geography) override;
  // Throws std::runtime_error on an SQL error (a bug of this peer, never the query's fault).
  PeerResult Search(const search::SearchQuery& query) override;

  // Wall time of the last successful Load, in seconds: cluster start, then the data.
  double start_seconds() const { return start_seconds_; }
  double load_seconds() const { return load_seconds_; }

 private:
  core::Status StartCluster();
  void StopCluster();
  // Runs `sql` (one or more statements without parameters); throws on an error.
  void Execute(const std::string& sql);
  // Runs the COPY … FROM STDIN `statement`, `write_rows(i, out)` appending the rows of item i
  // (0 ≤ i < count) in COPY text format to `out`; throws on an error.
  void Copy(const char* statement, size_t count,
            const std::function<void(size_t, std::string&)>& write_rows);
  // Runs the statement `sql`, prepared on first use, with `params` (text form); returns the
  // rows, each as its columns' text (NULL as an empty string). Throws on an error.
  std::vector<std::vector<std::string>> Query(const std::string& sql,
                                              const std::vector<std::string>& params);

  std::filesystem::path folder_;  // the cluster's temporary folder, empty when none
  std::filesystem::path bin_;     // folder of initdb, pg_ctl
  int port_ = 0;
  pg_conn* connection_ = nullptr;
  std::unordered_map<std::string, std::string> statements_;  // SQL → prepared statement name
  double start_seconds_ = 0;
  double load_seconds_ = 0;
};

}  // namespace tremplin::bench
