// A Catch2 session for a main of its own: Catch2 declares its Session only where its implementation is
// compiled (catch_runner.cpp), so the mains around a QApplication call it through here.
#pragma once

namespace perflab::test {

// Runs the tests the command line picks; non-zero when any failed.
int runCatchSession(int argc, char** argv);

} // namespace perflab::test
