// perflab serve: hosts the engines over HTTP until SIGINT/SIGTERM.
#include "app/cli.h"
#include "app/cli_args.h"
#include "engines/engine_server.h"

#include <charconv>
#include <chrono>
#include <iostream>
#include <thread>

namespace perflab::cli {

namespace {

const CommandSpec kServeSpec{
    .name = "serve",
    .usage = "usage: perflab serve [--listen 127.0.0.1:8080]\n"
             "Hosts the engines over HTTP: POST /engines/<name>/<variant>, GET /health.\n",
    .valueOptions = {"--listen"},
    .flags = {}};

std::pair<std::string, std::uint16_t> parseListen(const std::string& text) {
    const auto colon = text.rfind(':');
    unsigned port = 0;
    const char* end = text.data() + text.size();
    if (colon == std::string::npos || colon == 0 ||
        std::from_chars(text.data() + colon + 1, end, port).ptr != end || port > 65535)
        throw UsageError("serve: --listen expects HOST:PORT, got \"" + text + "\"");
    return {text.substr(0, colon), static_cast<std::uint16_t>(port)};
}

} // namespace

int runCommandServe(const std::vector<std::string>& arguments) {
    const Args args(kServeSpec, arguments);
    if (args.answeredHelp())
        return kPassed;
    const auto [host, port] = parseListen(args.value("--listen").value_or("127.0.0.1:8080"));
    const auto& stop = installStopSignals();
    engines::EngineRegistry registry;
    engines::EngineServer server(registry, host, port, std::max(1u, std::thread::hardware_concurrency()));
    server.start();
    std::cout << "serving engines at http://" << host << ":" << server.port() << " (";
    for (const auto& name : engines::engineNames())
        std::cout << name << " ";
    std::cout << "x baseline, optimized); Ctrl+C stops\n" << std::flush;
    while (!stop.load())
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    server.stop();
    std::cout << "served " << server.requestsServed() << " requests\n";
    return kPassed;
}

} // namespace perflab::cli
