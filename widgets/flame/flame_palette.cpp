// Flame colors: fixed lightness ranges chosen so black text stays readable whatever the window palette.
#include "widgets/flame/flame_palette.h"

#include <algorithm>
#include <cmath>

namespace perflab::flame_palette {

namespace {

std::uint32_t fnv1a(std::string_view s) {
    std::uint32_t h = 2166136261u;
    for (unsigned char c : s)
        h = (h ^ c) * 16777619u;
    return h;
}

} // namespace

QColor frame(std::string_view name) {
    const std::uint32_t h = fnv1a(name);
    // Hues from red-orange to yellow (flamegraph.pl's "hot" range); lightness 59-73 % keeps dark labels at a
    // contrast of at least 4.5:1 (WCAG AA).
    const int hue = 5 + static_cast<int>(h % 50);
    const int saturation = 170 + static_cast<int>((h >> 8) % 60);
    const int lightness = 150 + static_cast<int>((h >> 16) % 36);
    return QColor::fromHsl(hue, saturation, lightness);
}

QColor match() {
    return QColor::fromHsl(300, 200, 150);
}

QColor unmatched(const QColor& frame) {
    return QColor::fromHsl(frame.hslHue(), frame.hslSaturation() / 4, 205);
}

QColor change(double change, double largest) {
    const double magnitude = largest > 0 ? std::clamp(std::abs(change) / largest, 0.0, 1.0) : 0.0;
    const int saturation = static_cast<int>(std::lround(255 * std::sqrt(magnitude)));
    // Lightness falls with magnitude so strong changes read as strong colors, never as white.
    const int lightness = 220 - static_cast<int>(std::lround(60 * magnitude));
    return QColor::fromHsl(change >= 0 ? 0 : 220, saturation, lightness);
}

QColor merged() {
    return QColor::fromHsl(30, 20, 185);
}

QColor ancestor() {
    return QColor::fromHsl(30, 40, 200);
}

QColor text() {
    return QColor(20, 20, 20);
}

} // namespace perflab::flame_palette
