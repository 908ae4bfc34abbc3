// Parses and validates knowledge requests such as
// {"where": [["?p","worksAt","?c"], ["?c","locatedIn","city:17"]], "select": ["?p"], "limit": 10}.
#include "engines/knowledge/pattern_query.h"

#include "collectors/zones/zone.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

namespace perflab::engines::knowledge {

namespace {

using nlohmann::json;

constexpr std::array<const char*, 3> kPositions{"subject", "predicate", "object"};

bool isVariableName(std::string_view name) {
    return name.size() > 1 && std::all_of(name.begin() + 1, name.end(), [](char c) {
               return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
           });
}

class Parser {
public:
    PatternQuery parse(const json& request) {
        if (!request.is_object()) {
            throw RequestError("a knowledge request is a JSON object with \"where\" (and optionally "
                               "\"select\", \"limit\", \"cache\"), got " +
                               std::string(request.type_name()));
        }
        for (const auto& [key, value] : request.items()) {
            if (key != "where" && key != "select" && key != "limit" && key != "cache") {
                throw RequestError("unknown key \"" + key + "\" (allowed: where, select, limit, cache)");
            }
        }
        parseWhere(request);
        parseSelect(request);
        if (const auto limit = request.find("limit"); limit != request.end()) {
            if (!limit->is_number_integer() || *limit < 1 || *limit > PatternQuery::kMaxLimit) {
                throw RequestError("\"limit\" must be a whole number from 1 to " +
                                   std::to_string(PatternQuery::kMaxLimit) + ", got " + limit->dump());
            }
            m_query.limit = limit->get<std::size_t>();
        }
        if (const auto cache = request.find("cache"); cache != request.end()) {
            if (!cache->is_boolean()) {
                throw RequestError("\"cache\" must be true or false, got " + cache->dump());
            }
            m_query.useCache = cache->get<bool>();
        }
        return std::move(m_query);
    }

private:
    void parseWhere(const json& request) {
        const auto where = request.find("where");
        if (where == request.end() || !where->is_array() || where->empty() ||
            where->size() > PatternQuery::kMaxPatterns) {
            throw RequestError("\"where\" must be a list of 1 to " +
                               std::to_string(PatternQuery::kMaxPatterns) +
                               " triple patterns such as [\"?p\", \"worksAt\", \"?c\"]");
        }
        for (std::size_t i = 0; i < where->size(); ++i) {
            const json& pattern = (*where)[i];
            const std::string at = "where[" + std::to_string(i) + "]";
            if (!pattern.is_array() || pattern.size() != 3) {
                throw RequestError(at + " must be a [subject, predicate, object] list of 3 strings, got " +
                                   pattern.dump());
            }
            TriplePattern parsed;
            for (std::size_t position = 0; position < 3; ++position) {
                parsed[position] = term(pattern[position], at + " " + kPositions[position]);
            }
            m_query.where.push_back(std::move(parsed));
        }
        if (m_query.variables.empty()) {
            throw RequestError(
                "\"where\" needs at least one variable (a term starting with ?) to answer with");
        }
    }

    QueryTerm term(const json& value, const std::string& at) {
        if (!value.is_string() || value.get_ref<const std::string&>().empty()) {
            throw RequestError(at + " must be a non-empty string, got " + value.dump());
        }
        const auto& text = value.get_ref<const std::string&>();
        if (text.front() != '?') {
            return {QueryTerm::kConstant, text};
        }
        if (!isVariableName(text)) {
            throw RequestError(at + ": \"" + text +
                               "\" is not a variable name (? then letters, digits or _)");
        }
        const auto known = std::find(m_query.variables.begin(), m_query.variables.end(), text);
        if (known != m_query.variables.end()) {
            return {static_cast<int>(known - m_query.variables.begin()), {}};
        }
        m_query.variables.push_back(text);
        return {static_cast<int>(m_query.variables.size() - 1), {}};
    }

    void parseSelect(const json& request) {
        const auto select = request.find("select");
        if (select == request.end()) {
            for (std::size_t i = 0; i < m_query.variables.size(); ++i) {
                m_query.select.push_back(static_cast<int>(i));
            }
            return;
        }
        if (!select->is_array() || select->empty()) {
            throw RequestError("\"select\" must be a non-empty list of variables used in \"where\"");
        }
        for (const json& name : *select) {
            const auto known = name.is_string()
                                   ? std::find(m_query.variables.begin(), m_query.variables.end(),
                                               name.get_ref<const std::string&>())
                                   : m_query.variables.end();
            if (known == m_query.variables.end()) {
                throw RequestError("\"select\" names " + name.dump() +
                                   ", which is not a variable of \"where\"");
            }
            m_query.select.push_back(static_cast<int>(known - m_query.variables.begin()));
        }
    }

    PatternQuery m_query;
};

} // namespace

std::string PatternQuery::normalized() const {
    json patterns = json::array();
    for (const TriplePattern& pattern : where) {
        json terms = json::array();
        for (const QueryTerm& term : pattern) {
            terms.push_back(term.isVariable() ? variables[static_cast<std::size_t>(term.variable)]
                                              : term.constant);
        }
        patterns.push_back(std::move(terms));
    }
    json columns = json::array();
    for (const int variable : select) {
        columns.push_back(variables[static_cast<std::size_t>(variable)]);
    }
    return json{{"where", std::move(patterns)}, {"select", std::move(columns)}, {"limit", limit}}.dump();
}

PatternQuery parsePatternQuery(std::string_view request) {
    PERFLAB_ZONE("knowledge.parse");
    json parsed;
    try {
        parsed = json::parse(request);
    } catch (const json::parse_error& error) {
        throw RequestError(std::string("the request is not valid JSON: ") + error.what());
    }
    return Parser().parse(parsed);
}

} // namespace perflab::engines::knowledge
