// Waiting in GUI tests: run the event loop until a condition holds or a deadline passes, sleeping between
// rounds (a spinning loop would take the CPU the run process and the window need).
#pragma once

#include <QTest>

#include <functional>

namespace perflab::test {

inline bool waitUntil(const std::function<bool()>& done, int timeoutMs) {
    return QTest::qWaitFor(done, timeoutMs);
}

} // namespace perflab::test
