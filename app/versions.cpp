// componentVersions: compile-time versions from the headers, run-time ones from the libraries.
#include "app/versions.h"

#include <boost/version.hpp>
#include <sqlite3.h>

#include <QtGlobal>

namespace perflab {
namespace {

QString compilerVersion() {
#if defined(__clang__)
    return QStringLiteral("Clang %1.%2.%3")
        .arg(__clang_major__)
        .arg(__clang_minor__)
        .arg(__clang_patchlevel__);
#elif defined(__GNUC__)
    return QStringLiteral("GCC %1.%2.%3").arg(__GNUC__).arg(__GNUC_MINOR__).arg(__GNUC_PATCHLEVEL__);
#else
    return QStringLiteral("unknown");
#endif
}

} // namespace

ComponentVersions componentVersions() {
    QString qt = QString::fromLatin1(qVersion());
    if (qt != QLatin1String(QT_VERSION_STR))
        qt += QStringLiteral(" (built with %1)").arg(QLatin1String(QT_VERSION_STR));
    return {{QStringLiteral("Perflab"), QStringLiteral(PERFLAB_VERSION)},
            {QStringLiteral("Qt"), qt},
            {QStringLiteral("SQLite"), QString::fromLatin1(sqlite3_libversion())},
            {QStringLiteral("Compiler"), compilerVersion()},
            {QStringLiteral("Boost"), QStringLiteral("%1.%2.%3")
                                          .arg(BOOST_VERSION / 100000)
                                          .arg(BOOST_VERSION / 100 % 1000)
                                          .arg(BOOST_VERSION % 100)}};
}

} // namespace perflab
