// The zones' Chrome trace: the Trace Event Format's structure, one track per thread, children inside parents.
#include "collectors/zones/zone.h"
#include "collectors/zones/zone_recording.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

namespace {

using nlohmann::json;

void scan() {
    PERFLAB_ZONE("trace.scan");
    std::this_thread::sleep_for(std::chrono::microseconds(50));
}

void execute() {
    PERFLAB_ZONE("trace.execute");
    { PERFLAB_ZONE("trace.parse"); }
    scan();
    scan();
}

void executeTimes(int times) {
    for (int i = 0; i < times; ++i)
        execute();
}

json recordedTrace(std::size_t limit = perflab::ZoneRecording::kTraceSpans,
                   perflab::ZoneRecording::Spans spans = perflab::ZoneRecording::Spans::Kept) {
    const perflab::ZoneRecording recording(spans);
    std::thread first(executeTimes, 20);
    std::thread second(executeTimes, 20);
    first.join();
    second.join();
    std::ostringstream out;
    recording.writeTrace(out, limit);
    return json::parse(out.str());
}

// Per track, every span lies inside the spans still open when it starts; returns "parent>child" per span
// (the order by start, longest first, puts parents before their children).
std::multiset<std::string> nestingChecked(std::vector<json> events) {
    std::sort(events.begin(), events.end(), [](const json& a, const json& b) {
        return a["ts"].get<double>() != b["ts"].get<double>()
                   ? a["ts"].get<double>() < b["ts"].get<double>()
                   : a["dur"].get<double>() > b["dur"].get<double>();
    });
    constexpr double kRounding = 0.001; // microseconds
    std::multiset<std::string> nesting;
    std::vector<const json*> open;
    for (const json& event : events) {
        const double begin = event["ts"];
        const double end = begin + event["dur"].get<double>();
        while (!open.empty() &&
               (*open.back())["ts"].get<double>() + (*open.back())["dur"].get<double>() <= begin + kRounding)
            open.pop_back();
        if (!open.empty()) {
            const double parentEnd = (*open.back())["ts"].get<double>() + (*open.back())["dur"].get<double>();
            CHECK(end <= parentEnd + kRounding);
        }
        nesting.insert((open.empty() ? "" : (*open.back())["name"].get<std::string>()) + ">" +
                       event["name"].get<std::string>());
        open.push_back(&event);
    }
    return nesting;
}

} // namespace

TEST_CASE("the zones' Chrome trace has complete events per thread with children inside their parents") {
    const json trace = recordedTrace();
    CHECK(trace.at("displayTimeUnit") == "ms");
    const json& events = trace.at("traceEvents");
    REQUIRE(events.size() == 2 * 20 * 4);
    std::map<int, std::vector<json>> byThread;
    for (const json& event : events) {
        CHECK(event.at("ph") == "X");
        CHECK(event.at("cat") == "trace");
        CHECK(event.at("ts").get<double>() >= 0);
        CHECK(event.at("dur").get<double>() >= 0);
        CHECK(event.at("pid").is_number_integer());
        byThread[event.at("tid").get<int>()].push_back(event);
    }
    REQUIRE(byThread.size() == 2);
    for (const auto& [tid, track] : byThread) {
        const std::multiset<std::string> pairs = nestingChecked(track);
        CHECK(pairs.count(">trace.execute") == 20);
        CHECK(pairs.count("trace.execute>trace.parse") == 20);
        CHECK(pairs.count("trace.execute>trace.scan") == 40);
    }
}

TEST_CASE("a trace keeps only the newest spans up to its limit") {
    const json trace = recordedTrace(10);
    CHECK(trace.at("traceEvents").size() == 10);
}

TEST_CASE("a recording that drops spans (a profile without --trace) writes an empty trace") {
    const json trace =
        recordedTrace(perflab::ZoneRecording::kTraceSpans, perflab::ZoneRecording::Spans::Dropped);
    CHECK(trace.at("traceEvents").empty());
    CHECK(recordedTrace().at("traceEvents").size() == 2 * 20 * 4); // the same zones, kept
    // The call tree counts them all the same.
    const perflab::ZoneRecording recording(perflab::ZoneRecording::Spans::Dropped);
    executeTimes(3);
    const perflab::ZoneTree tree = recording.tree();
    std::uint64_t zones = 0;
    for (const auto& node : tree.nodes())
        zones += node.count;
    CHECK(zones == 3 * 4);
}
