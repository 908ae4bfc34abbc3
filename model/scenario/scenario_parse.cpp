// parseScenario: JSON text to a validated Scenario; every rejection names the key path and the value.
#include "model/http/header_fields.h"
#include "model/scenario/cache_setting.h"
#include "model/scenario/scenario.h"
#include "model/scenario/scenario_json_node.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <limits>

namespace perflab {

using scenario_detail::Json;
using scenario_detail::JsonNode;

namespace {

constexpr std::uint32_t kMaxVirtualUsers = 100'000;
constexpr std::int64_t kMaxLeakKbPerRequest = 64 * 1024;

void checkUrl(const JsonNode& node, const std::string& url) {
    if (startsWithIgnoringCase(url, "https://"))
        node.fail("only http:// URLs are supported for now, got \"" + url + "\"");
    if (!startsWithIgnoringCase(url, "http://"))
        node.fail("expected a URL of the form http://host[:port][/path], got \"" + url + "\"");
    std::string_view rest = std::string_view(url).substr(7);
    std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
    std::string_view host = authority.substr(0, authority.rfind(':'));
    bool hostOk = !host.empty();
    for (char c : host)
        hostOk = hostOk && (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_');
    if (!hostOk)
        node.fail("the host in \"" + url + "\" is not a valid host name or IPv4 address");
    if (host.size() < authority.size()) {
        std::string_view port = authority.substr(host.size() + 1);
        bool portOk = !port.empty() && port.size() <= 5;
        for (char c : port)
            portOk = portOk && std::isdigit(static_cast<unsigned char>(c));
        if (!portOk || std::stoi(std::string(port)) < 1 || std::stoi(std::string(port)) > 65535)
            node.fail("the port in \"" + url + "\" must be a number from 1 to 65535");
    }
    for (char c : url)
        if (std::isspace(static_cast<unsigned char>(c)) || std::iscntrl(static_cast<unsigned char>(c)))
            node.fail("the URL \"" + url + "\" contains white space or control characters");
}

// Header text goes verbatim onto the wire, so a stray CR/LF would split the request.
void checkHeader(const JsonNode& node, const std::string& name, const std::string& value) {
    if (!isToken(name))
        node.fail("\"" + name + "\" is not a valid header name (letters, digits and !#$%&'*+-.^_`|~ only)");
    for (char c : value)
        if (c == '\r' || c == '\n' || c == '\0')
            node.fail("header values must not contain line breaks or NUL characters");
}

HttpRequestSpec parseRequestFields(const JsonNode& node) {
    HttpRequestSpec spec;
    JsonNode url = node.required("url");
    spec.url = url.string();
    checkUrl(url, spec.url);
    if (auto method = node.optional("method"))
        spec.method = method->oneOf({"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"});
    if (auto headers = node.optional("headers"))
        for (const std::string& name : headers->keys()) {
            JsonNode value = headers->required(name);
            checkHeader(value, name, value.string());
            spec.headers.emplace_back(name, value.string());
        }
    if (auto body = node.optional("body"))
        spec.body = body->string();
    return spec;
}

EngineTarget parseEngineTarget(const JsonNode& node) {
    node.allowOnly(
        {"engine", "variant", "via", "requests", "body", "leak_kb_per_request", "cache", "timeout"});
    EngineTarget target;
    target.engine = node.required("engine").oneOf({"analytics", "knowledge", "orchestrator", "integration"});
    target.variant = node.required("variant").oneOf({"baseline", "optimized"});
    if (auto via = node.optional("via"))
        target.via = via->oneOf({"call", "http"}) == "http" ? Via::Http : Via::Call;
    if (auto requests = node.optional("requests"))
        target.requests =
            requests->oneOf({"mix", "sample"}) == "mix" ? EngineRequests::Mix : EngineRequests::Sample;
    if (auto body = node.optional("body")) {
        if (node.has("requests"))
            body->fail(
                "gives the one request to send: leave out \"requests\" (\"mix\" or \"sample\") with it");
        target.body = body->string();
        target.requests = EngineRequests::Body;
    }
    if (auto leak = node.optional("leak_kb_per_request"))
        target.leakKbPerRequest = static_cast<std::uint32_t>(leak->integer(0, kMaxLeakKbPerRequest));
    if (auto cache = node.optional("cache")) {
        if (target.engine != "knowledge")
            cache->fail("only the knowledge engine has a result cache");
        target.cache = cache->string();
        try {
            parseCacheSetting(target.cache);
        } catch (const std::invalid_argument& bad) {
            cache->fail(bad.what());
        }
    }
    return target;
}

Target parseTarget(const JsonNode& node) {
    node.allowOnly({"engine", "variant", "via", "body", "leak_kb_per_request", "cache", "url", "method",
                    "headers", "requests", "timeout"});
    // An engine target's "requests" says which of its requests to send ("mix" or "sample"); elsewhere it is
    // the list of HTTP requests.
    const bool engine = node.has("engine");
    int forms = int{engine} + int{node.has("url")} + int{node.has("requests") && !engine};
    if (forms != 1)
        node.fail("give exactly one of \"engine\" (a hosted engine), \"url\" or \"requests\"");
    Target target;
    if (auto timeout = node.optional("timeout"))
        target.timeout = timeout->positiveDuration();
    if (engine) {
        target.engine = parseEngineTarget(node);
        if (node.has("timeout") && target.engine->via == Via::Call)
            node.required("timeout").fail(
                "applies only to HTTP targets (an in-process call cannot be cut short)");
    } else if (node.has("url")) {
        node.allowOnly({"url", "method", "headers", "body", "timeout"});
        target.requests.push_back(parseRequestFields(node));
    } else {
        node.allowOnly({"requests", "timeout"});
        JsonNode list = node.required("requests");
        if (list.arraySize() == 0)
            list.fail("needs at least one request");
        for (std::size_t i = 0; i < list.arraySize(); ++i) {
            JsonNode item = list.element(i);
            item.allowOnly({"url", "method", "headers", "body", "weight"});
            HttpRequestSpec spec = parseRequestFields(item);
            if (auto weight = item.optional("weight"))
                spec.weight = weight->above(0);
            target.requests.push_back(std::move(spec));
        }
    }
    return target;
}

Workload parseWorkload(const JsonNode& node) {
    node.allowOnly({"model", "stages", "max_vus", "threads", "think_time", "pacing", "arrivals"});
    Workload workload;
    if (auto model = node.optional("model"))
        workload.model = model->oneOf({"virtual-users", "arrival-rate"}) == "arrival-rate"
                             ? WorkloadModel::ArrivalRate
                             : WorkloadModel::VirtualUsers;
    bool arrivalRate = workload.model == WorkloadModel::ArrivalRate;
    JsonNode stages = node.required("stages");
    if (stages.arraySize() == 0)
        stages.fail("needs at least one stage");
    for (std::size_t i = 0; i < stages.arraySize(); ++i) {
        JsonNode stage = stages.element(i);
        stage.allowOnly({"duration", "target"});
        Millis duration = stage.required("duration").positiveDuration();
        JsonNode target = stage.required("target");
        double value = target.atLeast(0);
        if (!arrivalRate && value > kMaxVirtualUsers)
            target.fail("must be <= " + std::to_string(kMaxVirtualUsers) + " virtual users, got " +
                        scenario_detail::describe(target.json()));
        workload.stages.push_back({.duration = duration, .target = value});
    }
    // A workload that never sends would be judged on nothing.
    const double peak =
        std::max_element(workload.stages.begin(), workload.stages.end(), [](const Stage& a, const Stage& b) {
            return a.target < b.target;
        })->target;
    if (arrivalRate ? peak <= 0 : peak < 1)
        stages.fail(arrivalRate ? "every stage's target is 0 requests/s: the run would send nothing"
                                : "every stage's target is below 1 virtual user: the run would send nothing");
    if (auto maxVus = node.optional("max_vus"))
        workload.maxVus = static_cast<std::uint32_t>(maxVus->integer(1, kMaxVirtualUsers));
    if (auto threads = node.optional("threads"))
        workload.threads = static_cast<std::uint32_t>(threads->integer(0, 256));
    if (auto thinkTime = node.optional("think_time")) {
        if (arrivalRate)
            thinkTime->fail(
                "applies only to model \"virtual-users\" (arrival-rate paces by the stage target)");
        workload.thinkTime = thinkTime->duration();
    }
    if (auto pacing = node.optional("pacing")) {
        if (arrivalRate)
            pacing->fail("applies only to model \"virtual-users\" (arrival-rate paces by the stage target)");
        if (workload.thinkTime > Millis{0})
            pacing->fail("cannot be combined with think_time: pacing already sets the time between requests");
        workload.pacing = pacing->positiveDuration();
    }
    if (auto arrivals = node.optional("arrivals")) {
        if (!arrivalRate)
            arrivals->fail("applies only to model \"arrival-rate\"");
        workload.poisson = arrivals->oneOf({"uniform", "poisson"}) == "poisson";
    }
    return workload;
}

SloLimits parseSloLimits(const JsonNode& node) {
    auto read = [&](std::string_view key, auto check) -> std::optional<double> {
        if (auto value = node.optional(key); value && !(key == "max_error_rate" && value->json().is_null()))
            return check(*value);
        return std::nullopt;
    };
    return {.p95Ms = read("p95_ms", [](const JsonNode& n) { return n.above(0); }),
            .minRpm = read("min_rpm", [](const JsonNode& n) { return n.atLeast(0); }),
            .maxErrorRate = read("max_error_rate", [](const JsonNode& n) { return n.between(0, 1); }),
            .minAvailability = read("min_availability", [](const JsonNode& n) { return n.between(0, 1); }),
            .maxCpuPercent = read("max_cpu_percent", [](const JsonNode& n) { return n.above(0); }),
            .maxMemoryPercent =
                read("max_memory_percent",
                     [](const JsonNode& n) {
                         double value = n.above(0);
                         if (value > 100)
                             n.fail("must be <= 100, got " + scenario_detail::describe(n.json()));
                         return value;
                     }),
            .maxDegradedRate = read("max_degraded_rate", [](const JsonNode& n) { return n.between(0, 1); })};
}

SloWindow parseSloWindow(const JsonNode& node) {
    node.allowOnly({"over", "p95_ms", "min_rpm", "max_error_rate", "min_availability", "max_cpu_percent",
                    "max_memory_percent", "max_degraded_rate"});
    JsonNode over = node.required("over");
    SloWindow window{.over = over.positiveDuration(), .limits = parseSloLimits(node)};
    if (window.over % std::chrono::seconds(1) != Millis{0})
        over.fail("must be a whole number of seconds (a run is measured per second), got " +
                  scenario_detail::describe(over.json()));
    const SloLimits& l = window.limits;
    if (!l.p95Ms && !l.minRpm && !l.maxErrorRate && !l.minAvailability && !l.maxCpuPercent &&
        !l.maxMemoryPercent && !l.maxDegradedRate)
        node.fail("a window needs at least one of p95_ms, min_rpm, max_error_rate, min_availability, "
                  "max_cpu_percent, max_memory_percent, max_degraded_rate");
    return window;
}

SloSpec parseSlo(const JsonNode& node) {
    node.allowOnly({"p95_ms", "min_rpm", "max_error_rate", "min_availability", "max_cpu_percent",
                    "max_memory_percent", "max_degraded_rate", "windows", "abort_on_breach", "grace",
                    "min_successful_requests"});
    SloSpec slo;
    const std::optional<double> planErrorRate = slo.maxErrorRate;
    static_cast<SloLimits&>(slo) = parseSloLimits(node);
    // The error budget is dropped only by saying so: a scenario that names its latency limit alone would
    // otherwise pass with every request failing.
    if (!node.has("max_error_rate"))
        slo.maxErrorRate = planErrorRate;
    if (auto minimum = node.optional("min_successful_requests"))
        slo.minSuccessfulRequests =
            static_cast<std::uint64_t>(minimum->integer(0, std::numeric_limits<std::int64_t>::max()));
    if (auto windows = node.optional("windows"))
        for (std::size_t i = 0; i < windows->arraySize(); ++i) {
            const JsonNode item = windows->element(i);
            SloWindow window = parseSloWindow(item);
            for (const SloWindow& earlier : slo.windows)
                if (earlier.over == window.over) // results are named by key and span, so keep them unique
                    item.failAt("over", "another window already spans " + formatDuration(window.over) +
                                            "; give all its limits in that one");
            slo.windows.push_back(std::move(window));
        }
    if (auto abort = node.optional("abort_on_breach"))
        slo.abortOnBreach = abort->boolean();
    if (auto grace = node.optional("grace")) {
        if (!slo.abortOnBreach)
            grace->fail("applies only with \"abort_on_breach\": true");
        slo.grace = grace->duration();
    }
    return slo;
}

Fault parseFault(const JsonNode& node, Millis workloadEnd) {
    node.allowOnly({"at", "duration", "kind", "value"});
    Fault fault;
    JsonNode at = node.required("at");
    fault.at = at.duration();
    if (fault.at >= workloadEnd)
        at.fail("starts at " + formatDuration(fault.at) + ", after the workload ends (" +
                formatDuration(workloadEnd) + ")");
    fault.duration = node.required("duration").positiveDuration();
    fault.kind = *parseFaultKind(node.required("kind").oneOf(
        {toString(FaultKind::UpstreamOutage), toString(FaultKind::UpstreamLatency),
         toString(FaultKind::UpstreamErrors), toString(FaultKind::UpstreamResets)}));
    if (fault.kind == FaultKind::UpstreamOutage) {
        if (node.has("value"))
            node.failAt("value", "an upstream-outage takes no value (every call fails while it lasts)");
        return fault;
    }
    // A fault without effect would pass a dependency-failure test for the wrong reason: the value is
    // required.
    JsonNode value = node.required("value");
    fault.value = value.above(0);
    if (fault.kind != FaultKind::UpstreamLatency && fault.value > 1)
        value.fail("is the fraction of calls that fail, above 0 and at most 1, got " +
                   scenario_detail::describe(value.json()));
    return fault;
}

ProfileSpec parseProfile(const JsonNode& node) {
    node.allowOnly({"enabled", "hz"});
    ProfileSpec profile{.enabled = true};
    if (auto enabled = node.optional("enabled"))
        profile.enabled = enabled->boolean();
    if (auto hz = node.optional("hz"))
        profile.hz = static_cast<int>(hz->integer(1, 10'000));
    return profile;
}

// Every kind but Imported, which no scenario has.
TestKind parseKind(const JsonNode& node) {
    return parseName<TestKind>(node.oneOf({"load", "stress", "soak", "spike", "dependency-failure"}));
}

// nlohmann reports the offset of the last byte read; people need a line and a column.
std::string syntaxProblem(std::string_view text, const nlohmann::json::parse_error& error) {
    std::size_t offset = std::min<std::size_t>(error.byte, text.size());
    std::size_t line = 1;
    std::size_t lineStart = 0;
    for (std::size_t i = 0; i + 1 < offset; ++i)
        if (text[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    std::string detail = error.what();
    if (auto pos = detail.find("syntax error"); pos != std::string::npos)
        detail = detail.substr(pos);
    std::size_t column = offset > lineStart ? offset - lineStart : 1;
    return "line " + std::to_string(line) + ", column " + std::to_string(column) +
           ": invalid JSON: " + detail;
}

Scenario parseRoot(const JsonNode& root) {
    if (!root.json().is_object())
        root.fail("a scenario must be a JSON object, got " + scenario_detail::describe(root.json()));
    root.allowOnly({"name", "kind", "target", "workload", "slo", "faults", "profile"});
    Scenario scenario;
    scenario.name = root.required("name").nonEmptyString();
    scenario.kind = parseKind(root.required("kind"));
    scenario.target = parseTarget(root.required("target"));
    scenario.workload = parseWorkload(root.required("workload"));
    if (scenario.kind == TestKind::Stress) {
        bool steps = false;
        for (std::size_t i = 0; i < scenario.workload.stages.size(); ++i)
            steps = steps || scenario.workload.holds(i);
        if (!steps)
            root.required("workload")
                .failAt("stages",
                        "a stress test judges the stages that hold a level (a stage whose target equals the "
                        "one before it); these stages only ramp, so there would be no step to judge and no "
                        "breaking point to find");
    }
    if (auto slo = root.optional("slo"))
        scenario.slo = parseSlo(*slo);
    if (auto faults = root.optional("faults")) {
        if (!scenario.target.engine && faults->arraySize() > 0)
            faults->fail("faults act on the hosted engines' upstream, which a URL target never calls; target "
                         "the integration engine");
        for (std::size_t i = 0; i < faults->arraySize(); ++i)
            scenario.faults.push_back(parseFault(faults->element(i), scenario.workload.totalDuration()));
    }
    if (scenario.kind == TestKind::DependencyFailure && scenario.faults.empty())
        root.failAt("faults", "a dependency-failure test needs at least one fault");
    if (auto profile = root.optional("profile"))
        scenario.profile = parseProfile(*profile);
    return scenario;
}

} // namespace

Scenario parseScenario(std::string_view json, const std::string& source) {
    Json document;
    try {
        document = Json::parse(json.begin(), json.end());
    } catch (const nlohmann::json::parse_error& error) {
        throw ScenarioError(source, "", syntaxProblem(json, error));
    }
    return parseRoot(JsonNode(document, "", source));
}

} // namespace perflab
