// Parses and validates the orchestrator request; a pod larger than every node type is refused here,
// since no scale-out could place it. A plain pods list, the common form, is read in one pass
// (orchestrator_pods_list.h); any other text as a stream of JSON events, never as a tree: a request of
// thousands of pods then costs its lexing, not an object and two map nodes a pod.
#include "engines/orchestrator/orchestrator_request.h"

#include "engines/orchestrator/orchestrator_pods_list.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <limits>
#include <optional>
#include <string>

namespace perflab::engines::orchestrator {

namespace {

// A whole-number field as read: absent, something else, or a value.
struct Field {
    enum State { Missing, NotWhole, Whole } state = Missing;
    std::int64_t value = 0;

    // Empty when the value is in 1..limit; else what is wrong, for a person.
    std::string problem(std::string_view key, const std::string& where, std::int64_t limit) const {
        if (state != Whole) {
            return where + ": \"" + std::string(key) + "\" must be a whole number";
        }
        if (value <= 0 || value > limit) {
            return where + ": \"" + std::string(key) + "\" is " + std::to_string(value) + ", expected 1.." +
                   std::to_string(limit);
        }
        return {};
    }
};

std::string unknownKey(const std::string& where, const std::string& key, std::string_view expected) {
    return where + ": unknown key \"" + key + "\" (expected " + std::string(expected) + ")";
}

// nlohmann's SAX interface over the request. Problems are ranked as a reader of the whole request would
// see them (not an object, unknown keys, not exactly one of pods and batch, the list, then its pods in
// order); the lowest-ranked first one is thrown once the text is known to be valid JSON.
class RequestReader {
public:
    bool null() { return scalar(Field::NotWhole, 0); }
    bool boolean(bool) { return scalar(Field::NotWhole, 0); }
    bool number_integer(std::int64_t value) { return scalar(Field::Whole, value); }
    bool number_unsigned(std::uint64_t value) {
        return scalar(Field::Whole, static_cast<std::int64_t>(std::min<std::uint64_t>(
                                        value, std::numeric_limits<std::int64_t>::max())));
    }
    bool number_float(double, const std::string&) { return scalar(Field::NotWhole, 0); }
    bool string(std::string&) { return scalar(Field::NotWhole, 0); }
    bool binary(nlohmann::json::binary_t&) { return scalar(Field::NotWhole, 0); }
    bool start_object(std::size_t) { return container(true); }
    bool start_array(std::size_t) { return container(false); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }
    bool key(std::string& key);
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }

    std::vector<Pod> result(); // throws RequestError

private:
    enum class In { Request, Pods, Pod, Batch };
    enum Rank { NotObject, UnknownKey, NotExactlyOne, List, Item };

    bool scalar(Field::State state, std::int64_t value);
    bool container(bool isObject);
    bool close();
    void fail(Rank rank, std::string message);
    Field* field(); // the pod's or batch's field the current key names; null for an unknown key
    std::string podName() const { return "pods[" + std::to_string(m_listed - 1) + "]"; }

    std::vector<In> m_open;    // containers being read, outermost first
    std::size_t m_skipped = 0; // depth inside a value that is not read (after its problem was noted)
    std::string m_key;
    bool m_sawPods = false, m_sawBatch = false, m_unknownPodKey = false;
    std::string m_podProblem; // the first unknown key of the pod being read
    std::size_t m_listed = 0; // elements of "pods" so far
    Field m_cpu, m_memory, m_seed, m_count;
    std::vector<Pod> m_pods;
    std::optional<std::pair<Rank, std::string>> m_problem;
};

constexpr std::string_view kPodsShape = "\"pods\" must be an array of 1..";
constexpr std::string_view kPodShape = " must be an object with \"cpu\" (millicores) and \"memory\" (MiB)";
constexpr std::string_view kBatchShape = "\"batch\" must be an object such as {\"seed\":7,\"pods\":200}";

std::string podsShape() {
    return std::string(kPodsShape) + std::to_string(kMaxPods) +
           " objects such as {\"cpu\":500,\"memory\":1024}";
}

void RequestReader::fail(Rank rank, std::string message) {
    if (!m_problem || rank < m_problem->first) {
        m_problem.emplace(rank, std::move(message));
    }
}

Field* RequestReader::field() {
    if (m_open.back() == In::Pod) {
        return m_key == "cpu" ? &m_cpu : m_key == "memory" ? &m_memory : nullptr;
    }
    return m_key == "seed" ? &m_seed : m_key == "pods" ? &m_count : nullptr;
}

bool RequestReader::key(std::string& key) {
    if (m_skipped > 0) {
        return true;
    }
    m_key = key;
    switch (m_open.back()) {
    case In::Request:
        if (key != "pods" && key != "batch") {
            fail(UnknownKey, unknownKey("request", key, "pods, batch"));
        } else if (key == "pods" ? m_sawPods : m_sawBatch) {
            fail(UnknownKey, "request: \"" + key + "\" is given more than once");
        }
        break;
    case In::Pod:
        if (!m_unknownPodKey && field() == nullptr) {
            m_unknownPodKey = true;
            m_podProblem = unknownKey(podName(), key, "cpu, memory");
        }
        break;
    case In::Batch:
        if (field() == nullptr) {
            fail(Item, unknownKey("batch", key, "seed, pods"));
        }
        break;
    case In::Pods:
        break;
    }
    return true;
}

bool RequestReader::scalar(Field::State state, std::int64_t value) {
    if (m_skipped > 0) {
        return true;
    }
    if (m_open.empty()) {
        fail(NotObject, "request must be a JSON object with \"pods\" or \"batch\"");
    } else if (m_open.back() == In::Request) {
        m_sawPods |= m_key == "pods";
        m_sawBatch |= m_key == "batch";
        if (m_key == "pods") {
            fail(List, podsShape());
        } else if (m_key == "batch") {
            fail(List, std::string(kBatchShape));
        }
    } else if (m_open.back() == In::Pods) {
        ++m_listed;
        fail(Item, podName() + std::string(kPodShape));
    } else if (Field* target = field()) {
        *target = {state, value};
    }
    return true;
}

bool RequestReader::container(bool isObject) {
    if (m_skipped > 0) {
        ++m_skipped;
        return true;
    }
    const bool podsList = !isObject && !m_open.empty() && m_open.back() == In::Request && m_key == "pods";
    const bool batch = isObject && !m_open.empty() && m_open.back() == In::Request && m_key == "batch";
    const bool pod = isObject && !m_open.empty() && m_open.back() == In::Pods;
    if (m_open.empty() && isObject) {
        m_open.push_back(In::Request);
    } else if (podsList) {
        m_sawPods = true;
        m_open.push_back(In::Pods);
    } else if (batch) {
        m_sawBatch = true;
        m_open.push_back(In::Batch);
    } else if (pod) {
        ++m_listed;
        m_cpu = m_memory = {};
        m_unknownPodKey = false;
        m_open.push_back(In::Pod);
    } else {
        scalar(Field::NotWhole, 0); // whatever a scalar here would have been, a container is too
        m_skipped = 1;
    }
    return true;
}

bool RequestReader::close() {
    if (m_skipped > 0) {
        --m_skipped;
        return true;
    }
    const In closed = m_open.back();
    m_open.pop_back();
    const Pod largest = kNodeTypes.back();
    if (closed == In::Pod) {
        std::string problem = m_unknownPodKey ? m_podProblem : m_cpu.problem("cpu", podName(), largest.cpu);
        if (problem.empty()) {
            problem = m_memory.problem("memory", podName(), largest.memory);
        }
        if (!problem.empty()) {
            fail(Item, std::move(problem));
        } else if (m_listed <= kMaxPods) {
            m_pods.push_back(
                {static_cast<std::int32_t>(m_cpu.value), static_cast<std::int32_t>(m_memory.value)});
        }
    } else if (closed == In::Pods && (m_listed == 0 || m_listed > kMaxPods)) {
        fail(List, podsShape());
    } else if (closed == In::Batch) {
        std::string problem = m_seed.problem("seed", "batch", std::numeric_limits<std::int32_t>::max());
        if (problem.empty()) {
            problem = m_count.problem("pods", "batch", static_cast<std::int64_t>(kMaxPods));
        }
        if (!problem.empty()) {
            fail(Item, std::move(problem));
        }
    } else if (closed == In::Request && m_sawPods == m_sawBatch) {
        fail(NotExactlyOne, "request needs exactly one of \"pods\" (a list) and \"batch\" (a seeded batch)");
    }
    return true;
}

std::vector<Pod> RequestReader::result() {
    if (m_problem) {
        throw RequestError(m_problem->second);
    }
    if (m_sawBatch) {
        return generatePods(static_cast<std::size_t>(m_count.value), static_cast<unsigned>(m_seed.value));
    }
    return std::move(m_pods);
}

} // namespace

std::vector<Pod> parsePods(std::string_view requestJson) {
    if (std::optional<std::vector<Pod>> pods = readPlainPodsList(requestJson)) {
        return std::move(*pods);
    }
    RequestReader reader;
    if (!nlohmann::json::sax_parse(requestJson, &reader)) {
        throw RequestError("request is not valid JSON");
    }
    return reader.result();
}

} // namespace perflab::engines::orchestrator
