// Splits a migration script into statements, because a driver runs one statement at a time.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tremplin::store {

// The statements of `script`, each without its final ';' and surrounding blanks, empty ones
// dropped. A ';' ends a statement except inside '…' strings, "…" identifiers, -- and /* */
// comments, PostgreSQL $tag$…$tag$ bodies and SQLite trigger bodies (CREATE TRIGGER … BEGIN …;
// …; END). Comments are kept inside statements (both backends accept them).
std::vector<std::string> SplitSqlScript(std::string_view script);

}  // namespace tremplin::store
