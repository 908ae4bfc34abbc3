// Tests of model/scenario/scenario.h: the documented file format, the errors a user sees, round trips, ramps.
#include "model/scenario/scenario.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <unistd.h>

using namespace perflab;
using namespace std::chrono_literals;

namespace {

// The example of docs/cli.md "The scenario file", verbatim.
constexpr std::string_view kCliExample = R"({
  "name": "knowledge under load",
  "kind": "load",
  "target": { "engine": "knowledge", "variant": "optimized", "via": "http" },
  "workload": {
    "model": "arrival-rate",
    "stages": [ { "duration": "30s", "target": 2000 }, { "duration": "2m", "target": 2000 } ],
    "max_vus": 10000
  },
  "slo": { "p95_ms": 100, "min_rpm": 10000, "max_error_rate": 0.001,
           "max_cpu_percent": 70, "max_memory_percent": 80 },
  "faults": [ { "at": "60s", "duration": "30s", "kind": "upstream-outage" } ],
  "profile": { "hz": 999 }
})";

// A minimal valid scenario with one part replaced, to provoke one error at a time.
std::string minimalWith(std::string_view target, std::string_view workload, std::string_view extra = "") {
    return R"({ "name": "t", "kind": "load", "target": )" + std::string(target) + R"(, "workload": )" +
           std::string(workload) + std::string(extra) + "}";
}

const std::string kEngine = R"({ "engine": "analytics", "variant": "baseline" })";
const std::string kOneStage = R"({ "stages": [ { "duration": "10s", "target": 5 } ] })";

ScenarioError errorOf(std::string_view json) {
    try {
        parseScenario(json, "scenario.json");
    } catch (const ScenarioError& error) {
        return error;
    }
    FAIL("expected a ScenarioError for " << json);
    throw std::logic_error("unreachable");
}

bool sameRequests(const std::vector<HttpRequestSpec>& a, const std::vector<HttpRequestSpec>& b) {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].url != b[i].url || a[i].method != b[i].method || a[i].headers != b[i].headers ||
            a[i].body != b[i].body || a[i].weight != b[i].weight)
            return false;
    return true;
}

void requireSame(const Scenario& a, const Scenario& b) {
    REQUIRE(a.name == b.name);
    REQUIRE(a.kind == b.kind);
    REQUIRE(a.target.engine.has_value() == b.target.engine.has_value());
    REQUIRE(a.target.timeout == b.target.timeout);
    if (a.target.engine) {
        REQUIRE(a.target.engine->engine == b.target.engine->engine);
        REQUIRE(a.target.engine->variant == b.target.engine->variant);
        REQUIRE(a.target.engine->via == b.target.engine->via);
        REQUIRE(a.target.engine->body == b.target.engine->body);
        REQUIRE(a.target.engine->requests == b.target.engine->requests);
        REQUIRE(a.target.engine->leakKbPerRequest == b.target.engine->leakKbPerRequest);
    }
    REQUIRE(sameRequests(a.target.requests, b.target.requests));
    REQUIRE(a.workload.model == b.workload.model);
    REQUIRE(a.workload.stages.size() == b.workload.stages.size());
    for (std::size_t i = 0; i < a.workload.stages.size(); ++i) {
        REQUIRE(a.workload.stages[i].duration == b.workload.stages[i].duration);
        REQUIRE(a.workload.stages[i].target == b.workload.stages[i].target);
    }
    REQUIRE(a.workload.maxVus == b.workload.maxVus);
    REQUIRE(a.workload.threads == b.workload.threads);
    REQUIRE(a.workload.thinkTime == b.workload.thinkTime);
    REQUIRE(a.workload.pacing == b.workload.pacing);
    REQUIRE(a.workload.poisson == b.workload.poisson);
    REQUIRE(a.slo.p95Ms == b.slo.p95Ms);
    REQUIRE(a.slo.minRpm == b.slo.minRpm);
    REQUIRE(a.slo.maxErrorRate == b.slo.maxErrorRate);
    REQUIRE(a.slo.minAvailability == b.slo.minAvailability);
    REQUIRE(a.slo.maxCpuPercent == b.slo.maxCpuPercent);
    REQUIRE(a.slo.maxMemoryPercent == b.slo.maxMemoryPercent);
    REQUIRE(a.slo.maxDegradedRate == b.slo.maxDegradedRate);
    REQUIRE(a.slo.windows.size() == b.slo.windows.size());
    for (std::size_t i = 0; i < a.slo.windows.size(); ++i) {
        const SloWindow& wa = a.slo.windows[i];
        const SloWindow& wb = b.slo.windows[i];
        REQUIRE(wa.over == wb.over);
        REQUIRE(wa.limits.p95Ms == wb.limits.p95Ms);
        REQUIRE(wa.limits.minRpm == wb.limits.minRpm);
        REQUIRE(wa.limits.maxErrorRate == wb.limits.maxErrorRate);
        REQUIRE(wa.limits.minAvailability == wb.limits.minAvailability);
        REQUIRE(wa.limits.maxCpuPercent == wb.limits.maxCpuPercent);
        REQUIRE(wa.limits.maxMemoryPercent == wb.limits.maxMemoryPercent);
        REQUIRE(wa.limits.maxDegradedRate == wb.limits.maxDegradedRate);
    }
    REQUIRE(a.slo.abortOnBreach == b.slo.abortOnBreach);
    REQUIRE(a.slo.grace == b.slo.grace);
    REQUIRE(a.faults.size() == b.faults.size());
    for (std::size_t i = 0; i < a.faults.size(); ++i) {
        REQUIRE(a.faults[i].at == b.faults[i].at);
        REQUIRE(a.faults[i].duration == b.faults[i].duration);
        REQUIRE(a.faults[i].kind == b.faults[i].kind);
        REQUIRE(a.faults[i].value == b.faults[i].value);
    }
    REQUIRE(a.profile.enabled == b.profile.enabled);
    REQUIRE(a.profile.hz == b.profile.hz);
}

} // namespace

TEST_CASE("the docs/cli.md example scenario parses to the values it spells out") {
    Scenario s = parseScenario(kCliExample);
    CHECK(s.name == "knowledge under load");
    CHECK(s.kind == TestKind::Load);
    REQUIRE(s.target.engine);
    CHECK(s.target.engine->engine == "knowledge");
    CHECK(s.target.engine->variant == "optimized");
    CHECK(s.target.engine->via == Via::Http);
    CHECK(s.target.requests.empty());
    CHECK(s.workload.model == WorkloadModel::ArrivalRate);
    REQUIRE(s.workload.stages.size() == 2);
    CHECK(s.workload.stages[0].duration == 30s);
    CHECK(s.workload.stages[0].target == 2000);
    CHECK(s.workload.stages[1].duration == 2min);
    CHECK(s.workload.maxVus == 10000);
    CHECK(s.workload.threads == 0);
    CHECK_FALSE(s.workload.poisson);
    CHECK(s.slo.p95Ms == 100);
    CHECK(s.slo.minRpm == 10000);
    CHECK(s.slo.maxErrorRate == 0.001);
    CHECK(s.slo.maxCpuPercent == 70);
    CHECK(s.slo.maxMemoryPercent == 80);
    REQUIRE(s.faults.size() == 1);
    CHECK(s.faults[0].at == 60s);
    CHECK(s.faults[0].duration == 30s);
    CHECK(s.faults[0].kind == FaultKind::UpstreamOutage);
    CHECK(s.profile.enabled);
    CHECK(s.profile.hz == 999);
    CHECK(s.workload.totalDuration() == 150s);
}

TEST_CASE("defaults apply to what a scenario leaves out, and a partial slo object sets only its keys and "
          "the error budget") {
    Scenario plain = parseScenario(minimalWith(kEngine, kOneStage));
    CHECK(plain.target.engine->via == Via::Call);
    CHECK(plain.workload.model == WorkloadModel::VirtualUsers);
    CHECK(plain.workload.maxVus == 1000);
    CHECK(plain.slo.p95Ms == 100);
    CHECK(plain.slo.maxMemoryPercent == 80);
    CHECK_FALSE(plain.profile.enabled);

    Scenario partial = parseScenario(minimalWith(kEngine, kOneStage, R"(, "slo": { "p95_ms": 25 })"));
    CHECK(partial.slo.p95Ms == 25);
    CHECK_FALSE(partial.slo.minRpm);
    CHECK(partial.slo.maxErrorRate == 0.001); // kept unless dropped by name
    CHECK_FALSE(partial.slo.maxCpuPercent);
    CHECK_FALSE(partial.slo.maxMemoryPercent);
    CHECK(partial.slo.minSuccessfulRequests == 100);
}

TEST_CASE("the error budget is dropped only by an explicit null, and the drop survives a round trip") {
    const Scenario dropped = parseScenario(
        minimalWith(kEngine, kOneStage, R"(, "slo": { "p95_ms": 25, "max_error_rate": null })"));
    CHECK_FALSE(dropped.slo.maxErrorRate);
    CHECK_FALSE(parseScenario(toJson(dropped)).slo.maxErrorRate);
    const Scenario fewer =
        parseScenario(minimalWith(kEngine, kOneStage, R"(, "slo": { "min_successful_requests": 5 })"));
    CHECK(fewer.slo.minSuccessfulRequests == 5);
    CHECK(parseScenario(toJson(fewer)).slo.minSuccessfulRequests == 5);
}

TEST_CASE("a workload that never reaches one virtual user or any rate is refused, naming its stages") {
    const auto users =
        errorOf(minimalWith(kEngine, R"({ "stages": [ { "duration": "10s", "target": 0 } ] })"));
    CHECK_THAT(users.what(), Catch::Contains("workload.stages") && Catch::Contains("below 1 virtual user"));
    const auto rate = errorOf(minimalWith(
        kEngine, R"({ "model": "arrival-rate", "stages": [ { "duration": "10s", "target": 0 } ] })"));
    CHECK_THAT(rate.what(), Catch::Contains("workload.stages") && Catch::Contains("0 requests/s"));
    // A stage at 0 between busy ones is a spike's pause, not an empty workload.
    CHECK_NOTHROW(parseScenario(minimalWith(
        kEngine,
        R"({ "stages": [ { "duration": "5s", "target": 3 }, { "duration": "5s", "target": 0 } ] })")));
}

TEST_CASE("url and weighted request targets become HTTP request specs") {
    Scenario one = parseScenario(minimalWith(
        R"({ "url": "http://127.0.0.1:8080/q?x=1", "method": "POST", "headers": { "X-B": "2", "A": "1" },
             "body": "{}" })",
        kOneStage));
    REQUIRE(one.target.requests.size() == 1);
    CHECK_FALSE(one.target.engine);
    CHECK(one.target.requests[0].url == "http://127.0.0.1:8080/q?x=1");
    CHECK(one.target.requests[0].method == "POST");
    CHECK(one.target.requests[0].headers ==
          std::vector<std::pair<std::string, std::string>>{{"X-B", "2"}, {"A", "1"}});
    CHECK(one.target.requests[0].weight == 1);

    Scenario mix = parseScenario(minimalWith(
        R"({ "requests": [ { "url": "http://localhost/a", "weight": 3 }, { "url": "http://localhost/b" } ] })",
        kOneStage));
    REQUIRE(mix.target.requests.size() == 2);
    CHECK(mix.target.requests[0].weight == 3);
    CHECK(mix.target.requests[1].method == "GET");

    // Metrics and reports label a run's target briefly: the engine triple, or the first URL's authority.
    CHECK(targetLabel(one.target) == "127.0.0.1:8080");
    CHECK(targetLabel(mix.target) == "localhost");
    CHECK(targetLabel(parseScenario(minimalWith(kEngine, kOneStage)).target).starts_with("analytics/"));
}

TEST_CASE("an unknown key at any depth is an error naming its key path and the keys allowed there") {
    ScenarioError workload = errorOf(minimalWith(kEngine, R"({ "stagez": [], "stages": [] })"));
    CHECK(workload.keyPath() == "workload.stagez");
    CHECK(std::string(workload.what()) ==
          "scenario.json: workload.stagez: unknown key (expected one of: model, stages, max_vus, threads, "
          "think_time, pacing, arrivals)");

    ScenarioError stage = errorOf(minimalWith(
        kEngine,
        R"({ "stages": [ { "duration": "1s", "target": 1 }, { "duration": "1s", "traget": 1 } ] })"));
    CHECK(stage.keyPath() == "workload.stages[1].traget");

    ScenarioError target = errorOf(
        minimalWith(R"({ "engine": "knowledge", "variant": "optimized", "vai": "http" })", kOneStage));
    CHECK(target.keyPath() == "target.vai");
    CHECK(std::string(target.what()).find("expected one of: engine, variant, via, body") !=
          std::string::npos);

    ScenarioError slo = errorOf(minimalWith(kEngine, kOneStage, R"(, "slo": { "p99_ms": 5 })"));
    CHECK(slo.keyPath() == "slo.p99_ms");

    ScenarioError top = errorOf(minimalWith(kEngine, kOneStage, R"(, "profiel": {})"));
    CHECK(top.keyPath() == "profiel");
}

TEST_CASE("wrong types and out-of-range values name the path, the value and what was expected") {
    ScenarioError negative = errorOf(minimalWith(
        kEngine,
        R"({ "stages": [ { "duration": "1s", "target": 1 }, { "duration": "1s", "target": -5 } ] })"));
    CHECK(negative.keyPath() == "workload.stages[1].target");
    CHECK(std::string(negative.what()) == "scenario.json: workload.stages[1].target: must be >= 0, got -5");

    ScenarioError type = errorOf(
        minimalWith(kEngine, R"({ "stages": [ { "duration": "1s", "target": 1 } ], "max_vus": "ten" })"));
    CHECK(std::string(type.what()) == "scenario.json: workload.max_vus: expected a number, got \"ten\"");

    ScenarioError range =
        errorOf(minimalWith(kEngine, R"({ "stages": [ { "duration": "1s", "target": 1 } ], "max_vus": 0 })"));
    CHECK(std::string(range.what()) ==
          "scenario.json: workload.max_vus: must be between 1 and 100000, got 0");

    ScenarioError rate = errorOf(minimalWith(kEngine, kOneStage, R"(, "slo": { "max_error_rate": 1.5 })"));
    CHECK(std::string(rate.what()) == "scenario.json: slo.max_error_rate: must be between 0 and 1, got 1.5");

    ScenarioError variant =
        errorOf(minimalWith(R"({ "engine": "knowledge", "variant": "fast" })", kOneStage));
    CHECK(std::string(variant.what()) ==
          "scenario.json: target.variant: expected one of baseline, optimized, got \"fast\"");

    ScenarioError stages = errorOf(minimalWith(kEngine, R"({ "stages": [] })"));
    CHECK(std::string(stages.what()) == "scenario.json: workload.stages: needs at least one stage");

    ScenarioError both = errorOf(minimalWith(
        kEngine,
        R"({ "stages": [ { "duration": "1s", "target": 1 } ], "think_time": "1s", "pacing": "2s" })"));
    CHECK(both.keyPath() == "workload.pacing");
    CHECK(std::string(both.what()).find("cannot be combined with think_time") != std::string::npos);
}

TEST_CASE("a duration without a known unit is an error that shows the accepted form") {
    ScenarioError error =
        errorOf(minimalWith(kEngine, R"({ "stages": [ { "duration": "5 parsecs", "target": 1 } ] })"));
    CHECK(error.keyPath() == "workload.stages[0].duration");
    CHECK(std::string(error.what()) == "scenario.json: workload.stages[0].duration: invalid duration \"5 "
                                       "parsecs\" (the unit must be ms, s, m "
                                       "or h)");
    ScenarioError zero =
        errorOf(minimalWith(kEngine, R"({ "stages": [ { "duration": "0s", "target": 1 } ] })"));
    CHECK(std::string(zero.what()) ==
          "scenario.json: workload.stages[0].duration: must be longer than 0, got \"0s\"");
}

TEST_CASE(
    "a scenario of the kind kept for imported profiles is refused, naming the kinds a scenario may have") {
    std::string imported = minimalWith(kEngine, kOneStage);
    imported.replace(imported.find("\"load\""), 6, "\"imported\"");
    ScenarioError kind = errorOf(imported);
    CHECK(kind.keyPath() == "kind");
    CHECK_THAT(kind.what(),
               Catch::Contains("expected one of load, stress, soak, spike, dependency-failure, got"));
}

TEST_CASE("a missing name, an https url and a fault after the end are rejected with their key") {
    ScenarioError name = errorOf(R"({ "kind": "load", "target": {}, "workload": {} })");
    CHECK(name.keyPath() == "name");
    CHECK(std::string(name.what()) == "scenario.json: name: required key is missing");

    ScenarioError https = errorOf(minimalWith(R"({ "url": "https://example.com/" })", kOneStage));
    CHECK(https.keyPath() == "target.url");
    CHECK(std::string(https.what()) ==
          "scenario.json: target.url: only http:// URLs are supported for now, got \"https://example.com/\"");

    ScenarioError port = errorOf(minimalWith(R"({ "url": "http://localhost:99999/" })", kOneStage));
    CHECK(port.keyPath() == "target.url");

    ScenarioError fault = errorOf(
        minimalWith(kEngine, kOneStage,
                    R"(, "faults": [ { "at": "1m", "duration": "5s", "kind": "upstream-outage" } ])"));
    CHECK(std::string(fault.what()) ==
          "scenario.json: faults[0].at: starts at 1m, after the workload ends (10s)");
}

TEST_CASE("a fault with an unknown kind, a missing, negative or out-of-range value names its key path") {
    auto faultError = [](std::string_view fault) {
        return errorOf(
            minimalWith(kEngine, kOneStage,
                        R"(, "faults": [ { "at": "1s", "duration": "1s", )" + std::string(fault) + " } ]"));
    };
    CHECK(faultError(R"("kind": "upstream-fire")").keyPath() == "faults[0].kind");
    CHECK_THAT(faultError(R"("kind": "upstream-fire")").what(),
               Catch::Contains("expected one of upstream-outage, upstream-latency, upstream-errors, "
                               "upstream-resets, got \"upstream-fire\""));
    CHECK(faultError(R"("kind": "upstream-latency")").keyPath() == "faults[0].value");
    const ScenarioError negative = faultError(R"("kind": "upstream-latency", "value": -5)");
    CHECK(std::string(negative.what()) == "scenario.json: faults[0].value: must be > 0, got -5");
    const ScenarioError fraction = faultError(R"("kind": "upstream-resets", "value": 1.5)");
    CHECK(
        std::string(fraction.what()) ==
        "scenario.json: faults[0].value: is the fraction of calls that fail, above 0 and at most 1, got 1.5");
    CHECK(faultError(R"("kind": "upstream-outage", "value": 1)").keyPath() == "faults[0].value");
}

TEST_CASE("every fault kind reads back from the name scenario files give it, and no other text names one") {
    for (FaultKind kind : kFaultKinds)
        CHECK(parseFaultKind(toString(kind)) == kind);
    CHECK(toString(FaultKind::UpstreamLatency) == "upstream-latency");
    CHECK_FALSE(parseFaultKind("Upstream-Outage"));
    CHECK_FALSE(parseFaultKind("upstream-fire"));
}

TEST_CASE("faults need a hosted engine target: a URL target never calls the upstream they act on") {
    const ScenarioError error = errorOf(
        minimalWith(R"({ "url": "http://127.0.0.1:8080/" })", kOneStage,
                    R"(, "faults": [ { "at": "1s", "duration": "1s", "kind": "upstream-outage" } ])"));
    CHECK(error.keyPath() == "faults");
    CHECK_THAT(error.what(), Catch::Contains("target the integration engine"));
}

TEST_CASE("malformed JSON reports the line and column of the problem") {
    ScenarioError error = errorOf("{\n  \"name\": \"x\",\n  \"kind\": ,\n}");
    CHECK(error.keyPath().empty());
    std::string message = error.what();
    CHECK(message.rfind("scenario.json: line 3, column 11: invalid JSON: syntax error", 0) == 0);
}

TEST_CASE("an engine target may leak on purpose, a bounded number of KiB per request") {
    const Scenario leaky = parseScenario(minimalWith(
        R"({ "engine": "analytics", "variant": "baseline", "leak_kb_per_request": 64 })", kOneStage));
    CHECK(leaky.target.engine->leakKbPerRequest == 64);
    requireSame(parseScenario(toJson(leaky)), leaky);
    CHECK(parseScenario(minimalWith(kEngine, kOneStage)).target.engine->leakKbPerRequest == 0);

    for (const char* bad : {"-1", "65537", "1.5", "\"64\""}) {
        const ScenarioError error = errorOf(minimalWith(
            std::string(R"({ "engine": "analytics", "variant": "baseline", "leak_kb_per_request": )") + bad +
                "}",
            kOneStage));
        CHECK(error.keyPath() == "target.leak_kb_per_request");
    }
    CHECK(errorOf(minimalWith(R"({ "url": "http://h/", "leak_kb_per_request": 1 })", kOneStage)).keyPath() ==
          "target.leak_kb_per_request");
}

TEST_CASE("toJson writes a file that parses back to the same scenario") {
    Scenario original = parseScenario(kCliExample);
    original.workload.poisson = true;
    original.workload.threads = 3;
    original.faults.push_back(
        {.at = 90s, .duration = 1500ms, .kind = FaultKind::UpstreamErrors, .value = 0.25});
    requireSame(parseScenario(toJson(original)), original);

    Scenario http = parseScenario(minimalWith(
        R"({ "requests": [ { "url": "http://h:81/a", "method": "PUT", "headers": { "Z": "1", "A": "2" },
             "body": "x", "weight": 2.5 }, { "url": "http://h/b" } ] })",
        R"({ "stages": [ { "duration": "1.5s", "target": 3 } ], "think_time": "250ms" })",
        R"(, "slo": {}, "profile": { "enabled": false, "hz": 49 })"));
    CHECK(http.workload.thinkTime == 250ms);
    requireSame(parseScenario(toJson(http)), http);
    Scenario timed = parseScenario(minimalWith(R"({ "url": "http://h/", "timeout": "250ms" })", kOneStage));
    CHECK(timed.target.timeout == 250ms);
    requireSame(parseScenario(toJson(timed)), timed);
    ScenarioError inProcess = errorOf(minimalWith(
        R"({ "engine": "analytics", "variant": "optimized", "via": "call", "timeout": "1s" })", kOneStage));
    CHECK(inProcess.keyPath() == "target.timeout");
    Scenario paced = parseScenario(
        minimalWith(kEngine, R"({ "stages": [ { "duration": "1s", "target": 3 } ], "pacing": "200ms" })"));
    CHECK(paced.workload.pacing == 200ms);
    CHECK(parseScenario(toJson(paced)).workload.pacing == 200ms);
    CHECK(toJson(parseScenario(toJson(http))) == toJson(http));
}

TEST_CASE("slo windows, abort_on_breach and grace parse and survive the toJson round trip") {
    Scenario scenario = parseScenario(minimalWith(kEngine, kOneStage, R"(, "slo": { "p95_ms": 100,
        "windows": [ { "over": "60s", "p95_ms": 150, "max_error_rate": 0.01 },
                     { "over": "5m", "min_rpm": 6000, "max_cpu_percent": 50, "max_memory_percent": 60 } ],
        "abort_on_breach": true, "grace": "30s" })"));
    REQUIRE(scenario.slo.windows.size() == 2);
    CHECK(scenario.slo.windows[0].over == 60s);
    CHECK(scenario.slo.windows[0].limits.p95Ms == 150);
    CHECK(scenario.slo.windows[0].limits.maxErrorRate == 0.01);
    CHECK_FALSE(scenario.slo.windows[0].limits.minRpm);
    CHECK(scenario.slo.windows[1].limits.minRpm == 6000);
    CHECK(scenario.slo.abortOnBreach);
    CHECK(scenario.slo.grace == 30s);
    CHECK_FALSE(scenario.slo.minRpm); // an slo object sets only its keys
    requireSame(parseScenario(toJson(scenario)), scenario);

    const Scenario plain = parseScenario(minimalWith(kEngine, kOneStage));
    CHECK(plain.slo.windows.empty());
    CHECK_FALSE(plain.slo.abortOnBreach);
    CHECK(toJson(plain).find("abort_on_breach") == std::string::npos); // files without it stay as they were
}

TEST_CASE("max_degraded_rate is absent by default, a fraction when set, and survives the round trip") {
    CHECK_FALSE(parseScenario(minimalWith(kEngine, kOneStage)).slo.maxDegradedRate);
    const Scenario judged =
        parseScenario(minimalWith(kEngine, kOneStage, R"(, "slo": { "max_degraded_rate": 0.05,
        "windows": [ { "over": "20s", "max_degraded_rate": 0.5 } ] })"));
    CHECK(judged.slo.maxDegradedRate == 0.05);
    CHECK(judged.slo.windows.at(0).limits.maxDegradedRate == 0.5);
    requireSame(parseScenario(toJson(judged)), judged);
    ScenarioError tooMuch =
        errorOf(minimalWith(kEngine, kOneStage, R"(, "slo": { "max_degraded_rate": 5 })"));
    CHECK(tooMuch.keyPath() == "slo.max_degraded_rate");
}

TEST_CASE("bad slo windows, abort_on_breach and grace values name their key path") {
    auto sloError = [](std::string_view slo) {
        return errorOf(minimalWith(kEngine, kOneStage, R"(, "slo": )" + std::string(slo)));
    };
    ScenarioError unknown =
        sloError(R"({ "windows": [ { "over": "1m", "p95_ms": 1 }, { "over": "1m", "p99_ms": 1 } ] })");
    CHECK(unknown.keyPath() == "slo.windows[1].p99_ms");
    CHECK(std::string(unknown.what()).find("expected one of: over, p95_ms, min_rpm") != std::string::npos);

    ScenarioError fraction = sloError(R"({ "windows": [ { "over": "1500ms", "p95_ms": 1 } ] })");
    CHECK(std::string(fraction.what()) == "scenario.json: slo.windows[0].over: must be a whole number of "
                                          "seconds (a run is measured per second), got \"1500ms\"");
    CHECK(sloError(R"({ "windows": [ { "p95_ms": 1 } ] })").keyPath() == "slo.windows[0].over");
    CHECK(sloError(R"({ "windows": [ { "over": "1m", "p95_ms": 0 } ] })").keyPath() ==
          "slo.windows[0].p95_ms");
    CHECK(sloError(R"({ "windows": [ { "over": "1m", "max_error_rate": 2 } ] })").keyPath() ==
          "slo.windows[0].max_error_rate");
    ScenarioError empty = sloError(R"({ "windows": [ { "over": "1m" } ] })");
    CHECK(empty.keyPath() == "slo.windows[0]");
    CHECK(sloError(R"({ "windows": { "over": "1m" } })").keyPath() == "slo.windows");
    ScenarioError twice =
        sloError(R"({ "windows": [ { "over": "60s", "p95_ms": 1 }, { "over": "1m", "min_rpm": 1 } ] })");
    CHECK(std::string(twice.what()) == "scenario.json: slo.windows[1].over: another window already spans 1m; "
                                       "give all its limits in that one");

    ScenarioError flag = sloError(R"({ "abort_on_breach": "yes" })");
    CHECK(std::string(flag.what()) ==
          "scenario.json: slo.abort_on_breach: expected true or false, got \"yes\"");
    ScenarioError grace = sloError(R"({ "grace": "30s" })");
    CHECK(std::string(grace.what()) ==
          "scenario.json: slo.grace: applies only with \"abort_on_breach\": true");
    CHECK(sloError(R"({ "abort_on_breach": true, "grace": "soon" })").keyPath() == "slo.grace");
}

TEST_CASE("targetAt ramps linearly from the previous stage's target, starting at zero") {
    Workload w;
    w.stages = {
        {.duration = 10s, .target = 100}, {.duration = 20s, .target = 100}, {.duration = 10s, .target = 0}};
    CHECK(w.totalDuration() == 40s);
    CHECK(w.targetAt(0s) == 0);
    CHECK(w.targetAt(5s) == Approx(50));
    CHECK(w.targetAt(10s) == Approx(100));
    CHECK(w.targetAt(25s) == Approx(100));
    CHECK(w.targetAt(35s) == Approx(50));
    CHECK(w.targetAt(40s) == 0);
    CHECK(w.targetAt(-1s) == 0);
}

TEST_CASE("the workload left after a point of a run continues from the level reached to the same end") {
    Workload w;
    w.stages = {{.duration = 10s, .target = 100}, {.duration = 20s, .target = 40}};
    const Workload rest = w.remainingAfter(5s);
    REQUIRE(rest.stages.size() == 3);
    CHECK(rest.totalDuration() == 25s);
    for (auto t : {0s, 1s, 5s, 12s, 24s})
        CHECK(rest.targetAt(t) == Approx(w.targetAt(5s + t)));
    CHECK(w.remainingAfter(10s).stages.size() == 2);
    CHECK(w.remainingAfter(10s).targetAt(0s) == Approx(100));
    CHECK(w.remainingAfter(30s).stages.empty());
    CHECK(w.remainingAfter(-3s).totalDuration() == 30s);
}

TEST_CASE("durations parse with units and fractions, and format back in the largest exact unit") {
    CHECK(parseDuration("500ms") == 500ms);
    CHECK(parseDuration("30s") == 30s);
    CHECK(parseDuration("5m") == 5min);
    CHECK(parseDuration("72h") == 72h);
    CHECK(parseDuration("1.5s") == 1500ms);
    CHECK_THROWS_AS(parseDuration("30"), std::invalid_argument);
    CHECK_THROWS_AS(parseDuration("-5s"), std::invalid_argument);
    CHECK_THROWS_AS(parseDuration("s"), std::invalid_argument);
    CHECK(formatDuration(72h) == "72h");
    CHECK(formatDuration(90s) == "90s");
    CHECK(formatDuration(1500ms) == "1500ms");
    CHECK(formatDuration(2min) == "2m");
}

TEST_CASE("loadScenario names the file it cannot read and the file whose content is wrong") {
    std::filesystem::path missing = std::filesystem::temp_directory_path() / "perflab-no-such-scenario.json";
    try {
        loadScenario(missing);
        FAIL("expected an error");
    } catch (const ScenarioError& error) {
        CHECK(std::string(error.what()) == missing.string() + ": cannot read: No such file or directory");
    }
    std::filesystem::path file =
        std::filesystem::temp_directory_path() / ("perflab-scenario-" + std::to_string(getpid()) + ".json");
    std::ofstream(file) << kCliExample;
    CHECK(loadScenario(file).name == "knowledge under load");
    std::ofstream(file) << R"({ "name": "" })";
    CHECK_THROWS_WITH(loadScenario(file), file.string() + ": name: must not be empty");
    std::filesystem::remove(file);
}

TEST_CASE("a stress scenario whose stages only ramp is refused: it would have no step to judge") {
    auto stress = [](std::string_view stages) {
        std::string json = minimalWith(kEngine, stages);
        json.replace(json.find("\"load\""), 6, "\"stress\"");
        return json;
    };
    const std::string ramps =
        R"({ "stages": [ { "duration": "10s", "target": 50 }, { "duration": "10s", "target": 100 } ] })";
    ScenarioError error = errorOf(stress(ramps));
    CHECK(error.keyPath() == "workload.stages");
    CHECK(std::string(error.what()).find("no step to judge") != std::string::npos);
    // The same stages are a fine load test, and one holding stage makes a stress test.
    CHECK(parseScenario(minimalWith(kEngine, ramps)).workload.stages.size() == 2);
    const Scenario stepped = parseScenario(stress(
        R"({ "stages": [ { "duration": "10s", "target": 50 }, { "duration": "10s", "target": 50 } ] })"));
    CHECK(stepped.workload.holds(1));
    CHECK_FALSE(stepped.workload.holds(0));
}

TEST_CASE("min_availability parses for the run and its windows, survives the round trip and is no default") {
    const Scenario scenario = parseScenario(minimalWith(kEngine, kOneStage, R"(, "slo": {
        "min_availability": 0.9999, "windows": [ { "over": "60s", "min_availability": 0.999 } ] })"));
    CHECK(scenario.slo.minAvailability == 0.9999);
    CHECK(scenario.slo.windows[0].limits.minAvailability == 0.999);
    requireSame(parseScenario(toJson(scenario)), scenario);
    CHECK_FALSE(parseScenario(minimalWith(kEngine, kOneStage)).slo.minAvailability);
    try {
        parseScenario(minimalWith(kEngine, kOneStage, R"(, "slo": { "min_availability": 99.99 })"));
        FAIL("a share above 1 was taken");
    } catch (const ScenarioError& e) {
        CHECK(std::string(e.what()).find("slo.min_availability") != std::string::npos);
    }
}

TEST_CASE("an engine target sends its mix unless it asks for its sample or gives a body of its own") {
    const Scenario plain = parseScenario(minimalWith(kEngine, kOneStage));
    CHECK(plain.target.engine->requests == EngineRequests::Mix);
    CHECK(comparisonTarget(plain.target) == "analytics via call, mix");
    const Scenario sample = parseScenario(
        minimalWith(R"({ "engine": "analytics", "variant": "baseline", "requests": "sample" })", kOneStage));
    CHECK(sample.target.engine->requests == EngineRequests::Sample);
    CHECK(comparisonTarget(sample.target) == "analytics via call, sample");
    const Scenario body = parseScenario(minimalWith(
        R"({ "engine": "analytics", "variant": "baseline", "body": "{\"aggregates\": [\"count()\"]}" })",
        kOneStage));
    CHECK(body.target.engine->requests == EngineRequests::Body);
    for (const Scenario* scenario : {&plain, &sample, &body}) {
        const Scenario back = parseScenario(toJson(*scenario));
        CHECK(back.target.engine->requests == scenario->target.engine->requests);
        CHECK(back.target.engine->body == scenario->target.engine->body);
    }

    CHECK(errorOf(minimalWith(R"({ "engine": "analytics", "variant": "baseline", "requests": "all" })",
                              kOneStage))
              .keyPath() == "target.requests");
    const ScenarioError both = errorOf(minimalWith(
        R"({ "engine": "analytics", "variant": "baseline", "requests": "mix", "body": "{}" })", kOneStage));
    CHECK(both.keyPath() == "target.body");
    CHECK_THAT(both.what(), Catch::Contains("leave out \"requests\""));
}
