// Splits a migration script into statements, because a driver runs one statement at a time.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tremplin::store {

// The statements of `script`, each without its final ';' and surrounding blanks, empty ones
// dropped. A ';' ends a statement except inside '…' strings, "…" identifiers, -- and /* */
// comments, and PostgreSQL $tag$…$tag$ bodies. Comments are kept inside statements (both
// backends accept them). Not understood: SQLite trigger bodies (BEGIN … END): migrations
// avoid triggers on SQLite.
std::vector<std::string> SplitSqlScript(std::string_view script);

}  // namespace tremplin::store
