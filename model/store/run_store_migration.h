// Upgrades of older store files in place, inside the caller's transaction.
#pragma once

#include "model/store/sqlite_db.h"

#include <string>

namespace perflab::run_store_schema {

// Version 1 kept milliseconds and percentages as REALs, keyed time first, and had no rollups. tablesSql
// creates version 2's intervals, histograms and rollups tables.
void migrateFromVersion1(SqliteDb& db, const std::string& tablesSql);
// Version 2 had no baseline mark on runs.
void migrateFromVersion2(SqliteDb& db);
// Version 3 had no generator and target figures, versions 3 and 4 no degraded answers: their rows read them
// as absent (NULL). Adds whichever of those columns a file lacks.
void addNullableColumns(SqliteDb& db);

} // namespace perflab::run_store_schema
