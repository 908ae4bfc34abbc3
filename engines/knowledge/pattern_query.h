// A knowledge request, parsed and validated: conjunctive triple patterns, the variables to return, a
// row limit and whether the result cache may answer it.
#pragma once

#include <array>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace perflab::engines::knowledge {

// What is wrong with a request, worded for the person who wrote it (answered with status 400).
class RequestError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct QueryTerm {
    static constexpr int kConstant = -1;
    int variable = kConstant; // index into PatternQuery::variables, or kConstant
    std::string constant;     // the term's text when it is a constant
    bool isVariable() const noexcept { return variable != kConstant; }
};

using TriplePattern = std::array<QueryTerm, 3>; // subject, predicate, object

struct PatternQuery {
    static constexpr std::size_t kMaxPatterns = 8;
    static constexpr std::size_t kDefaultLimit = 100;
    static constexpr std::size_t kMaxLimit = 10'000;

    std::vector<TriplePattern> where;
    std::vector<std::string> variables; // names with their "?", in order of first appearance
    std::vector<int> select;            // indices into variables, in answer column order
    std::size_t limit = kDefaultLimit;
    bool useCache = true;

    // The same text for requests that differ only in spacing, key order or the cache flag.
    std::string normalized() const;
};

// Throws RequestError naming the offending key or pattern.
PatternQuery parsePatternQuery(std::string_view request);

} // namespace perflab::engines::knowledge
