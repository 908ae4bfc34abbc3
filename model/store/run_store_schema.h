// The run store's tables, migrations, connection settings and crash recovery.
#pragma once

#include "model/metrics/interval.h"
#include "model/store/sqlite_db.h"

#include <cstdint>
#include <string>

namespace perflab::run_store_schema {

inline constexpr std::int64_t kVersion = 5;

// WAL, synchronous=NORMAL, busy timeout, foreign keys and no automatic checkpoints (read-only: busy timeout
// and query_only). Checkpoints are the writer's checkpointer's alone (run_store_writer.cpp).
void configure(SqliteDb& db, bool writable);
// Creates the tables in a new file; refuses files of another application or a newer schema.
void migrate(SqliteDb& db);
// Read-only opens: the file must already hold this schema.
void check(SqliteDb& db);
// Runs left 'running' on this host by a process that no longer exists become 'interrupted'.
void markInterruptedRuns(SqliteDb& db, const std::string& host);

std::string hostName();
// True when no process has this pid (on this host): the run that recorded it died without ending.
bool processIsGone(std::int64_t pid);

// Recomputes a run's minute and hour rollups from fromMs on out of its seconds and 10 s windows.
void rebuildRollups(SqliteDb& db, std::int64_t runId, std::int64_t fromMs);
// The rollups a writer still held open when its process died: the last stored hour onwards.
void rebuildOpenRollups(SqliteDb& db, std::int64_t runId);

} // namespace perflab::run_store_schema
