// Microseconds per ResourceSampler::sample() (CPU, memory, threads, descriptors, cgroup limits): median of
// rounds.
#include "collectors/resources/resource_sampler.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

int main(int argc, char** argv) {
    const int rounds = argc > 1 ? std::atoi(argv[1]) : 7;
    const int samplesPerRound = argc > 2 ? std::atoi(argv[2]) : 2000;
    perflab::ResourceSampler sampler;
    std::vector<double> perSample;
    for (int round = 0; round <= rounds; ++round) { // round 0 warms the caches and is dropped
        const auto start = std::chrono::steady_clock::now();
        for (int i = 0; i < samplesPerRound; ++i)
            sampler.sample(); // an out-of-line call reading files: nothing for the optimizer to drop
        const std::chrono::duration<double, std::micro> spent = std::chrono::steady_clock::now() - start;
        if (round > 0)
            perSample.push_back(spent.count() / samplesPerRound);
    }
    std::sort(perSample.begin(), perSample.end());
    std::printf("perflab ResourceSampler: %.2f us per sample (median of %d rounds of %d)\n",
                perSample[perSample.size() / 2], rounds, samplesPerRound);
}
