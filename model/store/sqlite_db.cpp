// RAII wrappers over sqlite3: every failure becomes a StoreError with SQLite's words and the file path.
#include "model/store/sqlite_db.h"

#include <sqlite3.h>

namespace perflab {

SqliteDb::SqliteDb(const std::filesystem::path& file, int flags)
    : m_path(file) {
    int status = sqlite3_open_v2(file.c_str(), &m_db, flags, nullptr);
    if (status != SQLITE_OK) {
        std::string message = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(status);
        sqlite3_close(m_db);
        m_db = nullptr;
        throw StoreError("cannot open the store " + file.string() + ": " + message);
    }
    sqlite3_extended_result_codes(m_db, 1);
}

SqliteDb::~SqliteDb() {
    sqlite3_close(m_db);
}

void SqliteDb::fail(std::string_view what) const {
    throw StoreError(std::string(what) + " in " + m_path.string() + ": " + sqlite3_errmsg(m_db));
}

void SqliteDb::exec(const char* sql) {
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
        fail(std::string("cannot run \"") + sql + "\"");
}

std::int64_t SqliteDb::queryInt(const char* sql) {
    SqliteStatement statement(*this, sql);
    if (!statement.step())
        throw StoreError(std::string("no result from \"") + sql + "\" in " + m_path.string());
    return statement.integer(0);
}

std::int64_t SqliteDb::lastInsertId() const {
    return sqlite3_last_insert_rowid(m_db);
}

int SqliteDb::changes() const {
    return sqlite3_changes(m_db);
}

SqliteStatement::SqliteStatement(SqliteDb& db, const char* sql)
    : m_db(db) {
    if (sqlite3_prepare_v3(db.handle(), sql, -1, SQLITE_PREPARE_PERSISTENT, &m_statement, nullptr) !=
        SQLITE_OK)
        db.fail(std::string("cannot prepare \"") + sql + "\"");
}

SqliteStatement::~SqliteStatement() {
    sqlite3_finalize(m_statement);
}

void SqliteStatement::check(int status, std::string_view what) const {
    if (status != SQLITE_OK)
        m_db.fail(std::string(what) + " for \"" + sqlite3_sql(m_statement) + "\"");
}

SqliteStatement& SqliteStatement::bind(int index, std::int64_t value) {
    check(sqlite3_bind_int64(m_statement, index, value), "cannot bind an integer");
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, double value) {
    check(sqlite3_bind_double(m_statement, index, value), "cannot bind a number");
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, std::string_view text) {
    check(sqlite3_bind_text64(m_statement, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
          "cannot bind a text");
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, std::span<const std::uint8_t> blob) {
    check(sqlite3_bind_blob64(m_statement, index, blob.data(), blob.size(), SQLITE_TRANSIENT),
          "cannot bind a blob");
    return *this;
}

bool SqliteStatement::step() {
    int status = sqlite3_step(m_statement);
    if (status == SQLITE_ROW)
        return true;
    if (status == SQLITE_DONE)
        return false;
    // The statement's start is enough to tell which one failed; whole INSERTs would drown the message.
    std::string sql = sqlite3_sql(m_statement);
    if (sql.size() > 40)
        sql = sql.substr(0, 37) + "...";
    sqlite3_reset(m_statement);
    m_db.fail("cannot run \"" + sql + "\"");
}

void SqliteStatement::run() {
    while (step()) {
    }
    reset();
}

void SqliteStatement::reset() noexcept {
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
}

bool SqliteStatement::isNull(int column) const {
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

std::int64_t SqliteStatement::integer(int column) const {
    return sqlite3_column_int64(m_statement, column);
}

double SqliteStatement::real(int column) const {
    return sqlite3_column_double(m_statement, column);
}

std::string SqliteStatement::text(int column) const {
    const unsigned char* text = sqlite3_column_text(m_statement, column);
    return text ? std::string(reinterpret_cast<const char*>(text), sqlite3_column_bytes(m_statement, column))
                : std::string();
}

std::span<const std::uint8_t> SqliteStatement::blob(int column) const {
    const void* data = sqlite3_column_blob(m_statement, column);
    auto size = static_cast<std::size_t>(sqlite3_column_bytes(m_statement, column));
    return data ? std::span(static_cast<const std::uint8_t*>(data), size) : std::span<const std::uint8_t>();
}

SqliteTransaction::SqliteTransaction(SqliteDb& db)
    : m_db(db) {
    // IMMEDIATE takes the write lock now, so busy_timeout covers the wait instead of failing mid-transaction.
    m_db.exec("BEGIN IMMEDIATE");
}

SqliteTransaction::~SqliteTransaction() {
    // Only reached while an error propagates; that error is the one to report, not a failed rollback.
    if (!m_done && !sqlite3_get_autocommit(m_db.handle()))
        sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void SqliteTransaction::commit() {
    m_db.exec("COMMIT");
    m_done = true;
}

} // namespace perflab
