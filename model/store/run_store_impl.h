// What a RunStore holds: shared by run_store.cpp (runs, rows, reads) and run_store_admin.cpp (history).
#pragma once

#include "model/store/run_store.h"
#include "model/store/run_store_schema.h"
#include "model/store/run_store_writer.h"
#include "model/store/sqlite_db.h"

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

namespace perflab {

struct RunStore::Impl {
    std::filesystem::path path;
    Mode mode;
    std::string host = run_store_schema::hostName();
    mutable std::mutex mutex; // guards db: reads come from any thread (GUI workers, the run)
    std::unique_ptr<SqliteDb> db;
    std::unique_ptr<RunStoreWriter> writer;

    RunStoreWriter& requireWriter() const {
        if (!writer)
            throw StoreError("the store " + path.string() + " is open read-only");
        return *writer;
    }
};

} // namespace perflab
