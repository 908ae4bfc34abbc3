// The widgets never open the run store: they ask the window's store service (widgets/jobs/store_requests.h).
// A scan of widgets/ for code that constructs a RunStore or touches SQLite's connection type.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

namespace {

// A RunStore variable, temporary, make_unique / make_shared or new, and any SqliteDb.
const std::regex
    kOpensStore(R"(\bRunStore\s+\w+\s*[({]|\bRunStore\s*[({]|make_(unique|shared)<\s*(const\s+)?)"
                R"(RunStore\s*>|\bnew\s+RunStore\b|\bSqliteDb\b)");

bool opensStore(const std::string& line) {
    return std::regex_search(line.substr(0, line.find("//")), kOpensStore);
}

std::vector<std::string> linesOpeningTheStore(const std::filesystem::path& folder) {
    std::vector<std::string> found;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
        const std::string extension = entry.path().extension().string();
        if (extension != ".h" && extension != ".cpp")
            continue;
        std::ifstream file(entry.path());
        int number = 0;
        for (std::string line; std::getline(file, line);) {
            ++number;
            if (opensStore(line))
                found.push_back(entry.path().lexically_relative(folder).string() + ":" +
                                std::to_string(number) + ": " + line);
        }
    }
    return found;
}

} // namespace

TEST_CASE("no file under widgets/ constructs a RunStore or a SqliteDb") {
    SECTION("the scan sees the ways a store is opened and passes what only uses one") {
        for (const char* line :
             {"    const RunStore store(path, RunStore::Mode::ReadOnly);", "    RunStore writer{path};",
              "for (auto& run : RunStore(path).runs())", "    m_store = std::make_unique<RunStore>(path);",
              "    auto s = std::make_shared<const RunStore>(path);", "    auto* s = new RunStore(path);",
              "    SqliteDb db(path, flags);"})
            CHECK(opensStore(line));
        for (const char* line :
             {"EnduranceSlice readEnduranceSlice(const RunStore& store, std::int64_t runId);",
              "#include \"model/store/run_store.h\"", "    std::unique_ptr<RunStore> m_store;",
              "    // Replaces the series with a chart read (RunStore::chartSeries): RunStore(path) is not "
              "here"})
            CHECK_FALSE(opensStore(line));
    }
    SECTION("the widgets' sources hold none") {
        const std::filesystem::path widgets = PERFLAB_SOURCE_DIR "/widgets";
        REQUIRE(std::filesystem::is_directory(widgets));
        const std::vector<std::string> found = linesOpeningTheStore(widgets);
        INFO("ask the store service instead (widgets/jobs/store_requests.h)");
        CHECK(found == std::vector<std::string>{});
    }
}
