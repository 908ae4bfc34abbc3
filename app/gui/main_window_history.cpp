// MainWindow's History and Compare pages: opening a run from the history shows it on the dashboard,
// "Compare with baseline" shows the Compare page, and the Compare page picks from the history's runs.
#include "app/gui/main_window.h"

#include "app/gui/run_session.h"
#include "app/gui/store_service.h"
#include "widgets/dashboard/dashboard.h"
#include "widgets/history/compare_page.h"
#include "widgets/history/history_page.h"
#include "widgets/history/run_history_model.h"

#include <QListWidget>
#include <QStackedWidget>

namespace perflab {

void MainWindow::createHistoryPages() {
    m_history = new HistoryPage(*m_store, this);
    m_compare = new ComparePage(*m_store, this);
    m_sideBar->addItem(tr("History"));
    m_pages->addWidget(m_history);
    m_sideBar->addItem(tr("Compare"));
    m_pages->addWidget(m_compare);
    const auto showPage = [this](QWidget* page) { m_sideBar->setCurrentRow(m_pages->indexOf(page)); };

    connect(m_history, &HistoryPage::openRequested, this, [this, showPage](std::int64_t runId) {
        m_session->open(runId);
        showPage(m_dashboard);
    });
    connect(m_history, &HistoryPage::compareRequested, this,
            [this, showPage](std::int64_t baselineId, std::int64_t candidateId) {
                m_compare->compare(baselineId, candidateId);
                showPage(m_compare);
            });
    connect(m_history->model(), &RunHistoryModel::refreshed, this,
            [this] { m_compare->setRuns(m_history->model()->entries()); });
    // The Compare page picks from a fresh list; the History page refreshes itself when shown.
    connect(m_pages, &QStackedWidget::currentChanged, this, [this](int index) {
        if (m_pages->widget(index) == m_compare)
            m_history->refresh();
    });
    connect(m_session, &RunSession::runFinished, m_history, &HistoryPage::refresh);
}

} // namespace perflab
