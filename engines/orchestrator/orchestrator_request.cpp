// Parses and validates the orchestrator request; a pod larger than every node type is refused here,
// since no scale-out could place it.
#include "engines/orchestrator/orchestrator_request.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <limits>
#include <string>

namespace perflab::engines::orchestrator {

namespace {

std::int32_t positiveField(const nlohmann::json& object, const char* key, const std::string& where,
                           std::int64_t limit) {
    const auto it = object.find(key);
    if (it == object.end() || !it->is_number_integer()) {
        throw RequestError(where + ": \"" + key + "\" must be a whole number");
    }
    const auto value = it->get<std::int64_t>();
    if (value <= 0 || value > limit) {
        throw RequestError(where + ": \"" + key + "\" is " + std::to_string(value) + ", expected 1.." +
                           std::to_string(limit));
    }
    return static_cast<std::int32_t>(value);
}

void requireOnlyKeys(const nlohmann::json& object, std::initializer_list<std::string_view> keys,
                     const std::string& where) {
    for (const auto& [key, value] : object.items()) {
        if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
            std::string expected;
            for (std::string_view known : keys) {
                expected += (expected.empty() ? "" : ", ") + std::string(known);
            }
            throw RequestError(where + ": unknown key \"" + key + "\" (expected " + expected + ")");
        }
    }
}

std::vector<Pod> listedPods(const nlohmann::json& list) {
    if (!list.is_array() || list.empty() || list.size() > kMaxPods) {
        throw RequestError("\"pods\" must be an array of 1.." + std::to_string(kMaxPods) +
                           " objects such as {\"cpu\":500,\"memory\":1024}");
    }
    const Pod largest = kNodeTypes.back();
    std::vector<Pod> pods;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string where = "pods[" + std::to_string(i) + "]";
        if (!list[i].is_object()) {
            throw RequestError(where + " must be an object with \"cpu\" (millicores) and \"memory\" (MiB)");
        }
        requireOnlyKeys(list[i], {"cpu", "memory"}, where);
        pods.push_back({positiveField(list[i], "cpu", where, largest.cpu),
                        positiveField(list[i], "memory", where, largest.memory)});
    }
    return pods;
}

std::vector<Pod> batchPods(const nlohmann::json& batch) {
    if (!batch.is_object()) {
        throw RequestError("\"batch\" must be an object such as {\"seed\":7,\"pods\":200}");
    }
    requireOnlyKeys(batch, {"seed", "pods"}, "batch");
    const auto seed = positiveField(batch, "seed", "batch", std::numeric_limits<std::int32_t>::max());
    const auto count = positiveField(batch, "pods", "batch", kMaxPods);
    return generatePods(static_cast<std::size_t>(count), static_cast<unsigned>(seed));
}

} // namespace

std::vector<Pod> parsePods(std::string_view requestJson) {
    const nlohmann::json request = nlohmann::json::parse(requestJson, nullptr, false);
    if (request.is_discarded()) {
        throw RequestError("request is not valid JSON");
    }
    if (!request.is_object()) {
        throw RequestError("request must be a JSON object with \"pods\" or \"batch\"");
    }
    requireOnlyKeys(request, {"pods", "batch"}, "request");
    if (request.contains("pods") == request.contains("batch")) {
        throw RequestError("request needs exactly one of \"pods\" (a list) and \"batch\" (a seeded batch)");
    }
    return request.contains("pods") ? listedPods(request["pods"]) : batchPods(request["batch"]);
}

} // namespace perflab::engines::orchestrator
