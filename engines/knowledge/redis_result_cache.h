// The result cache on a Redis server (hiredis): answers survive the process and are shared by every
// process hosting the same fact store. Connections are pooled, one per concurrent caller.
#pragma once

#include "engines/knowledge/result_cache.h"

#include <atomic>
#include <cstdint>
#include <mutex>
#include <vector>

struct redisContext;

namespace perflab::engines::knowledge {

class RedisResultCache final : public ResultCache {
public:
    static constexpr int kTimeToLiveSeconds = 3600; // bounds what a long-lived shared Redis accumulates

    // Connects and pings at once, so a wrong address fails here, naming it, and not request by request.
    // Throws std::system_error.
    RedisResultCache(std::string host, std::uint16_t port, EngineEvents* events);
    ~RedisResultCache() override;

    std::optional<std::string> find(const std::string& key) override;
    void store(const std::string& key, const std::string& answer) override;
    std::string_view kind() const noexcept override { return "redis"; }
    const std::string& url() const noexcept { return m_url; }

private:
    struct ContextFree {
        void operator()(redisContext* context) const;
    };
    using Connection = std::unique_ptr<redisContext, ContextFree>;

    Connection connect(std::string& error) const;
    Connection acquire();
    void release(Connection connection);
    // Runs one command on a pooled connection; reports and drops the connection when it fails. The
    // reply handler sees only non-error replies.
    template <class Handle>
    bool run(Handle handle, const char* format, const std::string& key, const std::string* value);
    void reportFailure(const std::string& problem);
    void reportSuccess();

    std::string m_host;
    std::uint16_t m_port;
    std::string m_url;
    EngineEvents* m_events;
    std::mutex m_mutex;
    std::vector<Connection> m_idle;
    std::atomic<bool> m_healthy{true};
};

} // namespace perflab::engines::knowledge
