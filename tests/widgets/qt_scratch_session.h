// Qt test processes keep their runtime folder and settings in a scratch folder, never the user's.
#pragma once

#include <QFile>
#include <QTemporaryDir>

namespace perflab::test {

// Points XDG_RUNTIME_DIR (private, as Qt wants it) and XDG_CONFIG_HOME into `scratch`.
inline bool useScratchSession(const QTemporaryDir& scratch) {
    if (!scratch.isValid())
        return false;
    QFile::setPermissions(scratch.path(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    qputenv("XDG_RUNTIME_DIR", scratch.path().toLocal8Bit());
    qputenv("XDG_CONFIG_HOME", (scratch.path() + "/config").toLocal8Bit());
    return true;
}

} // namespace perflab::test
