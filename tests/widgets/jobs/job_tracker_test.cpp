// JobTracker: answers arrive on the owner's thread after the call that started the job, a newer job drops
// the answer of an older one (and skips it when it has not started), every job is answered in order when
// asked for, and a job that throws reports its message.
#include "widgets/jobs/job_tracker.h"

#include <QCoreApplication>
#include <QStringList>
#include <QTest>
#include <QThread>

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <stdexcept>
#include <vector>

using namespace perflab;

namespace {

// Holds a job on its worker until release() is called; reached() waits until the job is held.
class Gate {
public:
    void wait() {
        m_reached.set_value();
        m_open.get_future().wait();
    }
    void reached() { m_reached.get_future().wait(); }
    void release() { m_open.set_value(); }

private:
    std::promise<void> m_reached;
    std::promise<void> m_open;
};

bool settled(const JobTracker& tracker) {
    return QTest::qWaitFor([&] { return !tracker.isBusy(); }, 5000);
}

// The failure callback of jobs that should not fail: what it got is checked to be empty.
struct Failures {
    QStringList messages;
    auto callback() {
        return [this](const QString& message) { messages.append(message); };
    }
};

} // namespace

TEST_CASE("a job's result is posted to the owner's thread, never delivered inside the call that started it") {
    QObject owner;
    JobTracker tracker(&owner);
    Failures failures;
    QThread* workerThread = nullptr;
    QThread* answerThread = nullptr;
    int answer = 0;
    tracker.start(
        [&] {
            workerThread = QThread::currentThread();
            return 42;
        },
        [&](int value) {
            answerThread = QThread::currentThread();
            answer = value;
        },
        failures.callback());
    // However fast the job is, its answer waits for the owner's event loop.
    QThread::msleep(50);
    CHECK(answer == 0);
    CHECK(tracker.isBusy());
    REQUIRE(settled(tracker));
    CHECK(answer == 42);
    CHECK(answerThread == owner.thread());
    REQUIRE(workerThread != nullptr);
    CHECK(workerThread != owner.thread());
    CHECK(failures.messages.isEmpty());
}

TEST_CASE("a newer job drops the older one's result and skips it when it has not started") {
    QObject owner;
    JobTracker tracker(&owner);
    Gate gate;
    std::atomic<int> ran{0};
    std::vector<int> answers;
    const auto record = [&](int value) { answers.push_back(value); };
    Failures failures;
    const auto fail = failures.callback();
    tracker.start(
        [&] {
            gate.wait();
            ++ran;
            return 1;
        },
        record, fail);
    gate.reached();
    tracker.start(
        [&] {
            ++ran;
            return 2;
        },
        record, fail);
    tracker.start(
        [&] {
            ++ran;
            return 3;
        },
        record, fail);
    gate.release();
    REQUIRE(settled(tracker));
    QTest::qWait(50); // an answer of the first job would have landed by now
    CHECK(answers == std::vector<int>{3});
    CHECK(ran == 2); // the first was under way; the second was superseded before it started
    CHECK(failures.messages.isEmpty());
}

TEST_CASE("with every job answered, each result arrives in the order the jobs were started") {
    QObject owner;
    JobTracker tracker(&owner, JobTracker::Policy::EveryJob);
    Failures failures;
    std::vector<int> answers;
    for (int i = 1; i <= 5; ++i)
        tracker.start([i] { return i; }, [&](int value) { answers.push_back(value); }, failures.callback());
    REQUIRE(settled(tracker));
    CHECK(answers == std::vector<int>{1, 2, 3, 4, 5});
    CHECK(failures.messages.isEmpty());
}

TEST_CASE("a job that throws reports its message instead of a result") {
    QObject owner;
    JobTracker tracker(&owner);
    QString failure;
    bool answered = false;
    tracker.start([]() -> int { throw std::runtime_error("no run 42 in runs.db"); },
                  [&](int) { answered = true; }, [&](const QString& message) { failure = message; });
    REQUIRE(settled(tracker));
    CHECK(failure == "no run 42 in runs.db");
    CHECK_FALSE(answered);
}

TEST_CASE("cancelling drops the answer of a job under way") {
    QObject owner;
    Gate gate;
    Failures failures;
    bool answered = false;
    {
        JobTracker tracker(&owner);
        tracker.start(
            [&] {
                gate.wait();
                return 1;
            },
            [&](int) { answered = true; }, failures.callback());
        gate.reached();
        tracker.cancel();
        CHECK_FALSE(tracker.isBusy());
        gate.release();
    } // the destructor waits for the job
    QCoreApplication::processEvents();
    QTest::qWait(50);
    CHECK_FALSE(answered);
    CHECK(failures.messages.isEmpty());
}
