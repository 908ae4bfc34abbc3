// The texts and buttons of the end-of-run questions; the caller connects to the box's answer.
#include "widgets/window/run_end_questions.h"

#include "widgets/setup/long_run_confirmation.h"

#include <QCoreApplication>
#include <QMessageBox>
#include <QPushButton>

namespace perflab {
namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("RunEndQuestions", text);
}

QString runName(const RunInfo& run) {
    return tr("\u201c%1\u201d (run %2)").arg(QString::fromStdString(run.name)).arg(run.id);
}

QString endText(RunEnding ending, const RunInfo& run, Millis elapsed) {
    const QString started = tr("%1 started %2 ago.").arg(runName(run), durationText(elapsed));
    if (ending == RunEnding::Stop)
        return started + tr("\n\nStop ends it gracefully: no new requests are sent, those in flight finish "
                            "within a few seconds, and its SLOs are judged over the time it ran. Everything "
                            "measured is kept and the run is stored as stopped; perflab run --resume %1 "
                            "can take it up again.")
                             .arg(run.id);
    return started + tr("\n\nAbort ends it now: requests in flight are dropped unrecorded. Everything "
                        "measured until now is kept and the run is stored as aborted. To let it finish "
                        "what is in flight, use Stop instead.");
}

// A window-modal question whose default (and Escape) is the safe answer.
QMessageBox* makeQuestion(const QString& title, const QString& text, const QString& act, const QString& keep,
                          QWidget* parent) {
    auto* box = new QMessageBox(QMessageBox::Question, title, text, QMessageBox::NoButton, parent);
    box->addButton(act, QMessageBox::AcceptRole);
    QPushButton* safe = box->addButton(keep, QMessageBox::RejectRole);
    box->setDefaultButton(safe);
    box->setEscapeButton(safe);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    return box;
}

} // namespace

QString endToolTip(RunEnding ending) {
    return ending == RunEnding::Stop
               ? tr("Stop gracefully: no new requests, those in flight finish, the SLOs "
                    "are judged over what ran (status stopped)")
               : tr("End the run now, dropping the requests in flight (status aborted)");
}

QMessageBox* makeEndConfirmation(RunEnding ending, const RunInfo& run, Millis elapsed, QWidget* parent) {
    const bool stop = ending == RunEnding::Stop;
    return makeQuestion(stop ? tr("Stop the run?") : tr("Abort the run?"), endText(ending, run, elapsed),
                        stop ? tr("Stop the run") : tr("Abort the run"), tr("Keep running"), parent);
}

QMessageBox* makeCloseDuringRunNotice(const std::optional<RunInfo>& run, const QString& storePath,
                                      QWidget* parent) {
    const QString who = run ? runName(*run) : tr("The run just started");
    const QString text =
        tr("%1 goes on after this window closes: it runs in its own process, not in the window, and keeps "
           "writing its results to the store.\n\nTo come back to it, open Perflab again on the same store:\n"
           "%2\nThe Dashboard follows the run again, and History lists it as running.\n\nTo end the run "
           "instead, keep this window open and use Stop or Abort.")
            .arg(who, storePath);
    return makeQuestion(tr("Close Perflab while a run goes?"), text, tr("Close the window"),
                        tr("Keep the window open"), parent);
}

} // namespace perflab
