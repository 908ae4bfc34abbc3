// The engine choices app/ hands Test setup from the engine catalog, for widget tests that cannot link
// engines/.
#pragma once

#include "widgets/setup/target_editor.h"

#include <vector>

namespace perflab::test {

inline std::vector<EngineChoice> hostedEngines() {
    return {{QStringLiteral("analytics"), QStringLiteral("aggregations")},
            {QStringLiteral("knowledge"), QStringLiteral("pattern queries")},
            {QStringLiteral("orchestrator"), QStringLiteral("placement")},
            {QStringLiteral("integration"), QStringLiteral("upstream calls")}};
}

} // namespace perflab::test
