// The two analytics variants must give the same answers: seeded random requests over a generated
// table, compared value by value, and concurrent calls compared with sequential ones.
#include "engines/analytics/analytics_baseline.h"
#include "engines/analytics/analytics_optimized.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <random>
#include <thread>

using namespace perflab::engines;
using namespace perflab::engines::analytics;
using nlohmann::json;

namespace {

class RequestGenerator {
public:
    explicit RequestGenerator(unsigned seed)
        : m_random(seed) {}

    std::string next() {
        json request;
        request["aggregates"] = aggregates();
        if (chance(0.8)) {
            request["group_by"] =
                pick<std::string>({"region", "channel", "quantity", "region", "channel", "product"});
        }
        if (chance(0.85)) {
            request["filter"] = condition(2);
        }
        return request.dump();
    }

private:
    bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(m_random) < p; }
    int below(int n) { return std::uniform_int_distribution<int>(0, n - 1)(m_random); }
    template <class T> T pick(std::initializer_list<T> items) {
        return items.begin()[below(static_cast<int>(items.size()))];
    }

    std::string literal() {
        return chance(0.5) ? std::to_string(below(25)) : std::to_string(below(1000) / 100.0).substr(0, 4);
    }

    std::string arithmetic(int depth) {
        if (depth == 0 || chance(0.35)) {
            return chance(0.75)
                       ? pick<std::string>({"region", "product", "channel", "price", "quantity", "discount"})
                       : literal();
        }
        const std::string op = pick<std::string>({" + ", " - ", " * ", " / "});
        std::string text = arithmetic(depth - 1) + op + arithmetic(depth - 1);
        return chance(0.5) ? "(" + text + ")" : chance(0.2) ? "-(" + text + ")" : text;
    }

    std::string condition(int depth) {
        if (depth == 0 || chance(0.4)) {
            return arithmetic(1) + pick<std::string>({" < ", " <= ", " > ", " >= ", " == ", " != "}) +
                   arithmetic(1);
        }
        std::string text = "(";
        text += condition(depth - 1);
        text += chance(0.5) ? " and " : " or ";
        text += condition(depth - 1);
        text += ')';
        return text;
    }

    json aggregates() {
        json list = json::array();
        const int count = 1 + below(5);
        for (int i = 0; i < count; ++i) {
            const std::string function =
                pick<std::string>({"sum", "mean", "min", "max", "count", "p50", "p95", "p99"});
            std::string text = function == "count" ? "count()" : function + "(" + arithmetic(2) + ")";
            if (std::find(list.begin(), list.end(), text) == list.end()) {
                list.push_back(text);
            }
        }
        return list;
    }

    std::mt19937 m_random;
};

bool close(const json& expected, const json& actual) {
    if (expected.is_number() && actual.is_number()) {
        const double a = expected.get<double>();
        const double b = actual.get<double>();
        return std::abs(a - b) <= 1e-9 * std::max({std::abs(a), std::abs(b), 1e-300});
    }
    return expected == actual;
}

void requireSameAnswer(const Response& baseline, const Response& optimized, const std::string& request) {
    INFO("request: " << request);
    REQUIRE(baseline.status == optimized.status);
    if (baseline.body == optimized.body) {
        return; // the usual case: both variants do the same double operations in the same order
    }
    const json a = json::parse(baseline.body);
    const json b = json::parse(optimized.body);
    REQUIRE(a.size() == b.size());
    if (baseline.status != 200) {
        REQUIRE(a == b);
        return;
    }
    REQUIRE(a["rows_scanned"] == b["rows_scanned"]);
    REQUIRE(a["rows_matched"] == b["rows_matched"]);
    REQUIRE(a["groups"].size() == b["groups"].size());
    for (std::size_t g = 0; g < a["groups"].size(); ++g) {
        REQUIRE(a["groups"][g].size() == b["groups"][g].size());
        const json& expected = a["groups"][g];
        const json& actual = b["groups"][g];
        for (const auto& [key, value] : expected.items()) {
            if (!actual.contains(key) || !close(value, actual[key])) { // FAIL only then: messages are costly
                FAIL("group " << g << " " << key << ": baseline " << value.dump() << " vs optimized "
                              << (actual.contains(key) ? actual[key].dump() : "missing"));
            }
        }
    }
}

const std::vector<SalesRow>& sharedRows() {
    static const std::vector<SalesRow> rows = generateRows(5'000, 11);
    return rows;
}

} // namespace

TEST_CASE("baseline and optimized agree on 200 seeded random requests") {
    AnalyticsBaseline baseline(sharedRows());
    AnalyticsOptimized optimized(sharedRows());
    RequestGenerator generator(2024);
    std::size_t nonEmpty = 0;
    for (int i = 0; i < 200; ++i) {
        const std::string request = generator.next();
        const Response expected = baseline.execute(request);
        REQUIRE(expected.status == 200); // the generator only writes valid requests
        requireSameAnswer(expected, optimized.execute(request), request);
        nonEmpty += expected.body.ends_with(R"j("rows_matched":0})j") ? 0 : 1;
    }
    CHECK(nonEmpty > 100); // the comparison exercised real aggregation, not just empty results
}

TEST_CASE("baseline and optimized agree on malformed requests") {
    AnalyticsBaseline baseline(sharedRows());
    AnalyticsOptimized optimized(sharedRows());
    for (const std::string request :
         {R"j({"aggregates":["sum(price"]})j", R"j({"aggregates":["count()"],"filter":"a<1"})j", R"j([1,2])j",
          R"j({"aggregates":["p0(price)"]})j"}) {
        const Response expected = baseline.execute(request);
        CHECK(expected.status == 400);
        requireSameAnswer(expected, optimized.execute(request), request);
    }
}

TEST_CASE("concurrent execute calls give the same answers as sequential ones") {
    AnalyticsBaseline baseline(sharedRows());
    AnalyticsOptimized optimized(sharedRows());
    RequestGenerator generator(99);
    std::vector<std::string> requests;
    std::vector<std::string> expected;
    for (int i = 0; i < 8; ++i) {
        requests.push_back(generator.next());
        expected.push_back(optimized.execute(requests.back()).body);
    }
    std::vector<std::vector<std::string>> seen(4);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < seen.size(); ++t) {
        threads.emplace_back([&, t] {
            for (std::size_t i = 0; i < requests.size(); ++i) {
                const std::string& request = requests[(i + t) % requests.size()];
                seen[t].push_back(
                    (t % 2 == 0 ? static_cast<Engine&>(optimized) : baseline).execute(request).body);
            }
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    for (std::size_t t = 0; t < seen.size(); ++t) {
        for (std::size_t i = 0; i < requests.size(); ++i) {
            INFO("thread " << t << " request " << requests[(i + t) % requests.size()]);
            CHECK(seen[t][i] == expected[(i + t) % requests.size()]);
        }
    }
}
