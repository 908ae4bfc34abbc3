// Closed model (virtual users): each user sends, waits for the answer, thinks, and sends again.
#pragma once

#include "load/executor.h"
#include "load/virtual_user.h"

#include <memory>
#include <vector>

namespace perflab::load {

// The number of users follows the workload's target (linear ramps); user g of the whole run belongs to
// worker g % threads, so workers stay balanced as the target moves.
class ClosedModelExecutor final : public Executor {
public:
    using Executor::Executor;

    // Users this worker runs when the whole run wants `total`.
    static std::uint32_t usersFor(std::uint32_t total, unsigned index, unsigned count) noexcept;

private:
    boost::asio::awaitable<void> issueUntilEnd() override;
    void wakeIdleUsers() noexcept override;
    void abortUsers() noexcept override;

    void startUsers();
    boost::asio::awaitable<void> userLoop(std::size_t index);

    std::vector<std::unique_ptr<VirtualUser>> m_users;
    std::vector<bool> m_isRunning;
    std::uint32_t m_wanted = 0;
};

} // namespace perflab::load
