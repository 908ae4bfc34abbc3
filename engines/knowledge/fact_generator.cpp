// Generates the fact store: countries, cities, companies and products first, then people (type,
// home, employer, acquaintances, purchases) until the requested number of facts is reached.
#include "engines/knowledge/fact_generator.h"

#include <algorithm>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace perflab::engines::knowledge {

namespace {

// Own conversions from raw generator output: std distributions may differ between library versions,
// and the store must be the same everywhere for a seed.
class Random {
public:
    explicit Random(unsigned seed)
        : m_engine(seed) {}
    double unit() { return static_cast<double>(m_engine() >> 11) * 0x1.0p-53; }
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(unit() * static_cast<double>(n)); }

private:
    std::mt19937_64 m_engine;
};

// Rank r (0-based) is drawn with weight 1 / (r + 1).
class Zipf {
public:
    explicit Zipf(std::size_t n) {
        double total = 0;
        for (std::size_t rank = 0; rank < n; ++rank) {
            total += 1.0 / static_cast<double>(rank + 1);
            m_cumulative.push_back(total);
        }
    }
    std::size_t draw(Random& random) const {
        const double target = random.unit() * m_cumulative.back();
        const auto it = std::upper_bound(m_cumulative.begin(), m_cumulative.end(), target);
        return std::min<std::size_t>(static_cast<std::size_t>(it - m_cumulative.begin()),
                                     m_cumulative.size() - 1);
    }

private:
    std::vector<double> m_cumulative;
};

std::string term(const char* kind, std::size_t id) {
    return std::string(kind) + ':' + std::to_string(id);
}

struct Sizes {
    std::size_t people, companies, cities, countries, products;
};

// People average about 8 facts: sized so the facts run out before the people do (the last few people,
// never written, still appear as acquaintances). The other entities scale with the population.
Sizes sizesFor(std::size_t facts) {
    const std::size_t people = std::max<std::size_t>(facts / 7, 20);
    const std::size_t cities = std::max<std::size_t>(people / 400, 5);
    return {people, std::max<std::size_t>(people / 40, 5), cities, std::max<std::size_t>(cities / 25, 2),
            std::max<std::size_t>(people / 20, 10)};
}

class Generator {
public:
    Generator(std::size_t count, unsigned seed)
        : m_count(count)
        , m_sizes(sizesFor(count))
        , m_random(seed)
        , m_cityRank(m_sizes.cities)
        , m_companyRank(m_sizes.companies)
        , m_personRank(m_sizes.people)
        , m_productRank(m_sizes.products) {}

    FactStore run() {
        const Zipf countryRank(m_sizes.countries);
        for (std::size_t i = 0; i < m_sizes.cities; ++i) {
            entity("city", i, "City", "locatedIn", term("country", countryRank.draw(m_random)));
        }
        for (std::size_t i = 0; i < m_sizes.companies; ++i) {
            entity("company", i, "Company", "locatedIn", term("city", m_cityRank.draw(m_random)));
        }
        for (std::size_t i = 0; i < m_sizes.products; ++i) {
            entity("product", i, "Product", "madeBy", term("company", m_companyRank.draw(m_random)));
        }
        for (std::size_t i = 0; i < m_sizes.people && !full(); ++i) {
            person(i);
        }
        return std::move(m_store);
    }

private:
    bool full() const { return m_store.facts().size() >= m_count; }

    void add(const std::string& subject, std::string_view predicate, const std::string& object) {
        if (!full()) {
            m_store.add(subject, predicate, object);
        }
    }

    void entity(const char* kind, std::size_t id, const char* type, const char* link, const std::string& to) {
        const std::string self = term(kind, id);
        add(self, "type", type);
        add(self, link, to);
    }

    void person(std::size_t id) {
        const std::string self = term("person", id);
        add(self, "type", "Person");
        add(self, "livesIn", term("city", m_cityRank.draw(m_random)));
        if (m_random.unit() < 0.9) {
            add(self, "worksAt", term("company", m_companyRank.draw(m_random)));
        }
        links(self, "knows", "person", m_personRank, id);
        links(self, "bought", "product", m_productRank, m_sizes.people); // no product is the person
    }

    // 0-6 distinct popular targets: a person knows nobody twice and never knows themself.
    void links(const std::string& self, const char* predicate, const char* kind, const Zipf& rank,
               std::size_t excluded) {
        const std::size_t wanted = m_random.below(7);
        std::vector<std::size_t> chosen;
        for (std::size_t attempt = 0; chosen.size() < wanted && attempt < 4 * wanted; ++attempt) {
            const std::size_t target = rank.draw(m_random);
            if (target != excluded && std::find(chosen.begin(), chosen.end(), target) == chosen.end()) {
                chosen.push_back(target);
                add(self, predicate, term(kind, target));
            }
        }
    }

    std::size_t m_count;
    Sizes m_sizes;
    Random m_random;
    Zipf m_cityRank, m_companyRank, m_personRank, m_productRank;
    FactStore m_store;
};

} // namespace

FactStore generateFacts(std::size_t count, unsigned seed) {
    if (count == 0) {
        throw std::invalid_argument("the knowledge fact store needs at least 1 fact, got 0");
    }
    return Generator(count, seed).run();
}

} // namespace perflab::engines::knowledge
