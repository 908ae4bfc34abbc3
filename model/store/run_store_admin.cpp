// RunStore's history keeping: rename, delete (with every row of the run) and the store's baseline mark.
#include "model/store/run_store.h"
#include "model/store/run_store_impl.h"

#include <stdexcept>
#include <string>

namespace perflab {

namespace {

// Every table that keeps rows per run.
constexpr const char* kRunTables[] = {"intervals", "histograms",     "rollups",
                                      "events",    "profile_slices", "profile_names"};

} // namespace

void RunStore::renameRun(std::int64_t runId, const std::string& name) {
    if (name.empty())
        throw std::invalid_argument("run " + std::to_string(runId) + " needs a name that is not empty");
    m_impl->requireWriter();
    std::lock_guard lock(m_impl->mutex);
    SqliteStatement update(*m_impl->db, "UPDATE runs SET name = ?2 WHERE id = ?1");
    update.bind(1, runId).bind(2, name).run();
    if (m_impl->db->changes() == 0)
        throw std::invalid_argument("no run " + std::to_string(runId) + " in " + m_impl->path.string());
}

void RunStore::deleteRun(std::int64_t runId) {
    const std::optional<RunInfo> info = run(runId);
    if (!info)
        throw std::invalid_argument("no run " + std::to_string(runId) + " in " + m_impl->path.string());
    if (info->status == RunStatus::Running)
        throw std::invalid_argument("run " + std::to_string(runId) + " (" + info->name +
                                    ") is still running: stop it before deleting it");
    m_impl->requireWriter();
    std::lock_guard lock(m_impl->mutex);
    SqliteDb& db = *m_impl->db;
    SqliteTransaction transaction(db);
    for (const char* table : kRunTables) {
        SqliteStatement remove(db, ("DELETE FROM " + std::string(table) + " WHERE run_id = ?1").c_str());
        remove.bind(1, runId).run();
    }
    // The status is checked again inside the transaction: a resumed run may have started in between.
    SqliteStatement remove(db, "DELETE FROM runs WHERE id = ?1 AND status <> 'running'");
    remove.bind(1, runId).run();
    if (db.changes() == 0)
        throw std::invalid_argument("run " + std::to_string(runId) + " is running again: it was not deleted");
    transaction.commit();
}

void RunStore::markBaseline(std::int64_t runId) {
    m_impl->requireWriter();
    std::lock_guard lock(m_impl->mutex);
    SqliteDb& db = *m_impl->db;
    SqliteTransaction transaction(db);
    {
        SqliteStatement exists(db, "SELECT count(*) FROM runs WHERE id = ?1");
        exists.bind(1, runId);
        if (!exists.step() || exists.integer(0) == 0)
            throw std::invalid_argument("no run " + std::to_string(runId) + " in " + m_impl->path.string());
    }
    SqliteStatement mark(db, "UPDATE runs SET baseline = (id = ?1) WHERE baseline <> (id = ?1)");
    mark.bind(1, runId).run();
    transaction.commit();
}

void RunStore::clearBaseline() {
    m_impl->requireWriter();
    std::lock_guard lock(m_impl->mutex);
    m_impl->db->exec("UPDATE runs SET baseline = 0 WHERE baseline <> 0");
}

std::optional<std::int64_t> RunStore::baselineRun() const {
    std::lock_guard lock(m_impl->mutex);
    SqliteStatement select(*m_impl->db, "SELECT id FROM runs WHERE baseline <> 0 ORDER BY id DESC LIMIT 1");
    if (!select.step())
        return std::nullopt;
    return select.integer(0);
}

} // namespace perflab
