// Leak verdicts on seeded soak series whose memory noise fools plain regression: false alarms and misses.
#include "model/results/trend.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>

using namespace perflab;

namespace {

constexpr double kMb = 1024.0 * 1024.0;
constexpr std::int64_t kStart = 1'700'000'000'000; // a minute boundary
constexpr int kSeries = 100;

struct Soak {
    std::vector<std::int64_t> timeMs;
    std::vector<double> rssMb;
};

// 24 h of RSS sampled every 10 s: a warm-up ramp, AR(1) noise (1–3 MB, 5–20 min memory), an allocator
// sawtooth, level steps of a few MB at random times, sampling jitter and rare one-sample spikes.
Soak soak(unsigned seed, double leakMbPerHour) {
    std::mt19937_64 rng(seed);
    auto uniform = [&](double low, double high) { return std::uniform_real_distribution<>(low, high)(rng); };
    std::normal_distribution<> gauss;
    const double base = uniform(120, 200), rampMb = uniform(20, 60);
    const double sigma = uniform(1, 3), tauS = uniform(300, 1200);
    const double sawMb = uniform(1, 4), sawPeriodS = uniform(600, 2400), sawPhase = uniform(0, 1);
    const double stepS = 10, phi = std::exp(-stepS / tauS), innovation = sigma * std::sqrt(1 - phi * phi);
    double ar = sigma * gauss(rng), level = uniform(0, 3);
    Soak s;
    for (double t = 0; t < 24 * 3600; t += stepS) {
        ar = phi * ar + innovation * gauss(rng);
        if (uniform(0, 1) < stepS / 3600)
            level = uniform(0, 3);
        const double saw = sawMb * std::fmod(t / sawPeriodS + sawPhase, 1.0);
        const double spike = uniform(0, 1) < 1e-3 ? 20 : 0;
        s.timeMs.push_back(kStart + static_cast<std::int64_t>(t * 1000));
        s.rssMb.push_back(base + rampMb * (1 - std::exp(-t / 600)) + ar + saw + level + spike +
                          0.3 * gauss(rng) + leakMbPerHour * t / 3600);
    }
    return s;
}

LeakReport judge(const Soak& s, std::uint64_t limit = 0) {
    RssTrend trend;
    for (std::size_t i = 0; i < s.timeMs.size(); ++i)
        trend.add(s.timeMs[i], static_cast<std::uint64_t>(s.rssMb[i] * kMb));
    return trend.analyse(limit);
}

// Plain least squares over the samples after the same warm-up hour, with an interval that assumes
// independent noise: the naive check the rule replaces.
bool naiveRegressionFlags(const Soak& s) {
    const auto from = static_cast<std::size_t>(
        std::lower_bound(s.timeMs.begin(), s.timeMs.end(), kStart + 3'600'000) - s.timeMs.begin());
    const double n = static_cast<double>(s.timeMs.size() - from);
    double mx = 0, my = 0;
    for (std::size_t i = from; i < s.timeMs.size(); ++i) {
        mx += static_cast<double>(s.timeMs[i] - kStart) / 3.6e6 / n;
        my += s.rssMb[i] / n;
    }
    double sxx = 0, sxy = 0;
    for (std::size_t i = from; i < s.timeMs.size(); ++i) {
        const double dx = static_cast<double>(s.timeMs[i] - kStart) / 3.6e6 - mx;
        sxx += dx * dx;
        sxy += dx * (s.rssMb[i] - my);
    }
    const double slope = sxy / sxx;
    double sse = 0;
    for (std::size_t i = from; i < s.timeMs.size(); ++i) {
        const double e = s.rssMb[i] - my - slope * (static_cast<double>(s.timeMs[i] - kStart) / 3.6e6 - mx);
        sse += e * e;
    }
    return slope - 1.96 * std::sqrt(sse / (n - 2) / sxx) > 0;
}

struct Tally {
    int leaks = 0;
    int naiveLeaks = 0;
};

Tally tally(double leakMbPerHour) {
    Tally t;
    for (int i = 0; i < kSeries; ++i) {
        const Soak s = soak(static_cast<unsigned>(1000 + i), leakMbPerHour);
        t.leaks += judge(s).verdict == LeakVerdict::Leak ? 1 : 0;
        t.naiveLeaks += naiveRegressionFlags(s) ? 1 : 0;
    }
    return t;
}

Soak line(double hours, double baseMb, double mbPerHour) {
    Soak s;
    for (double t = 0; t < hours * 3600; t += 60) {
        s.timeMs.push_back(kStart + static_cast<std::int64_t>(t * 1000));
        s.rssMb.push_back(baseMb + mbPerHour * t / 3600);
    }
    return s;
}

} // namespace

TEST_CASE("the Theil-Sen slope is the median of all pairwise slopes") {
    std::mt19937 rng(7);
    std::vector<double> x, y;
    for (int i = 0; i < 301; ++i) {
        x.push_back(i * 0.5 + std::uniform_real_distribution<>(0, 0.4)(rng));
        y.push_back(std::normal_distribution<>(0, 3)(rng) + 0.2 * i);
    }
    std::vector<double> pairs;
    for (std::size_t i = 0; i < x.size(); ++i)
        for (std::size_t j = i + 1; j < x.size(); ++j)
            pairs.push_back((y[j] - y[i]) / (x[j] - x[i]));
    const auto mid = pairs.begin() + static_cast<std::ptrdiff_t>((pairs.size() - 1) / 2);
    std::nth_element(pairs.begin(), mid, pairs.end());
    CHECK(theilSenSlope(x, y) == Approx(*mid).epsilon(1e-6));
}

TEST_CASE("wild points pull least squares but not the Theil-Sen slope") {
    std::vector<double> x, y;
    for (int i = 0; i < 100; ++i) {
        x.push_back(i);
        y.push_back(2.0 * i + 1 + (i % 10 == 0 ? 500 : 0));
    }
    CHECK(theilSenSlope(x, y) == Approx(2.0).epsilon(1e-6));
}

TEST_CASE("100 seeded leak-free soaks with autocorrelated allocator noise raise no leak, where plain "
          "regression with an independent-noise interval raises one in many") {
    const Tally t = tally(0);
    INFO("false alarms: " << t.leaks << " of " << kSeries << "; plain regression: " << t.naiveLeaks);
    CHECK(t.leaks == 0);
    CHECK(t.naiveLeaks >= 20);
    CHECK(t.naiveLeaks >= 3 * t.leaks);
}

TEST_CASE("a 0.5 MB/h leak under the same noise is caught in all 100 soaks") {
    const Tally t = tally(0.5);
    INFO("caught: " << t.leaks << " of " << kSeries);
    CHECK(t.leaks == kSeries);
}

TEST_CASE("a steady slope below 0.25 MB/h is not called a leak, however certain") {
    const LeakReport report = judge(line(24, 100, 0.2));
    CHECK(report.ciLowMbPerHour > 0);
    CHECK(report.verdict == LeakVerdict::NoLeak);
}

TEST_CASE("a slope below 0.1 % of the RSS per hour is not called a leak on a large process") {
    CHECK(judge(line(24, 100, 1)).verdict == LeakVerdict::Leak);
    CHECK(judge(line(24, 2000, 1)).verdict == LeakVerdict::NoLeak);
}

TEST_CASE("a soak too short to judge is inconclusive") {
    CHECK(judge(line(2, 100, 10)).verdict == LeakVerdict::Inconclusive);
    CHECK(judge(line(3, 100, 10)).verdict == LeakVerdict::Leak);
    CHECK(RssTrend().analyse(0).verdict == LeakVerdict::Inconclusive);
}

TEST_CASE("a leak projects the hours left before the memory limit") {
    const LeakReport report = judge(line(24, 100, 10), static_cast<std::uint64_t>(500 * kMb));
    CHECK(report.slopeMbPerHour == Approx(10).epsilon(1e-6));
    // 100 MB + 10 MB/h reach 340 MB at the last minute; 160 MB are left.
    CHECK(report.hoursToMemoryLimit.value() == Approx(16).margin(0.05));
    CHECK_FALSE(judge(line(24, 100, 0)).hoursToMemoryLimit.has_value());
}

TEST_CASE("new highs count the minutes after the warm-up that raise the high-water mark") {
    Soak s = line(8, 100, 0);
    s.rssMb[10] = 150; // in the warm-up: sets the mark
    s.rssMb[200] = 140;
    s.rssMb[300] = 160;
    s.rssMb[400] = 170;
    CHECK(judge(s).rssNewHighs == 2);
    CHECK(judge(line(8, 100, 1)).rssNewHighs > 300);
}

TEST_CASE("verdicts read back from their names") {
    for (const auto verdict : {LeakVerdict::Leak, LeakVerdict::NoLeak, LeakVerdict::Inconclusive})
        CHECK(leakVerdictFromString(toString(verdict)) == verdict);
    CHECK_FALSE(leakVerdictFromString("maybe").has_value());
}
