// EnduranceLoader: a worker object on its own thread keeps the store open between reads (a zoom re-reads
// often) and hands each result back by queued signal as an immutable snapshot.
#include "widgets/endurance/endurance_loader.h"

#include <QMetaObject>

#include <map>

namespace perflab {

class EnduranceLoader::Worker : public QObject {
    Q_OBJECT
public:
    explicit Worker(std::shared_ptr<std::atomic<std::uint64_t>> latest)
        : m_latest(std::move(latest)) {}

    void read(std::uint64_t generation, const EnduranceRequest& request) {
        if (generation != m_latest->load())
            return; // superseded before it started
        try {
            auto slice = std::make_shared<const EnduranceSlice>(
                readEnduranceSlice(storeAt(request.store), request.runId, request.window, request.columns,
                                   request.withRunDetails));
            emit read_(generation, slice, QString());
        } catch (const std::exception& e) {
            emit read_(generation, nullptr,
                       tr("Could not read run %1 from %2: %3")
                           .arg(request.runId)
                           .arg(QString::fromStdString(request.store.string()), QString::fromUtf8(e.what())));
        }
    }

signals:
    void read_(std::uint64_t generation, std::shared_ptr<const perflab::EnduranceSlice> slice,
               const QString& error);

private:
    const RunStore& storeAt(const std::filesystem::path& path) {
        auto it = m_stores.find(path);
        if (it == m_stores.end())
            it = m_stores.emplace(path, std::make_unique<RunStore>(path, RunStore::Mode::ReadOnly)).first;
        return *it->second;
    }

    std::shared_ptr<std::atomic<std::uint64_t>> m_latest;
    std::map<std::filesystem::path, std::unique_ptr<RunStore>> m_stores;
};

EnduranceLoader::EnduranceLoader(QObject* parent)
    : QObject(parent)
    , m_latest(std::make_shared<std::atomic<std::uint64_t>>(0)) {
    m_worker = new Worker(m_latest);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(
        m_worker, &Worker::read_, this,
        [this](std::uint64_t generation, std::shared_ptr<const EnduranceSlice> slice, const QString& error) {
            if (generation != m_latest->load())
                return; // a newer request is on its way
            m_delivered = generation;
            if (slice)
                emit sliceLoaded(slice);
            else
                emit loadFailed(error);
        });
    m_thread.setObjectName(QStringLiteral("endurance loader"));
    m_thread.start();
}

EnduranceLoader::~EnduranceLoader() {
    m_thread.quit();
    m_thread.wait();
}

std::uint64_t EnduranceLoader::request(EnduranceRequest request) {
    const std::uint64_t generation = ++*m_latest;
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, generation, request = std::move(request)] {
        worker->read(generation, request);
    });
    return generation;
}

} // namespace perflab

#include "endurance_loader.moc"
