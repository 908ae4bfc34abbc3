// Test helper: waits until a flame view has laid out its latest profile.
#pragma once

#include "widgets/flame/flame_view.h"

#include <catch2/catch.hpp>

#include <QTest>

namespace perflab::test {

inline void waitForScene(const FlameView& view) {
    REQUIRE(QTest::qWaitFor([&] { return view.scene() && !view.isLayoutPending(); }, 5000));
}

} // namespace perflab::test
