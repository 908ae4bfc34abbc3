// main() for Qt widget tests: a QApplication (offscreen unless a platform is set) around a Catch2 session.
#include "tests/catch_runner.h"
#include "tests/widgets/qt_scratch_session.h"

#include <QApplication>
#include <QStandardPaths>
#include <QTemporaryDir>

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QTemporaryDir scratch;
    if (!perflab::test::useScratchSession(scratch))
        return 2;
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    return perflab::test::runCatchSession(argc, argv);
}
