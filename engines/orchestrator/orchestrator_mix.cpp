// Draws the orchestrator's request mix. Services have pod profiles a cluster really runs (general web
// services, CPU-heavy workers, memory-heavy caches and databases, tiny agents); a few services deploy
// far more often than the rest (Zipf). Pod requests come in whole kCpuStep millicores and 64 MiB.
#include "engines/orchestrator/orchestrator_mix.h"

#include "engines/orchestrator/orchestrator_cluster.h"
#include "engines/seeded_random.h"
#include "engines/zipf.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

namespace perflab::engines::orchestrator {

namespace {

struct Shape {
    const char* name;
    double share;
};

enum ShapeId : std::uint32_t { SinglePod, Replicas, MixedBatch, LargeBatch, ScaleOut };

// A batch scheduler is sent few lone pods; most requests are deployments and releases, and a scale-out is
// occasional.
constexpr std::array<Shape, 5> kShapes{{{"single pod", 0.10},
                                        {"replicas of one service", 0.30},
                                        {"mixed batch", 0.35},
                                        {"large mixed batch", 0.20},
                                        {"scale-out batch", 0.05}}};

constexpr std::size_t kServices = 500;
constexpr double kServiceZipf = 1.0;

template <std::size_t N> std::int32_t pick(const std::array<std::int32_t, N>& values, SeededRandom& random) {
    return values[random.below(N)];
}

std::int32_t roundedMemory(double mib) {
    return std::max<std::int32_t>(64, static_cast<std::int32_t>(mib / 64) * 64);
}

// One service's pod: 45 % general, 20 % CPU-heavy, 20 % memory-heavy, 15 % tiny (agents, sidecar-sized).
Pod servicePod(SeededRandom& random) {
    const double profile = random.unit();
    if (profile < 0.45) {
        const std::int32_t cpu = pick(std::array{250, 500, 500, 1000}, random);
        return {cpu, roundedMemory(cpu * (1.0 + 3.0 * random.unit()))}; // 1-4 GiB a core
    }
    if (profile < 0.65) {
        const std::int32_t cpu = pick(std::array{2000, 4000, 4000, 8000}, random);
        return {cpu, roundedMemory(cpu * (0.5 + 0.5 * random.unit()))}; // 0.5-1 GiB a core
    }
    if (profile < 0.85) {
        const std::int32_t cpu = pick(std::array{500, 1000, 2000}, random);
        return {cpu, roundedMemory(cpu * (8.0 + 8.0 * random.unit()))}; // 8-16 GiB a core
    }
    return {pick(std::array{50, 50, 100}, random), pick(std::array{64, 128, 256}, random)};
}

// Workers of a training or batch job, 20-28 cores and 4 GiB a core: only an idle largest machine holds
// one, and a job asks for more of them than a cluster keeps idle.
Pod jobWorker(SeededRandom& random) {
    const std::int32_t cpu = 20'000 + 1'000 * static_cast<std::int32_t>(random.below(9));
    return {cpu, cpu * 4 * 1024 / 1000};
}

class MixDrawer {
public:
    explicit MixDrawer(std::uint64_t seed)
        : m_random(foldSeed(seed), 23) // every bit of the seed counts
        , m_zipf(kServices, kServiceZipf) {
        m_services.reserve(kServices);
        for (std::size_t i = 0; i < kServices; ++i) {
            m_services.push_back(servicePod(m_random));
        }
    }

    std::uint32_t shape() { return static_cast<std::uint32_t>(m_random.byShare(kShapes, &Shape::share)); }

    std::vector<Pod> pods(std::uint32_t shape) {
        std::vector<Pod> pods;
        switch (shape) {
        case SinglePod:
            addReplicas(pods, 1);
            break;
        case Replicas:
            addReplicas(pods, 2 + m_random.below(15));
            break;
        case MixedBatch: // a release of a few services
            for (std::size_t services = 3 + m_random.below(8); services > 0; --services) {
                addReplicas(pods, 1 + m_random.below(16));
            }
            break;
        case LargeBatch: // a drained node pool: every pod on it rescheduled
            for (const std::size_t target = 400 + m_random.below(801); pods.size() < target;) {
                addReplicas(pods, std::min<std::size_t>(1 + m_random.below(16), target - pods.size()));
            }
            break;
        case ScaleOut:
            for (std::size_t workers = 40 + m_random.below(25); workers > 0; --workers) {
                pods.push_back(jobWorker(m_random));
            }
            break;
        }
        return pods;
    }

private:
    void addReplicas(std::vector<Pod>& pods, std::size_t replicas) {
        pods.insert(pods.end(), replicas, m_services[m_zipf(m_random)]);
    }

    SeededRandom m_random;
    ZipfRanks m_zipf;
    std::vector<Pod> m_services; // by popularity rank
};

std::string podsBody(const std::vector<Pod>& pods) {
    std::string body = R"({"pods":[)";
    const char* separator = "";
    for (const Pod& pod : pods) {
        body += separator;
        body += R"({"cpu":)" + std::to_string(pod.cpu) + R"(,"memory":)" + std::to_string(pod.memory) + "}";
        separator = ",";
    }
    return body + "]}";
}

} // namespace

RequestMix drawRequestMix(std::size_t count, std::uint64_t seed) {
    MixDrawer drawer(seed);
    RequestMix mix;
    for (const Shape& shape : kShapes) {
        mix.shapes.emplace_back(shape.name);
    }
    mix.requests.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        // The first requests take each shape once, so even a small draw has every shape.
        const std::uint32_t shape = i < kShapes.size() ? static_cast<std::uint32_t>(i) : drawer.shape();
        mix.requests.push_back({shape, podsBody(drawer.pods(shape))});
    }
    return mix;
}

} // namespace perflab::engines::orchestrator
