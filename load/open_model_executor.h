// Open model (arrival rate): requests start at scheduled times whatever the target's speed, each on a
// free virtual user; a late start is counted, an arrival with no user left is dropped.
#pragma once

#include "load/arrival_schedule.h"
#include "load/executor.h"
#include "load/virtual_user.h"

#include <memory>
#include <vector>

namespace perflab::load {

class OpenModelExecutor final : public Executor {
public:
    explicit OpenModelExecutor(const ExecutorSetup& setup);

    // This worker's share of the run's max_vus (the remainder goes to the first workers).
    static std::uint32_t userCapFor(std::uint32_t maxVus, unsigned index, unsigned count) noexcept;

private:
    struct PooledUser {
        PooledUser(boost::asio::io_context& io, const TargetPlan& plan, engines::EngineExecutor* engineCalls,
                   std::mt19937_64& rng, std::span<char> readBuffer)
            : user(io, plan, engineCalls, rng, readBuffer) {}
        VirtualUser user;
        Clock::time_point intended{};
        bool hasJob = false;
    };

    boost::asio::awaitable<void> issueUntilEnd() override;
    void wakeIdleUsers() noexcept override;
    void abortUsers() noexcept override;

    double nextWork(double& phase);
    void dispatch(Clock::time_point intended);
    boost::asio::awaitable<void> userLoop(PooledUser& pooled);

    std::uint32_t m_cap;
    std::vector<std::unique_ptr<PooledUser>> m_users;
    std::vector<PooledUser*> m_free; // capacity kept at m_users.size(): returning a user never allocates
};

} // namespace perflab::load
