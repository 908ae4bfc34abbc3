// Small RAII wrappers over the sqlite3 C API: a connection and a prepared statement; failures throw
// StoreError.
#pragma once

#include "model/store/run_store.h"

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace perflab {

class SqliteDb {
public:
    // flags: SQLITE_OPEN_* as for sqlite3_open_v2.
    SqliteDb(const std::filesystem::path& file, int flags);
    ~SqliteDb();
    SqliteDb(const SqliteDb&) = delete;
    SqliteDb& operator=(const SqliteDb&) = delete;

    sqlite3* handle() const noexcept { return m_db; }
    const std::filesystem::path& path() const noexcept { return m_path; }
    void exec(const char* sql);
    // Runs a statement returning one integer (e.g. "PRAGMA user_version").
    std::int64_t queryInt(const char* sql);
    std::int64_t lastInsertId() const;
    int changes() const;
    // Throws StoreError: "<what> in <path>: <sqlite message>".
    [[noreturn]] void fail(std::string_view what) const;

private:
    sqlite3* m_db = nullptr;
    std::filesystem::path m_path;
};

class SqliteStatement {
public:
    SqliteStatement(SqliteDb& db, const char* sql);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    // Parameters count from 1, as in SQL; a parameter left unbound is NULL.
    SqliteStatement& bind(int index, std::int64_t value);
    SqliteStatement& bind(int index, double value);
    SqliteStatement& bind(int index, std::string_view text);
    SqliteStatement& bind(int index, std::span<const std::uint8_t> blob);
    // True while a row is available; false when the statement is done.
    bool step();
    // Steps a statement that returns no rows, then resets it for reuse.
    void run();
    void reset() noexcept;

    // Columns count from 0, as in sqlite3_column_*.
    bool isNull(int column) const;
    std::int64_t integer(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    std::span<const std::uint8_t> blob(int column) const;

private:
    void check(int status, std::string_view what) const;

    SqliteDb& m_db;
    sqlite3_stmt* m_statement = nullptr;
};

// Holds a write transaction; rolls it back unless commit() was called.
class SqliteTransaction {
public:
    explicit SqliteTransaction(SqliteDb& db);
    ~SqliteTransaction();
    SqliteTransaction(const SqliteTransaction&) = delete;
    SqliteTransaction& operator=(const SqliteTransaction&) = delete;
    void commit();

private:
    SqliteDb& m_db;
    bool m_done = false;
};

} // namespace perflab
