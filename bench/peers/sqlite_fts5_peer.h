// The SQLite peer: an in-memory database with one row per document, FTS5 over its text fields
// (unicode61 with diacritics removed, prefix indexes, bm25 with field weights) and an R*Tree
// over its point; every search is answered by SQL statements, prepared once per shape.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "peers/peer_engine.h"
#include "peers/peer_semantics.h"

struct sqlite3;
struct sqlite3_stmt;

namespace tremplin::bench {

class SqliteFts5Peer final : public PeerEngine {
 public:
  SqliteFts5Peer() = default;
  ~SqliteFts5Peer() override;
  SqliteFts5Peer(const SqliteFts5Peer&) = delete;
  SqliteFts5Peer& operator=(const SqliteFts5Peer&) = delete;

  std::string Name() const override { return "sqlite-fts5"; }
  // Creates the tables, inserts every document in one transaction, then builds the indexes,
  // optimises the full-text index and runs ANALYZE. Fails with kUnavailable when this SQLite
  // lacks FTS5 or R*Tree, kInternal on any other SQL error.
  core::Status Load(const std::vector<search::Document>& documents,
                    const core::Geography& geography) override;
  // Throws std::runtime_error on an SQL error (a bug of this peer, never the query's fault).
  PeerResult Search(const search::SearchQuery& query) override;

  // Wall time of the last successful Load, in seconds.
  double load_seconds() const { return load_seconds_; }

  // One bound value of a statement.
  struct Value {
    enum Kind { kNull, kInt, kReal, kText } kind = kNull;
    int64_t i = 0;
    double r = 0;
    std::string s;
  };

 private:
  // The statement for `sql`, prepared on first use, with `params` bound.
  sqlite3_stmt* Prepare(const std::string& sql, const std::vector<Value>& params);
  void Execute(const std::string& sql);

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
  double load_seconds_ = 0;
};

}  // namespace tremplin::bench
