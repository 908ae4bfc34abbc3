// Adding facts to the store and fingerprinting its content.
#include "engines/knowledge/fact_store.h"

namespace perflab::engines::knowledge {

namespace {

// FNV-1a: stable across builds and machines, unlike std::hash.
class Fnv1a {
public:
    void add(std::string_view bytes) {
        for (const char c : bytes) {
            m_hash = (m_hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
        }
        m_hash = (m_hash ^ 0xffU) * 0x100000001b3ULL; // separator: "ab","c" differs from "a","bc"
    }
    void add(TermId id) {
        for (int shift = 0; shift < 32; shift += 8) {
            m_hash = (m_hash ^ ((id >> shift) & 0xffU)) * 0x100000001b3ULL;
        }
    }
    std::uint64_t value() const noexcept { return m_hash; }

private:
    std::uint64_t m_hash = 0xcbf29ce484222325ULL;
};

} // namespace

void FactStore::add(std::string_view subject, std::string_view predicate, std::string_view object) {
    const TermId s = m_terms.intern(subject);
    const TermId p = m_terms.intern(predicate);
    m_facts.push_back({s, p, m_terms.intern(object)});
}

std::uint64_t FactStore::fingerprint() const {
    Fnv1a hash;
    for (std::size_t id = 0; id < m_terms.size(); ++id) {
        hash.add(m_terms.text(static_cast<TermId>(id)));
    }
    for (const Fact& fact : m_facts) {
        hash.add(fact.subject);
        hash.add(fact.predicate);
        hash.add(fact.object);
    }
    return hash.value();
}

} // namespace perflab::engines::knowledge
