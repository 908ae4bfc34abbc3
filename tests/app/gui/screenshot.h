// Screenshots of real windows on an X display (the Xvfb tests): grab a window, count its colours, save it
// under the build's screenshots/ folder for people to look at.
#pragma once

#include <catch2/catch.hpp>

#include <QDir>
#include <QHash>
#include <QImage>
#include <QScreen>
#include <QString>
#include <QWidget>

#include <algorithm>

namespace perflab::test {

// Colours of a grab; a blank or flat window has few, or one covering nearly everything.
struct ColourStats {
    int distinct = 0;
    double dominantShare = 1;
};

inline ColourStats colourStats(const QImage& image) {
    QHash<QRgb, int> colors;
    for (int y = 0; y < image.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x)
            ++colors[line[x]];
    }
    const int mostCommon = *std::max_element(colors.cbegin(), colors.cend());
    return {static_cast<int>(colors.size()),
            mostCommon / (static_cast<double>(image.width()) * image.height())};
}

inline QImage grab(QWidget& window) {
    return window.screen()->grabWindow(window.winId()).toImage().convertToFormat(QImage::Format_RGB32);
}

// At QT_SCALE_FACTOR=2 the names get "@2x" (the high-DPI run).
inline void save(const QImage& image, const QString& name) {
    const QString scaled = qEnvironmentVariable("QT_SCALE_FACTOR") == QLatin1String("2")
                               ? QString(name).replace(QStringLiteral(".png"), QStringLiteral("@2x.png"))
                               : name;
    const QString folder = QStringLiteral(PERFLAB_BINARY_DIR "/screenshots");
    REQUIRE(QDir().mkpath(folder));
    REQUIRE(image.save(folder + QLatin1Char('/') + scaled));
}

} // namespace perflab::test
