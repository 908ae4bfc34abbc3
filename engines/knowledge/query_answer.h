// The answer both variants give: distinct selected rows in the order of their terms' text, cut at the
// limit, with the total count, as JSON. One implementation, so the variants can only differ in what
// they find, not in how they report it.
#pragma once

#include "engines/knowledge/pattern_query.h"
#include "engines/knowledge/term_dictionary.h"
#include "engines/knowledge/term_order.h"

#include <string>
#include <string_view>
#include <vector>

namespace perflab::engines::knowledge {

// `rows` holds the selected columns of every solution, query.select.size() ids per row, duplicates
// allowed; `order` ranks every term they use. Renders {"columns": [...], "rows": [[...], ...], "count": N}.
std::string renderAnswer(const PatternQuery& query, const TermDictionary& terms, const TermOrder& order,
                         const std::vector<TermId>& rows);

std::string renderError(std::string_view message);

} // namespace perflab::engines::knowledge
