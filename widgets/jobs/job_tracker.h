// Runs an owner's jobs off the UI thread and hands each result to the owner's thread by a posted call, tagged
// with a generation so that the results of superseded jobs are dropped (the job tracker of KDAB's hotspot).
#pragma once

#include <QObject>
#include <QString>
#include <QThreadPool>

#include <atomic>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <utility>

namespace perflab {

class JobTracker {
public:
    enum class Policy {
        NewestWins, // a job supersedes the ones started before it: reads of what is shown now
        EveryJob,   // every job runs and is answered, in the order started: changes that must all happen
    };

    // Jobs run one at a time, in the order started, on a thread of the tracker's own. Answers go to `owner`,
    // which must outlive the tracker. Declare the tracker after the members its jobs use: its destructor
    // drops every answer still to come and waits for the job under way.
    explicit JobTracker(QObject* owner, Policy policy = Policy::NewestWins);
    ~JobTracker();
    JobTracker(const JobTracker&) = delete;
    JobTracker& operator=(const JobTracker&) = delete;

    // Runs job() on the worker; done(result), or failed(message) when job() throws, follows on the owner's
    // thread, never inside this call, unless the job was superseded or cancelled by then. A superseded job
    // that has not started yet is skipped.
    template <class Job, class Done, class Failed> void start(Job job, Done done, Failed failed);
    // Drops the answers of every job started so far.
    void cancel();
    // An answer of a job started since the last cancel() is still to come.
    bool isBusy() const noexcept;

private:
    using Answer = std::function<void()>; // run on the owner's thread
    struct State;

    void submit(std::function<Answer()> work);

    std::shared_ptr<State> m_state; // shared with the jobs and the answers in flight
    Policy m_policy;
    QThreadPool m_worker;
};

template <class Job, class Done, class Failed> void JobTracker::start(Job job, Done done, Failed failed) {
    submit([job = std::move(job), done = std::move(done), failed = std::move(failed)]() -> Answer {
        try {
            return [done, result = job()]() mutable { done(std::move(result)); };
        } catch (const std::exception& e) {
            return [failed, message = QString::fromUtf8(e.what())] { failed(message); };
        }
    });
}

} // namespace perflab
