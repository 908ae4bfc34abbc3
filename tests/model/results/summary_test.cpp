// Whole-run totals: percentiles from merged histograms, SLO verdicts, and the JSON and export forms.
#include "model/format/exporters.h"
#include "model/results/summary.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>

using namespace perflab;

namespace {

Interval second(std::int64_t startMs, std::uint64_t requests, std::int64_t latencyUs,
                std::uint64_t errors = 0) {
    Interval i;
    i.startMs = startMs;
    i.counts.requests = requests;
    i.counts.errors = errors;
    i.counts.errorsByKind[static_cast<std::size_t>(ErrorKind::Status5xx)] = errors;
    for (std::uint64_t r = 0; r < requests; ++r) {
        i.latency.record(latencyUs);
        i.serviceTime.record(latencyUs / 2);
    }
    i.resources.processRssBytes = 1000 + static_cast<std::uint64_t>(startMs);
    i.resources.processMemoryPercent = 1.5;
    return i;
}

Scenario scenarioWith(SloSpec slo) {
    Scenario s;
    s.name = "totals";
    s.slo = slo;
    return s;
}

} // namespace

TEST_CASE("the run's p95 comes from the merged histograms, not from averaging seconds") {
    RunTotals totals;
    totals.add(second(0, 90, 1'000));      // 90 fast requests
    totals.add(second(1000, 10, 500'000)); // 10 slow ones in another second
    const Summary s = totals.summarize(1, scenarioWith({}), false);
    CHECK(s.counts.requests == 100);
    CHECK(s.latency.p50 == Approx(1.0).epsilon(0.001));
    CHECK(s.latency.p95 == Approx(500.0).epsilon(0.001)); // the mean of the two seconds' p95 would be ~250
    CHECK(s.latencyUncorrected.p95 == Approx(250.0).epsilon(0.001));
    CHECK(s.durationS == Approx(2.0));
    CHECK(s.throughputRps == Approx(50.0));
    CHECK(s.throughputRpm == Approx(3000.0));
    CHECK(s.rssBytesMax == 2000);
}

TEST_CASE("the plan's default SLOs judge p95, requests per minute, errors, CPU and memory") {
    RunTotals totals;
    for (int t = 0; t < 10; ++t)
        totals.add(second(t * 1000, 200, 5'000, t == 0 ? 1 : 0)); // 12,000 req/min, 0.05 % errors
    const Summary s = totals.summarize(1, scenarioWith({}), false);
    REQUIRE(s.slos.size() == 5);
    CHECK(s.passed);
    CHECK(s.status == RunStatus::Passed);

    SloSpec strict;
    strict.p95Ms = 4.0;
    const Summary failed = totals.summarize(1, scenarioWith(strict), false);
    CHECK_FALSE(failed.passed);
    CHECK(failed.status == RunStatus::Failed);
    CHECK_FALSE(failed.slos[0].pass);
    CHECK(failed.slos[0].value == Approx(5.0).epsilon(0.001));
}

TEST_CASE("an engine's figures are kept in the summary JSON and read back, and said on one line") {
    RunTotals totals;
    totals.add(second(0, 100, 2'000));
    Summary s = totals.summarize(3, scenarioWith({}), false);
    CHECK(toJson(s).find("engine_figures") == std::string::npos); // absent when the engine keeps none
    s.engineFigures = {{.name = "result cache hit rate", .value = 0.625, .unit = "ratio"},
                       {.name = "hit latency mean", .value = 0.004, .unit = "ms"},
                       {.name = "hits", .value = 273'300, .unit = "count"}};
    CHECK(summaryFromJson(toJson(s)).engineFigures == s.engineFigures);
    CHECK(describeEngineFigures(s.engineFigures) ==
          "result cache hit rate 0.625; hit latency mean 0.004 ms; hits 273300");
}

TEST_CASE("an aborted run is reported as aborted whatever its SLOs say") {
    RunTotals totals;
    totals.add(second(0, 10, 1'000));
    CHECK(totals.summarize(1, scenarioWith({}), true).status == RunStatus::Aborted);
}

TEST_CASE("the summary JSON has the keys of docs/cli.md and reads back unchanged") {
    RunTotals totals;
    totals.add(second(0, 100, 2'000, 3));
    const Summary s = totals.summarize(7, scenarioWith({}), false);
    const std::string json = toJson(s);
    for (const char* key :
         {"\"run_id\": 7", "\"throughput_rpm\"", "\"latency_ms\"", "\"latency_uncorrected_ms\"",
          "\"late_sends\"", "\"cpu_percent_max\"", "\"http_5xx\": 3", "\"passed\": false",
          "\"kind\": \"load\"", "\"status\": \"failed\""})
        CHECK(json.find(key) != std::string::npos);
    CHECK(toJson(summaryFromJson(json)) == json);
    CHECK_THROWS_AS(summaryFromJson("{\"run_id\": 1}"), std::invalid_argument);
    nlohmann::json unknown = nlohmann::json::parse(json);
    unknown["status"] = "finished";
    CHECK_THROWS_WITH(summaryFromJson(unknown.dump()), Catch::Contains("unknown run status \"finished\""));
}

TEST_CASE("a soak of a hosted engine carries the RSS leak verdict and reads it back, other runs have none") {
    RunTotals totals;
    for (std::int64_t minute = 0; minute < 6 * 60; ++minute) {
        Interval i = second(minute * 60'000, 1, 1'000);
        i.resources.processRssBytes = 100'000'000 + static_cast<std::uint64_t>(minute) * 100'000; // 6 MB/h
        i.resources.memoryLimitBytes = 1'000'000'000;
        totals.add(i);
    }
    Scenario soak = scenarioWith({});
    soak.kind = TestKind::Soak;
    soak.target.engine.emplace();
    soak.target.engine->engine = "analytics";
    const Summary s = totals.summarize(3, soak, false);
    REQUIRE(s.leak.has_value());
    CHECK(s.leak->verdict == LeakVerdict::Leak);
    CHECK(s.leak->hoursToMemoryLimit.has_value());
    const std::string json = toJson(s);
    for (const char* key : {"\"leak\"", "\"verdict\": \"leak\"", "\"slope_mb_per_h\"", "\"ci_low_mb_per_h\"",
                            "\"ci_high_mb_per_h\"", "\"rss_new_highs\"", "\"hours_to_memory_limit\""})
        CHECK(json.find(key) != std::string::npos);
    CHECK(toJson(summaryFromJson(json)) == json);
    CHECK(toJson(totals.summarize(3, scenarioWith({}), false)).find("\"leak\"") == std::string::npos);
    Scenario urlSoak = soak; // the RSS measured is the generator's, not the remote service's
    urlSoak.target.engine.reset();
    urlSoak.target.requests.emplace_back().url = "http://127.0.0.1:1/";
    CHECK_FALSE(totals.summarize(3, urlSoak, false).leak);
}

TEST_CASE("CSV has a header and one line per second; JUnit has a testcase per SLO") {
    RunTotals totals;
    const auto a = second(1000, 5, 2'000);
    const auto b = second(2000, 7, 3'000);
    totals.add(a);
    totals.add(b);
    std::ostringstream csv;
    writeCsv(csv, {toRow(a), toRow(b)});
    const std::string text = csv.str();
    CHECK(std::count(text.begin(), text.end(), '\n') == 3);
    CHECK(text.find("\n2000,1,1000,7,0,7,") != std::string::npos);

    SloSpec slo;
    slo.p95Ms = 1.0;
    slo.minSuccessfulRequests = 10;
    std::ostringstream junit;
    writeJUnit(junit, totals.summarize(1, scenarioWith(slo), false));
    // Five SLOs and the successful-requests case; p95 and min_rpm fail.
    CHECK(junit.str().find("tests=\"6\" failures=\"2\"") != std::string::npos);
    CHECK(junit.str().find("<failure message=\"p95_ms: measured 3") != std::string::npos);
}

TEST_CASE(
    "windowed SLO results carry their window and first breach in JSON and JUnit, and read back unchanged") {
    RunTotals totals;
    totals.add(second(0, 100, 2'000));
    SloSpec slo;
    slo.windows.push_back({.over = std::chrono::seconds(60), .limits = {.p95Ms = 150}});
    const SloResult window{
        .name = "p95_ms", .threshold = 150, .value = 400, .pass = false, .windowS = 60, .breachedAtS = 42};
    Summary s = totals.summarize(7, scenarioWith(slo), true, {window});
    s.abortReason = "SLO breach: " + describeBreach(window);
    CHECK(s.status == RunStatus::Aborted);
    CHECK_FALSE(s.passed);

    const std::string json = toJson(s);
    CHECK(json.find("\"window_s\": 60") != std::string::npos);
    CHECK(json.find("\"breached_at_s\": 42") != std::string::npos);
    CHECK(json.find("\"abort_reason\": \"SLO breach: p95_ms over 1m: 400, threshold < 150, at 42s\"") !=
          std::string::npos);
    CHECK(toJson(summaryFromJson(json)) == json);
    const auto slos = nlohmann::json::parse(json).at("slos");
    CHECK(slos.front().size() == 4); // whole-run entries keep the four keys of docs/cli.md
    CHECK(slos.back()["name"] == "p95_ms");

    std::ostringstream junit;
    writeJUnit(junit, s);
    CHECK(junit.str().find("<testcase classname=\"perflab.slo\" name=\"p95_ms\" time") != std::string::npos);
    CHECK(junit.str().find("<testcase classname=\"perflab.slo\" name=\"p95_ms over 1m\"") !=
          std::string::npos);
    CHECK(
        junit.str().find("message=\"p95_ms over 1m: measured 400, threshold 150, first breached at 42 s\"") !=
        std::string::npos);
}

TEST_CASE("weighted requests and status classes are summarized apart, by name, and read back from JSON") {
    Scenario scenario;
    scenario.target.requests.resize(2);
    scenario.target.requests[0].url = "http://127.0.0.1:1/a";
    scenario.target.requests[1].url = "http://127.0.0.1:1/b";
    scenario.target.requests[1].method = "POST";
    Interval second;
    second.counts.requests = 3;
    second.counts.errors = 1;
    second.latency.record(1000, 2);
    second.serviceTime.record(1000, 2);
    second.failureTime.record(9000);
    second.byRequest.resize(2);
    second.byRequest[0].requests = 2;
    second.byRequest[0].latency.record(1000, 2);
    second.byRequest[1].requests = 1;
    second.byRequest[1].errors = 1;
    second.byRequest[1].failureTime.record(9000); // a 5xx after 9 ms
    second.byStatusClass.resize(kStatusClassCount);
    second.byStatusClass[0].requests = 2;
    second.byStatusClass[0].latency.record(1000, 2);
    second.byStatusClass[3].requests = 1;
    second.byStatusClass[3].errors = 1;
    second.byStatusClass[3].failureTime.record(9000);
    RunTotals totals;
    totals.nameParts(requestNames(scenario.target));
    totals.add(second);
    const Summary summary = totals.summarize(1, scenario, false);
    REQUIRE(summary.endpoints.size() == 2);
    CHECK(summary.endpoints[0].name == "GET http://127.0.0.1:1/a");
    CHECK(summary.endpoints[1].name == "POST http://127.0.0.1:1/b");
    CHECK(summary.endpoints[1].requests == 1);
    CHECK(summary.endpoints[1].errors == 1);
    CHECK(summary.endpoints[1].latency.p50 == 0); // its one request failed: no latency
    CHECK(summary.endpoints[1].failureTime.p50 == Approx(9.0).epsilon(0.01));
    REQUIRE(summary.statusClasses.size() == 2); // only the classes that occurred
    CHECK(summary.statusClasses[0].name == "2xx");
    CHECK(summary.statusClasses[1].name == "5xx");
    const Summary back = summaryFromJson(toJson(summary));
    CHECK(back.endpoints[1].name == "POST http://127.0.0.1:1/b");
    CHECK(back.statusClasses[1].errors == 1);
    CHECK(back.endpoints[1].failureTime.p50 == Approx(9.0).epsilon(0.01));
    CHECK(toJson(back) == toJson(summary));
}

TEST_CASE("min_availability is judged in the summary, its JSON and JUnit") {
    RunTotals totals;
    for (int t = 0; t < 10; ++t)
        totals.add(second(t * 1000, 200, 5'000, t == 0 ? 1 : 0)); // 1 of 2,000 failed: 99.95 %
    SloSpec slo;
    static_cast<SloLimits&>(slo) = {.minAvailability = 0.9999};
    const Summary s = totals.summarize(1, scenarioWith(slo), false);
    REQUIRE(s.slos.size() == 1);
    CHECK(s.slos[0].value == Approx(0.9995));
    CHECK_FALSE(s.passed);
    CHECK(toJson(s).find("\"name\": \"min_availability\"") != std::string::npos);
    std::ostringstream junit;
    writeJUnit(junit, s);
    CHECK(junit.str().find("<failure message=\"min_availability: measured 0.9995, threshold 0.9999\"") !=
          std::string::npos);
}

namespace {

// A second in which every request failed before an answer: connect errors, each with its time to failure.
Interval refusedSecond(std::int64_t startMs, std::uint64_t requests) {
    Interval i;
    i.startMs = startMs;
    i.counts.requests = requests;
    for (std::uint64_t r = 0; r < requests; ++r) {
        i.counts.addError(ErrorKind::Connect);
        i.failureTime.record(70);
    }
    return i;
}

} // namespace

TEST_CASE("a run whose target never answered fails with the reason, counts no throughput and no latency") {
    RunTotals totals;
    for (int t = 0; t < 3; ++t)
        totals.add(refusedSecond(t * 1000, 75'000));
    SloSpec lenient;
    lenient.p95Ms = 5000;
    lenient.maxErrorRate = std::nullopt; // even with the error budget dropped
    lenient.minRpm = std::nullopt;
    const Summary s = totals.summarize(1, scenarioWith(lenient), false);
    CHECK(s.status == RunStatus::Failed);
    CHECK_FALSE(s.passed);
    CHECK_THAT(s.verdictReason,
               Catch::Contains("the target never answered") && Catch::Contains("225,000 connect"));
    CHECK(s.throughputRps == 0);
    CHECK(s.attemptedRps == Approx(75'000));
    CHECK(s.latency.p95 == 0); // the refused connects' 0.07 ms is no latency of the service
    CHECK(s.failureTime.p95 == Approx(0.07).epsilon(0.01));
    REQUIRE(s.slos.front().name == "p95_ms");
    CHECK_FALSE(s.slos.front().pass); // a limit over no successful request is not met

    const Summary back = summaryFromJson(toJson(s));
    CHECK(back.status == RunStatus::Failed);
    CHECK(back.verdictReason == s.verdictReason);
    CHECK(back.attemptedRps == Approx(75'000));
    CHECK(back.failureTime.p95 == Approx(s.failureTime.p95));
    std::ostringstream junit;
    writeJUnit(junit, s);
    CHECK_THAT(junit.str(), Catch::Contains("type=\"evidence\"") && Catch::Contains("never answered"));
}

TEST_CASE("fewer successful requests than the minimum fail the verdict, saying how many were needed") {
    RunTotals totals;
    totals.add(second(0, 37, 1'000));
    SloSpec slo;
    slo.minRpm = std::nullopt;
    Summary s = totals.summarize(1, scenarioWith(slo), false);
    CHECK(s.status == RunStatus::Failed);
    CHECK(std::all_of(s.slos.begin(), s.slos.end(), [](const SloResult& r) { return r.pass; }));
    CHECK_THAT(s.verdictReason,
               Catch::Contains("only 37 requests succeeded") && Catch::Contains("at least 100"));

    slo.minSuccessfulRequests = 30;
    s = totals.summarize(1, scenarioWith(slo), false);
    CHECK(s.status == RunStatus::Passed);
    CHECK(s.verdictReason.empty());
}

TEST_CASE("throughput counts successful requests and the attempted rate counts every request") {
    RunTotals totals;
    totals.add(second(0, 200, 1'000, 50)); // 50 of 200 answered 5xx
    const Summary s = totals.summarize(1, scenarioWith({}), false);
    CHECK(s.throughputRps == Approx(150));
    CHECK(s.throughputRpm == Approx(9000));
    CHECK(s.attemptedRps == Approx(200));
    const IntervalRow row = toRow(second(0, 200, 1'000, 50));
    CHECK(row.throughputRps() == Approx(150));
    CHECK(row.attemptedRps() == Approx(200));
}
