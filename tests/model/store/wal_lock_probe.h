// Watches the WAL locks SQLite takes in this process: a VFS over the default one, made the default while the
// probe lives, that forwards every file method and counts checkpoints, and those taken while no connection of
// the process held the write lock. The lock offsets are those of SQLite's wal.c: 0 the write lock, 1 the
// checkpoint lock (recovery takes 1 onwards with the write lock held).
#pragma once

#include <sqlite3.h>

#include <atomic>

namespace perflab::test {
namespace wal_lock_probe {

constexpr int kWriteLock = 0;
constexpr int kCheckpointLock = 1;

inline sqlite3_vfs* g_base = nullptr;
inline std::atomic<int> g_writeLocks{0}; // connections of this process holding the write lock
inline std::atomic<long> g_checkpoints{0};
inline std::atomic<long> g_unguarded{0};

struct File {
    sqlite3_file base;
    sqlite3_file* real; // the default VFS's file, allocated right after this struct
};

inline sqlite3_file* real(sqlite3_file* file) {
    return reinterpret_cast<File*>(file)->real;
}

inline bool covers(int offset, int count, int lock) {
    return offset <= lock && lock < offset + count;
}

inline int shmLock(sqlite3_file* file, int offset, int count, int flags) {
    const int rc = real(file)->pMethods->xShmLock(real(file), offset, count, flags);
    const bool exclusive = (flags & SQLITE_SHM_EXCLUSIVE) != 0;
    if (rc != SQLITE_OK || !exclusive)
        return rc;
    if (covers(offset, count, kWriteLock))
        g_writeLocks += (flags & SQLITE_SHM_LOCK) ? 1 : -1;
    else if ((flags & SQLITE_SHM_LOCK) && covers(offset, count, kCheckpointLock)) {
        ++g_checkpoints;
        if (g_writeLocks == 0)
            ++g_unguarded;
    }
    return rc;
}

// clang-format off
inline const sqlite3_io_methods kMethods = {
    3,
    [](sqlite3_file* f) { return real(f)->pMethods->xClose(real(f)); },
    [](sqlite3_file* f, void* b, int n, sqlite3_int64 o) { return real(f)->pMethods->xRead(real(f), b, n, o); },
    [](sqlite3_file* f, const void* b, int n, sqlite3_int64 o) { return real(f)->pMethods->xWrite(real(f), b, n, o); },
    [](sqlite3_file* f, sqlite3_int64 size) { return real(f)->pMethods->xTruncate(real(f), size); },
    [](sqlite3_file* f, int flags) { return real(f)->pMethods->xSync(real(f), flags); },
    [](sqlite3_file* f, sqlite3_int64* size) { return real(f)->pMethods->xFileSize(real(f), size); },
    [](sqlite3_file* f, int lock) { return real(f)->pMethods->xLock(real(f), lock); },
    [](sqlite3_file* f, int lock) { return real(f)->pMethods->xUnlock(real(f), lock); },
    [](sqlite3_file* f, int* out) { return real(f)->pMethods->xCheckReservedLock(real(f), out); },
    [](sqlite3_file* f, int op, void* arg) { return real(f)->pMethods->xFileControl(real(f), op, arg); },
    [](sqlite3_file* f) { return real(f)->pMethods->xSectorSize(real(f)); },
    [](sqlite3_file* f) { return real(f)->pMethods->xDeviceCharacteristics(real(f)); },
    [](sqlite3_file* f, int region, int size, int extend, void volatile** at) {
        return real(f)->pMethods->xShmMap(real(f), region, size, extend, at); },
    shmLock,
    [](sqlite3_file* f) { real(f)->pMethods->xShmBarrier(real(f)); },
    [](sqlite3_file* f, int remove) { return real(f)->pMethods->xShmUnmap(real(f), remove); },
    [](sqlite3_file* f, sqlite3_int64 at, int n, void** p) { return real(f)->pMethods->xFetch(real(f), at, n, p); },
    [](sqlite3_file* f, sqlite3_int64 at, void* p) { return real(f)->pMethods->xUnfetch(real(f), at, p); },
};
// clang-format on

inline int openFile(sqlite3_vfs*, const char* name, sqlite3_file* file, int flags, int* outFlags) {
    auto* wrapped = reinterpret_cast<File*>(file);
    wrapped->real = reinterpret_cast<sqlite3_file*>(wrapped + 1);
    const int rc = g_base->xOpen(g_base, name, wrapped->real, flags, outFlags);
    wrapped->base.pMethods = wrapped->real->pMethods ? &kMethods : nullptr;
    return rc;
}

} // namespace wal_lock_probe

// Connections opened from now on go through the probe; close them before it goes.
class WalLockProbe {
public:
    WalLockProbe() {
        using namespace wal_lock_probe;
        g_base = sqlite3_vfs_find(nullptr);
        g_writeLocks = 0;
        g_checkpoints = 0;
        g_unguarded = 0;
        m_vfs = *g_base;
        m_vfs.zName = "perflab-wal-lock-probe";
        m_vfs.szOsFile = static_cast<int>(sizeof(File)) + g_base->szOsFile;
        m_vfs.xOpen = openFile;
        sqlite3_vfs_register(&m_vfs, 1);
    }
    ~WalLockProbe() {
        sqlite3_vfs_unregister(&m_vfs);
        sqlite3_vfs_register(wal_lock_probe::g_base, 1);
    }
    WalLockProbe(const WalLockProbe&) = delete;
    WalLockProbe& operator=(const WalLockProbe&) = delete;

    // Exclusive checkpoint locks taken so far, and those taken while no connection held the write lock.
    long checkpoints() const { return wal_lock_probe::g_checkpoints; }
    long checkpointsWithoutWriteLock() const { return wal_lock_probe::g_unguarded; }

private:
    sqlite3_vfs m_vfs{};
};

} // namespace perflab::test
