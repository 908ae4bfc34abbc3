// bench/flame: a synthetic profile of 1 M samples over 50 k frames, then the cost of showing it: call tree
// build, layout, and the paint of a 1600x900 FlameView against painting every frame unmerged.
#include "bench/bench_timing.h"
#include "model/profile/call_tree.h"
#include "model/profile/flame_layout.h"
#include "widgets/flame/flame_view.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <random>
#include <string>
#include <vector>

using namespace perflab;
using namespace perflab::bench;

namespace {

// Functions sit on call levels that widen with depth (one main, a few dispatchers, thousands of leaves);
// each calls a few functions of the next levels, the first far more often than the rest. Walks down these
// call edges give the deep, heavy-headed, long-tailed shape of a server's profile.
class SyntheticProgram {
public:
    explicit SyntheticProgram(std::uint32_t seed)
        : m_random(seed) {
        static constexpr std::array spaces{"perflab", "engines", "knowledge",    "analytics",
                                           "asio",    "std",     "sqlite3",      "nlohmann",
                                           "load",    "http",    "orchestrator", "zlib"};
        static constexpr std::array classes{"Planner", "Executor",   "Index",     "Cache",
                                            "Parser",  "Connection", "Buffer",    "Table",
                                            "Kernel",  "Store",      "Scheduler", "Session"};
        static constexpr std::array methods{"run",  "execute", "lookup", "insert", "parse", "flush",
                                            "read", "write",   "merge",  "scan",   "join",  "encode"};
        for (int level = 0; m_names.size() < kFrames; ++level) {
            const auto width = static_cast<std::size_t>(std::clamp(std::pow(1.45, level), 1.0, 4000.0));
            m_levelStart.push_back(static_cast<std::uint32_t>(m_names.size()));
            for (std::size_t i = 0; i < width && m_names.size() < kFrames; ++i) {
                const std::size_t n = m_names.size();
                m_names.push_back(level == 0 ? std::string("main")
                                             : std::string(spaces[n % spaces.size()]) +
                                                   "::" + classes[(n / 12) % classes.size()] +
                                                   std::to_string(n / 144) +
                                                   "::" + methods[(n / 7) % methods.size()] + "()");
            }
        }
        m_levelStart.push_back(static_cast<std::uint32_t>(m_names.size()));
    }

    // Adds stacks until the profile holds `samples` samples.
    void sample(Profile& profile, std::uint64_t samples) {
        for (const std::string& name : m_names)
            profile.internFrame(name);
        std::vector<FrameId> stack;
        std::geometric_distribution<std::uint64_t> count(0.08);
        while (profile.totalSamples() < samples) {
            walk(stack);
            const std::uint64_t n =
                std::min<std::uint64_t>(1 + count(m_random), samples - profile.totalSamples());
            profile.addStack(stack, n);
        }
    }

private:
    static constexpr std::size_t kFrames = 50'000;

    void walk(std::vector<FrameId>& stack) {
        stack.assign(1, 0);
        std::uint32_t level = 0;
        const std::size_t levels = m_levelStart.size() - 1;
        while (level + 1 < levels && (stack.size() < 6 || std::bernoulli_distribution(0.93)(m_random))) {
            level += 1 + (std::bernoulli_distribution(0.2)(m_random) && level + 2 < levels ? 1 : 0);
            const std::uint32_t width = m_levelStart[level + 1] - m_levelStart[level];
            // The caller decides which callees are likely: a hash of it picks a small neighbourhood.
            const std::uint32_t base = (stack.back() * 2654435761u) % width;
            const std::uint32_t pick = std::min<std::uint32_t>(
                std::geometric_distribution<std::uint32_t>(0.45)(m_random), width - 1);
            stack.push_back(m_levelStart[level] + (base + pick * 97) % width);
        }
    }

    std::mt19937 m_random;
    std::vector<std::string> m_names;
    std::vector<std::uint32_t> m_levelStart;
};

// The peer: every node of the tree at least a pixel wide as its own rectangle (a narrower one, and so all its
// children, is skipped, as any flame painter does), geometry computed while painting, labels where they fit,
// with the same QPainter settings as the view.
void paintNaively(const CallTree& tree, QImage& image) {
    QPainter painter(&image);
    painter.fillRect(image.rect(), Qt::white);
    const QFontMetricsF metrics(painter.font());
    const double scale = image.width() / static_cast<double>(tree.totalSamples());
    constexpr int kRow = 18;
    std::vector<std::pair<NodeId, double>> pending{{kRootNode, 0.0}};
    while (!pending.empty()) {
        const auto [node, x] = pending.back();
        pending.pop_back();
        const double w = static_cast<double>(tree.node(node).total) * scale;
        if (w < 1)
            continue;
        const QRectF box(x, image.height() - (tree.node(node).depth + 1.0) * kRow, w, kRow - 1);
        painter.fillRect(box, QColor::fromHsl(static_cast<int>(node % 50), 200, 160));
        if (w >= 24) {
            const std::string_view n = tree.name(node);
            painter.drawText(box.adjusted(3, 0, -3, 0), Qt::AlignLeft | Qt::AlignVCenter,
                             metrics.elidedText(QString::fromUtf8(n.data(), static_cast<qsizetype>(n.size())),
                                                Qt::ElideRight, w - 6));
        }
        double childX = x;
        for (NodeId child : tree.children(node)) {
            pending.emplace_back(child, childX);
            childX += static_cast<double>(tree.node(child).total) * scale;
        }
    }
}

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int paints = argc > 1 ? std::max(1, std::atoi(argv[1])) : 31;

    auto profile = std::make_shared<Profile>();
    SyntheticProgram(42).sample(*profile, 1'000'000);
    const std::clock_t treeCpuStart = std::clock();
    auto start = Clock::now();
    const auto tree = std::make_shared<const CallTree>(profile);
    const double treeMs = millisSince(start);
    // Processor time too: on a shared machine the wall clock also counts other people's work.
    const double treeCpuMs = 1000.0 * static_cast<double>(std::clock() - treeCpuStart) / CLOCKS_PER_SEC;
    std::vector<bool> used(profile->frameCount());
    std::size_t depth = 0;
    for (NodeId n = 1; n < tree->size(); ++n) {
        used[tree->node(n).frame] = true;
        depth = std::max<std::size_t>(depth, tree->node(n).depth);
    }
    std::printf("profile: %llu samples, %zu stacks, %zu distinct frames, %zu call paths, depth up to %zu\n",
                static_cast<unsigned long long>(profile->totalSamples()), profile->stackCount(),
                static_cast<std::size_t>(std::count(used.begin(), used.end(), true)), tree->size(), depth);

    std::vector<double> layoutMs;
    std::size_t rects = 0;
    for (int i = 0; i < paints; ++i) {
        start = Clock::now();
        rects = FlameLayout(*tree, kRootNode, 1600).rects().size();
        layoutMs.push_back(millisSince(start));
    }
    std::printf("call tree build %.1f ms (processor %.1f ms); layout at 1600 px median %.2f ms (%zu rects)\n",
                treeMs, treeCpuMs, median(layoutMs), rects);

    FlameView view;
    view.resize(1600, 900);
    view.show();
    view.setProfile(profile);
    QElapsedTimer waited;
    waited.start();
    while ((!view.scene() || view.isLayoutPending()) && waited.elapsed() < 60'000)
        QApplication::processEvents(QEventLoop::AllEvents, 10);
    if (!view.scene()) {
        std::fprintf(stderr, "the flame view produced no layout within a minute\n");
        return 3;
    }
    QImage image(view.size(), QImage::Format_ARGB32_Premultiplied);
    // Ours: the paint of the ready scene (the UI thread's frame, barred), and that paint plus a fresh layout
    // (done on a worker in the app), which is what compares with a peer that lays out while it paints.
    std::vector<double> ours, oursWithLayout, naive;
    for (int i = 0; i < paints; ++i) {
        start = Clock::now();
        view.render(&image);
        ours.push_back(millisSince(start));
        start = Clock::now();
        const FlameLayout layout(*tree, kRootNode, 1600);
        view.render(&image);
        oursWithLayout.push_back(millisSince(start));
        if (i % 4 == 0) { // the peer is slow: a quarter as many paints, alternating with ours
            start = Clock::now();
            paintNaively(*tree, image);
            naive.push_back(millisSince(start));
        }
    }
    const double us = median(ours);
    const double usWithLayout = median(oursWithLayout);
    const double them = median(naive);
    std::printf("flame paint median %.2f ms (bar 16 ms) over %d paints of %zu rects; layout + paint %.2f ms; "
                "naive paint of every frame of a pixel or more %.1f ms; naive/(layout + paint) = %.1f x\n",
                us, paints, view.scene()->layout.rects().size(), usWithLayout, them, them / usWithLayout);
    return us <= 16.0 ? 0 : 1;
}
