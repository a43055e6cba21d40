// Turns what the database driver throws into a core::Error with a stable id, so that no
// exception leaves the store.
#pragma once

#include <exception>

#include "core/result.h"

namespace tremplin::store {

// The error for an exception thrown while talking to the database:
//  - a UNIQUE or PRIMARY KEY violation: kConflict "conflict_duplicate_siret" (field "siret"),
//    "conflict_duplicate_profession" (field "profession_ids") or "conflict_duplicate_id";
//  - a FOREIGN KEY violation: kConflict "conflict_unknown_reference";
//  - a CHECK or NOT NULL violation: kConflict "conflict_constraint_violated";
//  - another writer holding the lock past busy_timeout: kUnavailable "database_busy";
//  - anything else: kInternal "database_error".
// The driver's English message is kept in the "detail" arg, for logs.
core::Error DatabaseError(const std::exception& e);

}  // namespace tremplin::store
