// The screenshot tests' main: a real X display (run under xvfb-run -a), the window's look, a scratch
// settings folder.
#include "app/gui/main_window.h"
#include "tests/catch_runner.h"
#include "tests/widgets/qt_scratch_session.h"

#include <QApplication>
#include <QTemporaryDir>

#include <cstdio>
#include <malloc.h>

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("DISPLAY")) {
        std::fprintf(stderr, "the screenshot tests need an X display: run them under xvfb-run -a\n");
        return 2;
    }
    qputenv("QT_QPA_PLATFORM", "xcb");
    // Writing a 72-hour store hands it two 136 KiB histograms a second: keep freed memory rather than
    // return it.
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_MMAP_THRESHOLD, 4 << 20);
    QTemporaryDir scratch;
    if (!perflab::test::useScratchSession(scratch))
        return 2;
    QApplication app(argc, argv);
    perflab::applyLook(app);
    return perflab::test::runCatchSession(argc, argv);
}
