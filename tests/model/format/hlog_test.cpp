// The HdrHistogram interval log export: the layout log tools expect, and histograms that decode back.
#include "model/format/exporters.h"
#include "model/metrics/base64.h"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

using namespace perflab;

namespace {

constexpr std::int64_t kStartMs = 1'700'000'000'250;

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        out.push_back(line);
    return out;
}

std::vector<std::string> fields(const std::string& line) {
    std::vector<std::string> out;
    std::istringstream in(line);
    for (std::string field; std::getline(in, field, ',');)
        out.push_back(field);
    return out;
}

} // namespace

TEST_CASE("an hlog export has the 1.3 header and a corrected and a service-time line per 10 s window") {
    std::vector<StoredHistogram> windows(2);
    windows[0].startMs = kStartMs;
    windows[0].latency.record(1500, 40);
    windows[0].latency.record(250'000);
    windows[0].serviceTime.record(1200, 41);
    windows[1].startMs = kStartMs + 10'000;
    windows[1].latency.record(3000, 7);
    windows[1].serviceTime.record(2900, 7);
    std::ostringstream out;
    writeHlog(out, windows, kStartMs, kStartMs + 14'500);

    const auto text = lines(out.str());
    REQUIRE(text.size() == 3 + 4);
    CHECK(text[0] == "#[Histogram log format version 1.3]");
    CHECK(text[1].starts_with(
        "#[StartTime: 1700000000.250 (seconds since epoch), Tue Nov 14 22:13:20 UTC 2023]"));
    CHECK(text[2] == R"("StartTimestamp","Interval_Length","Interval_Max","Interval_Compressed_Histogram")");

    const auto first = fields(text[3]);
    REQUIRE(first.size() == 4);
    CHECK(first[0] == "0.000");
    CHECK(first[1] == "10.000");
    CHECK(std::stod(first[2]) == Approx(250.0).epsilon(0.001)); // max in milliseconds
    CHECK(first[3].starts_with("HISTF")); // the V2 compressed cookie, as HdrHistogram writes it
    const Histogram corrected = Histogram::decode(base64Decode(first[3]));
    CHECK(corrected.count() == 41);

    const auto service = fields(text[4]);
    REQUIRE(service.size() == 5);
    CHECK(service[0] == "Tag=service_time");
    CHECK(Histogram::decode(base64Decode(service[4])).count() == 41);

    const auto last = fields(text[5]);
    CHECK(last[0] == "10.000");
    CHECK(last[1] == "4.500"); // the run ended 4.5 s into its last window
    CHECK(Histogram::decode(base64Decode(last[3])).percentile(50) == Approx(3000).epsilon(0.001));
}

TEST_CASE(
    "an hlog export starts no interval before the log's StartTime: the first window is clipped to the run's "
    "start") {
    // Windows are aligned to wall-clock 10 s; this run started 7 s into its first one.
    std::vector<StoredHistogram> windows(2);
    windows[0].startMs = kStartMs - 7'000;
    windows[0].latency.record(1500, 3);
    windows[1].startMs = kStartMs + 3'000;
    windows[1].latency.record(1500, 5);
    std::ostringstream out;
    writeHlog(out, windows, kStartMs, kStartMs + 8'000);

    const auto text = lines(out.str());
    REQUIRE(text.size() == 3 + 4);
    const auto first = fields(text[3]);
    CHECK(first[0] == "0.000");
    CHECK(first[1] == "3.000");
    const auto last = fields(text[5]);
    CHECK(last[0] == "3.000");
    CHECK(last[1] == "5.000");
}
