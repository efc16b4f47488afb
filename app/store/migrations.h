// The database schema as forward-only migrations keyed by PRAGMA user_version: step N takes a
// database from version N-1 to N, in one transaction that also records the new version.
#pragma once

#include "core/result.h"
#include "store/database.h"

namespace ik {

// The schema version this program writes and understands.
inline constexpr int kSchemaVersion = 2;

// PRAGMA user_version (0 for a new, empty database).
Result<int> SchemaVersion(const Database& db);

// Applies the steps after the current version up to and including `version`. Going back is not
// possible (an error); a database newer than kSchemaVersion is refused with a message telling the
// operator to upgrade. Safe when another connection migrates at the same time.
Status MigrateTo(Database& db, int version);

} // namespace ik
