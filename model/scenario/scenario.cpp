// Scenario basics: names of enums, the error type, durations, the load plan over time and file loading.
#include "model/scenario/scenario.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>

namespace perflab {

std::string_view toString(WorkloadModel model) noexcept {
    switch (model) {
    case WorkloadModel::VirtualUsers:
        return "virtual-users";
    case WorkloadModel::ArrivalRate:
        return "arrival-rate";
    }
    return "unknown";
}

std::string_view toString(FaultKind kind) noexcept {
    switch (kind) {
    case FaultKind::UpstreamOutage:
        return "upstream-outage";
    case FaultKind::UpstreamLatency:
        return "upstream-latency";
    case FaultKind::UpstreamErrors:
        return "upstream-errors";
    case FaultKind::UpstreamResets:
        return "upstream-resets";
    }
    return "unknown";
}

std::optional<FaultKind> parseFaultKind(std::string_view name) noexcept {
    const auto* kind = std::find_if(kFaultKinds.begin(), kFaultKinds.end(),
                                    [name](FaultKind candidate) { return toString(candidate) == name; });
    return kind == kFaultKinds.end() ? std::nullopt : std::optional(*kind);
}

ScenarioError::ScenarioError(std::string source, std::string keyPath, const std::string& problem)
    : std::runtime_error((source.empty() ? "" : source + ": ") + (keyPath.empty() ? "" : keyPath + ": ") +
                         problem)
    , m_source(std::move(source))
    , m_keyPath(std::move(keyPath)) {}

Millis parseDuration(std::string_view text) {
    auto invalid = [&](std::string_view why) {
        return std::invalid_argument("invalid duration \"" + std::string(text) + "\" (" + std::string(why) +
                                     ")");
    };
    std::size_t numberEnd = 0;
    while (numberEnd < text.size() &&
           (std::isdigit(static_cast<unsigned char>(text[numberEnd])) || text[numberEnd] == '.'))
        ++numberEnd;
    std::string_view number = text.substr(0, numberEnd);
    std::string_view unit = text.substr(numberEnd);
    double value = 0;
    auto [end, status] =
        std::from_chars(number.data(), number.data() + number.size(), value, std::chars_format::fixed);
    if (number.empty() || status != std::errc{} || end != number.data() + number.size())
        throw invalid(
            "expected a number and a unit: ms, s, m or h, e.g. \"500ms\", \"30s\", \"5m\", \"72h\"");
    double scale = 0;
    if (unit == "ms")
        scale = 1;
    else if (unit == "s")
        scale = 1000;
    else if (unit == "m")
        scale = 60'000;
    else if (unit == "h")
        scale = 3'600'000;
    else
        throw invalid("the unit must be ms, s, m or h");
    double millis = std::round(value * scale);
    if (millis > 8760.0 * 3'600'000)
        throw invalid("longer than a year");
    return Millis{static_cast<std::int64_t>(millis)};
}

std::string formatDuration(Millis duration) {
    std::int64_t ms = duration.count();
    if (ms != 0 && ms % 3'600'000 == 0)
        return std::to_string(ms / 3'600'000) + "h";
    if (ms != 0 && ms % 60'000 == 0)
        return std::to_string(ms / 60'000) + "m";
    if (ms % 1000 == 0)
        return std::to_string(ms / 1000) + "s";
    return std::to_string(ms) + "ms";
}

bool Workload::holds(std::size_t index) const {
    const double previous = index == 0 ? 0 : stages[index - 1].target;
    return stages[index].target > 0 && stages[index].target == previous;
}

Millis Workload::totalDuration() const {
    Millis total{0};
    for (const Stage& stage : stages)
        total += stage.duration;
    return total;
}

double Workload::targetAt(Millis t) const {
    if (t < Millis{0})
        return 0;
    double previous = 0;
    Millis stageStart{0};
    for (const Stage& stage : stages) {
        if (t < stageStart + stage.duration) {
            double fraction =
                static_cast<double>((t - stageStart).count()) / static_cast<double>(stage.duration.count());
            return previous + (stage.target - previous) * fraction;
        }
        stageStart += stage.duration;
        previous = stage.target;
    }
    return 0;
}

Workload Workload::remainingAfter(Millis elapsed) const {
    Workload rest = *this;
    rest.stages.clear();
    Millis stageStart{0};
    for (const Stage& stage : stages) {
        const Millis stageEnd = stageStart + stage.duration;
        if (stageEnd > elapsed && rest.stages.empty())
            rest.stages.push_back({.duration = Millis{0}, .target = targetAt(std::max(elapsed, Millis{0}))});
        if (stageEnd > elapsed)
            rest.stages.push_back(
                {.duration = stageEnd - std::max(elapsed, stageStart), .target = stage.target});
        stageStart = stageEnd;
    }
    return rest;
}

Scenario loadScenario(const std::filesystem::path& file) {
    auto fail = [&] {
        return ScenarioError(file.string(), "", std::string("cannot read: ") + std::strerror(errno));
    };
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> stream(std::fopen(file.c_str(), "rb"), &std::fclose);
    if (!stream)
        throw fail();
    std::string text;
    char buffer[16384];
    std::size_t got = 0;
    while ((got = std::fread(buffer, 1, sizeof buffer, stream.get())) > 0)
        text.append(buffer, got);
    if (std::ferror(stream.get()))
        throw fail();
    return parseScenario(text, file.string());
}

std::string_view engineRequestsName(const EngineTarget& target) noexcept {
    switch (target.requests) {
    case EngineRequests::Mix:
        return "mix";
    case EngineRequests::Sample:
        return "sample";
    case EngineRequests::Body:
        break;
    }
    return "a fixed body";
}

std::string comparisonTarget(const Target& target) {
    if (target.engine)
        return target.engine->engine + " via " + (target.engine->via == Via::Http ? "http" : "call") + ", " +
               std::string(engineRequestsName(*target.engine));
    std::string out;
    for (const HttpRequestSpec& request : target.requests)
        out += (out.empty() ? "" : ", ") + request.method + " " + request.url;
    return out;
}

std::string targetLabel(const Target& target) {
    if (target.engine)
        return target.engine->engine + "/" + target.engine->variant + "/" +
               (target.engine->via == Via::Http ? "http" : "call");
    if (target.requests.empty())
        return "none";
    std::string_view url = target.requests.front().url;
    if (url.starts_with("http://"))
        url.remove_prefix(7);
    return std::string(url.substr(0, url.find_first_of("/?#")));
}

} // namespace perflab
