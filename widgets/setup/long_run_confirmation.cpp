// The confirmation text; the end time is the start plus the stages' total, in the user's locale.
#include "widgets/setup/long_run_confirmation.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

namespace perflab {

bool needsLongRunConfirmation(const Scenario& scenario) {
    return scenario.kind == TestKind::Soak || scenario.workload.totalDuration() > kLongRun;
}

QString durationText(Millis duration) {
    const std::int64_t total = duration.count() / 1000;
    if (total == 0)
        return QStringLiteral("%1 ms").arg(duration.count());
    QStringList parts;
    if (total >= 3600)
        parts << QStringLiteral("%1 h").arg(total / 3600);
    if (total % 3600 >= 60)
        parts << QStringLiteral("%1 min").arg(total % 3600 / 60);
    if (total % 60 != 0)
        parts << QStringLiteral("%1 s").arg(total % 60);
    return parts.join(QLatin1Char(' '));
}

QString longRunConfirmationText(const Scenario& scenario, const QDateTime& start) {
    const Millis duration = scenario.workload.totalDuration();
    const QDateTime end = start.addMSecs(duration.count());
    const QLocale locale;
    return QCoreApplication::translate("LongRunConfirmation",
                                       "This %1 test runs for %2 and ends on %3 at %4 (local time).\n\n"
                                       "It goes on when this window is closed; reopening Perflab follows it "
                                       "again. Stop ends it gracefully at any time.")
        .arg(QString::fromUtf8(toString(scenario.kind).data(),
                               static_cast<qsizetype>(toString(scenario.kind).size())),
             durationText(duration), locale.toString(end.date(), QLocale::LongFormat),
             locale.toString(end.time(), QLocale::ShortFormat));
}

} // namespace perflab
