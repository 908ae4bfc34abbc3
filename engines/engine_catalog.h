// What each hosted engine is and what it accepts, known without building it (its data takes seconds to
// generate): the source of engineNames() and of the engine server's GET /engines.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace perflab::engines {

struct RequestMix;

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

// GET /engines/NAME/mix: the requests a run of the engine's mix sends, in order, each with its shape:
// {"engine", "seed", "shapes": [...], "requests": [{"shape": index, "body": request JSON}]}.
std::string mixJson(std::string_view engine, const RequestMix& mix);

} // namespace perflab::engines
