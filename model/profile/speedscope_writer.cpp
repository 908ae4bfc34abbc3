// Speedscope writer: groups stacks by their tags and writes each group as a sampled profile.
#include "model/profile/speedscope_writer.h"

#include <nlohmann/json.hpp>

#include <map>
#include <ostream>
#include <utility>

namespace perflab {

namespace {

std::string profileName(const Profile& profile, TagId engine, TagId thread, const std::string& name) {
    const std::string& e = profile.tagName(engine);
    const std::string& t = profile.tagName(thread);
    if (e.empty() && t.empty())
        return name;
    if (e.empty() || t.empty())
        return e + t;
    return e + " / " + t;
}

} // namespace

void writeSpeedscope(const Profile& profile, const std::string& name, std::ostream& out) {
    nlohmann::json frames = nlohmann::json::array();
    for (FrameId id = 0; id < profile.frameCount(); ++id)
        frames.push_back({{"name", profile.frameName(id)}});

    // Ordered by tag ids, so the output is the same for the same profile.
    std::map<std::pair<TagId, TagId>, std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < profile.stackCount(); ++i) {
        const Profile::Stack s = profile.stack(i);
        groups[{s.engine, s.thread}].push_back(i);
    }
    nlohmann::json profiles = nlohmann::json::array();
    for (const auto& [tags, indices] : groups) {
        nlohmann::json samples = nlohmann::json::array();
        nlohmann::json weights = nlohmann::json::array();
        std::uint64_t total = 0;
        for (std::size_t i : indices) {
            const Profile::Stack s = profile.stack(i);
            samples.push_back(std::vector<FrameId>(s.frames.begin(), s.frames.end()));
            weights.push_back(s.count);
            total += s.count;
        }
        profiles.push_back({{"type", "sampled"},
                            {"name", profileName(profile, tags.first, tags.second, name)},
                            {"unit", "none"},
                            {"startValue", 0},
                            {"endValue", total},
                            {"samples", std::move(samples)},
                            {"weights", std::move(weights)}});
    }
    const nlohmann::json file = {{"$schema", "https://www.speedscope.app/file-format-schema.json"},
                                 {"name", name},
                                 {"exporter", "perflab"},
                                 {"activeProfileIndex", 0},
                                 {"shared", {{"frames", std::move(frames)}}},
                                 {"profiles", std::move(profiles)}};
    out << file.dump();
}

} // namespace perflab
