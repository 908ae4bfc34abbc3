// Flame colors: every fill keeps the dark labels readable, whatever the window palette around them.
#include "widgets/flame/flame_palette.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

using namespace perflab;

namespace {

// WCAG 2 relative luminance and contrast ratio.
double luminance(const QColor& c) {
    const auto channel = [](double v) {
        return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

double contrast(const QColor& a, const QColor& b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace

TEST_CASE("labels stay readable on every frame fill, search highlight and differential color") {
    const QColor text = flame_palette::text();
    double worst = 100;
    for (int i = 0; i < 2000; ++i) {
        const QColor frame = flame_palette::frame("function_" + std::to_string(i));
        worst = std::min({worst, contrast(text, frame), contrast(text, flame_palette::unmatched(frame))});
    }
    for (double change = -1; change <= 1; change += 0.05)
        worst = std::min(worst, contrast(text, flame_palette::change(change, 1)));
    for (const QColor& fill : {flame_palette::match(), flame_palette::merged(), flame_palette::ancestor()})
        worst = std::min(worst, contrast(text, fill));
    CHECK(worst >= 4.5);
}

TEST_CASE("a differential is red where a frame grew and blue where it shrank, stronger for larger changes") {
    CHECK(flame_palette::change(0.2, 0.2).hslHue() == 0);
    CHECK(flame_palette::change(-0.2, 0.2).hslHue() == 220);
    CHECK(flame_palette::change(0.05, 0.2).hslSaturation() < flame_palette::change(0.2, 0.2).hslSaturation());
    CHECK(flame_palette::change(0, 0.2).hslSaturation() == 0);
}

TEST_CASE("a frame keeps its color across profiles and sessions") {
    CHECK(flame_palette::frame("std::sort").rgb() == flame_palette::frame("std::sort").rgb());
    CHECK(flame_palette::frame("std::sort").rgb() != flame_palette::frame("std::sorted").rgb());
}
