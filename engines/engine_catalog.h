// What each hosted engine is and what it accepts, known without building it (its data takes seconds to
// generate): the source of engineNames() and of the engine server's GET /engines.
#pragma once

#include <string>
#include <vector>

namespace perflab::engines {

struct EngineInfo {
    std::string name;
    std::string description;
    std::string requestSchema; // JSON Schema of the request body, as JSON text
    std::string mix;           // what its request mix (Engine::requestMix) holds and how it is drawn
};

// In the order the lab lists them.
const std::vector<EngineInfo>& engineCatalog();

// GET /engines: every engine with its variants, its path and its request schema, as JSON text.
std::string engineCatalogJson();

} // namespace perflab::engines
