// runGui: application-wide look (Fusion style, DejaVu Sans), the stall watchdog and the main window.
#include "app/gui/gui.h"

#include "app/gui/main_window.h"
#include "app/gui/stall_watchdog.h"

#include <QApplication>
#include <QFont>
#include <QIcon>

namespace perflab {

int runGui(int& argc, char** argv, const GuiOptions& options) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("perflab"));
    QApplication::setApplicationName(QStringLiteral("perflab"));
    QApplication::setApplicationDisplayName(QStringLiteral("Perflab"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/perflab.svg")));
    applyLook(app);
    const StallWatchdog watchdog; // logs any UI-thread stall over 50 ms
    MainWindow window(options);
    window.show();
    return QApplication::exec();
}

} // namespace perflab
