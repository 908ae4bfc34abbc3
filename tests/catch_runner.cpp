// Catch2's implementation, compiled once for the test programs that bring their own main (a QApplication
// around the session): qt_test_main.cpp and xvfb_main.cpp.
#define CATCH_CONFIG_RUNNER
#include "tests/catch_runner.h"

#include <catch2/catch.hpp>

int perflab::test::runCatchSession(int argc, char** argv) {
    return Catch::Session().run(argc, argv);
}
