// Redis GET/SET of rendered answers through a small connection pool. A Redis that goes away during a
// run costs cache misses and one "cache-unavailable" event, never a failed request.
#include "engines/knowledge/redis_result_cache.h"

#include <hiredis/hiredis.h>

#include <cerrno>
#include <system_error>

namespace perflab::engines::knowledge {

namespace {

constexpr timeval kTimeout{1, 0};

struct ReplyFree {
    void operator()(redisReply* reply) const { freeReplyObject(reply); }
};
using Reply = std::unique_ptr<redisReply, ReplyFree>;

} // namespace

void RedisResultCache::ContextFree::operator()(redisContext* context) const {
    redisFree(context);
}

RedisResultCache::RedisResultCache(std::string host, std::uint16_t port, EngineEvents* events)
    : m_host(std::move(host))
    , m_port(port)
    , m_url("redis://" + m_host + ":" + std::to_string(port))
    , m_events(events) {
    const std::string where = "knowledge result cache: cannot use Redis at " + m_url;
    std::string error;
    errno = 0;
    Connection connection = connect(error);
    const int osError = errno;
    if (!connection) {
        // hiredis words I/O failures as the OS does: keep the OS error, as for any I/O failure.
        if (osError != 0) {
            throw std::system_error(osError, std::generic_category(), where);
        }
        throw std::system_error(std::make_error_code(std::errc::host_unreachable),
                                where + " (" + error + ")");
    }
    const Reply pong(static_cast<redisReply*>(redisCommand(connection.get(), "PING")));
    if (!pong || pong->type == REDIS_REPLY_ERROR) {
        const std::string why = pong ? std::string(pong->str, pong->len) : std::string(connection->errstr);
        throw std::system_error(std::make_error_code(std::errc::protocol_error),
                                where + ": PING failed: " + why);
    }
    m_idle.push_back(std::move(connection));
}

RedisResultCache::~RedisResultCache() = default;

RedisResultCache::Connection RedisResultCache::connect(std::string& error) const {
    Connection connection(redisConnectWithTimeout(m_host.c_str(), m_port, kTimeout));
    if (!connection) {
        error = "out of memory for a Redis connection";
        return nullptr;
    }
    if (connection->err != 0 || redisSetTimeout(connection.get(), kTimeout) != REDIS_OK) {
        error = connection->errstr;
        return nullptr;
    }
    return connection;
}

RedisResultCache::Connection RedisResultCache::acquire() {
    {
        const std::lock_guard lock(m_mutex);
        if (!m_idle.empty()) {
            Connection connection = std::move(m_idle.back());
            m_idle.pop_back();
            return connection;
        }
    }
    std::string error;
    Connection connection = connect(error);
    if (!connection) {
        reportFailure("cannot connect: " + error);
    }
    return connection;
}

void RedisResultCache::release(Connection connection) {
    const std::lock_guard lock(m_mutex);
    m_idle.push_back(std::move(connection));
}

template <class Handle>
bool RedisResultCache::run(Handle handle, const char* format, const std::string& key,
                           const std::string* value) {
    Connection connection = acquire();
    if (!connection) {
        return false;
    }
    const Reply reply(static_cast<redisReply*>(
        value ? redisCommand(connection.get(), format, key.data(), key.size(), value->data(), value->size())
              : redisCommand(connection.get(), format, key.data(), key.size())));
    if (!reply) { // the connection is broken: drop it, a later call connects afresh
        reportFailure(connection->errstr);
        return false;
    }
    if (reply->type == REDIS_REPLY_ERROR) {
        reportFailure(std::string(reply->str, reply->len));
        release(std::move(connection));
        return false;
    }
    reportSuccess();
    handle(*reply);
    release(std::move(connection));
    return true;
}

std::optional<std::string> RedisResultCache::find(const std::string& key) {
    std::optional<std::string> answer;
    run(
        [&](const redisReply& reply) {
            if (reply.type == REDIS_REPLY_STRING) {
                answer.emplace(reply.str, reply.len);
            }
        },
        "GET %b", key, nullptr);
    return answer;
}

void RedisResultCache::store(const std::string& key, const std::string& answer) {
    const std::string format = "SET %b %b EX " + std::to_string(kTimeToLiveSeconds);
    run([](const redisReply&) {}, format.c_str(), key, &answer);
}

void RedisResultCache::reportFailure(const std::string& problem) {
    if (m_healthy.exchange(false) && m_events) {
        m_events->publish(EventKind::CacheUnavailable, "Redis result cache at " + m_url + " failed (" +
                                                           problem +
                                                           "); answering without it until it is back");
    }
}

void RedisResultCache::reportSuccess() {
    if (!m_healthy.exchange(true) && m_events) {
        m_events->publish(EventKind::CacheAvailable, "Redis result cache at " + m_url + " is back");
    }
}

} // namespace perflab::engines::knowledge
