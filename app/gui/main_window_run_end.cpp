// MainWindow's Stop and Abort: a run started more than kAskBeforeEndingAfter ago ends only after a question
// saying what will happen; closing the window while a run goes says that it goes on and how to come back.
#include "app/gui/main_window.h"

#include "app/gui/run_session.h"
#include "widgets/setup/control_panel.h"

#include <QDateTime>
#include <QMessageBox>

namespace perflab {
namespace {

bool accepted(const QMessageBox& box) {
    return box.clickedButton() && box.buttonRole(box.clickedButton()) == QMessageBox::AcceptRole;
}

} // namespace

void MainWindow::connectRunEnd() {
    connect(m_controls, &ControlPanel::stopRequested, this, [this] { requestEnd(RunEnding::Stop); });
    connect(m_controls, &ControlPanel::abortRequested, this, [this] { requestEnd(RunEnding::Abort); });
    // A question about a run that has ended meanwhile has nothing left to decide.
    connect(m_session, &RunSession::runFinished, this, [this] {
        for (QMessageBox* question : {m_endConfirmation, m_closeNotice})
            if (question)
                question->reject();
    });
}

void MainWindow::requestEnd(RunEnding ending) {
    if (!m_session->isActive() || m_endConfirmation)
        return;
    const auto end = [this, ending] { ending == RunEnding::Stop ? m_session->stop() : m_session->abort(); };
    const std::optional<RunInfo>& run = m_session->run();
    const Millis elapsed(run ? QDateTime::currentMSecsSinceEpoch() - run->startedMs : 0);
    if (!run || !needsEndConfirmation(elapsed))
        return end();
    m_endConfirmation = makeEndConfirmation(ending, *run, elapsed, this);
    connect(m_endConfirmation, &QMessageBox::finished, this, [this, end, runId = run->id] {
        const bool confirmed = accepted(*m_endConfirmation);
        m_endConfirmation = nullptr;
        if (confirmed && m_session->isActive() && m_session->runId() == runId)
            end();
    });
    m_endConfirmation->open();
}

void MainWindow::askBeforeClosing() {
    if (m_closeNotice)
        return;
    m_closeNotice = makeCloseDuringRunNotice(m_session->run(),
                                             QString::fromStdString(m_session->storePath().string()), this);
    connect(m_closeNotice, &QMessageBox::finished, this, [this] {
        const bool close = accepted(*m_closeNotice);
        m_closeNotice = nullptr;
        if (close) {
            m_closeConfirmed = true;
            this->close();
        }
    });
    m_closeNotice->open();
}

} // namespace perflab
