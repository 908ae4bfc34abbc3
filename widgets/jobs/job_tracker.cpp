// JobTracker: the generation is read by the worker (to skip a superseded job) and by the answer on the
// owner's thread (to drop a superseded result); everything else happens on the owner's thread.
#include "widgets/jobs/job_tracker.h"

#include <QMetaObject>

namespace perflab {

struct JobTracker::State {
    explicit State(QObject* receiver)
        : owner(receiver) {}

    QObject* owner;
    std::atomic<std::uint64_t> generation{0};
    int pending = 0; // jobs of the current generation not answered yet (owner's thread only)
};

JobTracker::JobTracker(QObject* owner, Policy policy)
    : m_state(std::make_shared<State>(owner))
    , m_policy(policy) {
    m_worker.setMaxThreadCount(1);
}

JobTracker::~JobTracker() {
    cancel();
    m_worker.clear();
    m_worker.waitForDone();
}

void JobTracker::cancel() {
    ++m_state->generation;
    m_state->pending = 0;
}

bool JobTracker::isBusy() const noexcept {
    return m_state->pending > 0;
}

void JobTracker::submit(std::function<Answer()> work) {
    if (m_policy == Policy::NewestWins)
        cancel();
    ++m_state->pending;
    const std::uint64_t generation = m_state->generation;
    m_worker.start([state = m_state, generation, work = std::move(work)] {
        if (state->generation != generation)
            return;
        QMetaObject::invokeMethod(
            state->owner,
            [state, generation, answer = work()] {
                if (state->generation != generation)
                    return;
                --state->pending;
                answer();
            },
            Qt::QueuedConnection);
    });
}

} // namespace perflab
