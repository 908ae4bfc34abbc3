// A cursor over the request text that accepts only the plain pods list, and gives up at the first
// character that is anything else.
#include "engines/orchestrator/orchestrator_pods_list.h"

#include "engines/orchestrator/orchestrator_request.h"

namespace perflab::engines::orchestrator {

namespace {

class PlainListReader {
public:
    explicit PlainListReader(std::string_view text)
        : m_at(text.data())
        , m_end(text.data() + text.size()) {}

    bool literal(std::string_view expected) {
        skipSpace();
        if (static_cast<std::size_t>(m_end - m_at) < expected.size() ||
            std::string_view(m_at, expected.size()) != expected) {
            return false;
        }
        m_at += expected.size();
        return true;
    }

    // A whole number in 1..limit without sign, leading zero, fraction or exponent.
    bool number(std::int32_t limit, std::int32_t& value) {
        skipSpace();
        if (m_at == m_end || *m_at < '1' || *m_at > '9') {
            return false;
        }
        std::int64_t read = 0;
        for (; m_at != m_end && *m_at >= '0' && *m_at <= '9'; ++m_at) {
            read = read * 10 + (*m_at - '0');
            if (read > limit) {
                return false;
            }
        }
        if (m_at != m_end && (*m_at == '.' || *m_at == 'e' || *m_at == 'E')) {
            return false;
        }
        value = static_cast<std::int32_t>(read);
        return true;
    }

    bool pod(Pod& pod) {
        if (!literal("{")) {
            return false;
        }
        const Pod largest = kNodeTypes.back();
        if (literal("\"cpu\"")) {
            return literal(":") && number(largest.cpu, pod.cpu) && literal(",") && literal("\"memory\"") &&
                   literal(":") && number(largest.memory, pod.memory) && literal("}");
        }
        return literal("\"memory\"") && literal(":") && number(largest.memory, pod.memory) && literal(",") &&
               literal("\"cpu\"") && literal(":") && number(largest.cpu, pod.cpu) && literal("}");
    }

    bool atEnd() {
        skipSpace();
        return m_at == m_end;
    }

private:
    void skipSpace() {
        while (m_at != m_end && (*m_at == ' ' || *m_at == '\n' || *m_at == '\r' || *m_at == '\t')) {
            ++m_at;
        }
    }

    const char* m_at;
    const char* m_end;
};

} // namespace

std::optional<std::vector<Pod>> readPlainPodsList(std::string_view text) {
    PlainListReader reader(text);
    if (!reader.literal("{") || !reader.literal("\"pods\"") || !reader.literal(":") || !reader.literal("[")) {
        return std::nullopt;
    }
    std::vector<Pod> pods;
    do {
        Pod pod;
        if (pods.size() == kMaxPods || !reader.pod(pod)) {
            return std::nullopt;
        }
        pods.push_back(pod);
    } while (reader.literal(","));
    if (!reader.literal("]") || !reader.literal("}") || !reader.atEnd()) {
        return std::nullopt;
    }
    return pods;
}

} // namespace perflab::engines::orchestrator
