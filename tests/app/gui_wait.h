// Waiting in GUI tests: run the event loop until a condition holds or a deadline passes.
#pragma once

#include <QCoreApplication>
#include <QElapsedTimer>

#include <functional>

namespace perflab::test {

inline bool waitUntil(const std::function<bool()>& done, int timeoutMs) {
    QElapsedTimer clock;
    clock.start();
    while (!done() && clock.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return done();
}

} // namespace perflab::test
