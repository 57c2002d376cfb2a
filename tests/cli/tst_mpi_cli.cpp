// The command-line tool as an MPI job (`mpirun -n N poolsim ...`, MPIRUN set by CMake): run,
// sweep --until-slo, recommend and compare write the same JSON on 1, 2 and 3 processes (3 on
// this 2-core machine with --oversubscribe) as a plain process, but for the engine block; a
// failure on one process, processes that disagree on their input, and a process that is killed
// each end the job with a non-zero exit and nothing written.
#include "cli_test_support.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>
#include <sys/types.h>

using namespace clitest;

namespace {

const QString kMpirun = QStringLiteral(MPIRUN);
const QString kScenario = kSourceDir + QStringLiteral("/scenarios/shift-change.yaml");

/// `j` without its engine blocks (timings, threads and processes), at any depth.
QJsonValue withoutEngine(const QJsonValue& v)
{
    if (v.isObject()) {
        QJsonObject out;
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            if (it.key() != QLatin1String("engine"))
                out.insert(it.key(), withoutEngine(it.value()));
        return out;
    }
    if (v.isArray()) {
        QJsonArray out;
        for (const QJsonValue& e : v.toArray())
            out.append(withoutEngine(e));
        return out;
    }
    return v;
}

/// A command's arguments: the command, the scenario, its options (the JSON goes to `out`).
QStringList commandArgs(const QString& command, const QString& out)
{
    QStringList args{command, kScenario, QStringLiteral("--quiet"), QStringLiteral("--json"), out};
    if (command == QLatin1String("sweep"))
        args << QStringLiteral("--param") << QStringLiteral("pool.size=12,16,20,24,28")
             << QStringLiteral("--until-slo");
    if (command == QLatin1String("run") || command == QLatin1String("compare"))
        args << QStringLiteral("--replications") << QStringLiteral("7");
    return args;
}

/// mpirun's own options: as many processes as asked on any machine, as root too (CI runs as
/// root; Open MPI refuses that unless told, here by OMPI_ALLOW_RUN_AS_ROOT in initTestCase).
QStringList mpirunArgs(int processes)
{
    return {QStringLiteral("--oversubscribe"), QStringLiteral("-n"), QString::number(processes)};
}

/// mpirun's arguments for a job of two processes running different poolsim arguments (MPMD):
/// process 0 `first`, process 1 `second`.
QStringList twoDifferentProcesses(const QStringList& first, const QStringList& second)
{
    return QStringList{QStringLiteral("--oversubscribe"), QStringLiteral("-n"), QStringLiteral("1"), kCli}
           << first << QStringLiteral(":") << QStringLiteral("-n") << QStringLiteral("1") << kCli << second;
}

Run runProcess(const QString& program, const QStringList& args, QProcess* started = nullptr)
{
    QProcess own;
    QProcess& p = started ? *started : own;
    p.start(program, args);
    p.closeWriteChannel();
    if (!p.waitForFinished(kRunTimeoutMs))
        qFatal("the job did not finish");
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

QJsonObject readJson(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return parseObject(f.readAll());
}

/// The pids of the processes whose parent is `parent` (from /proc).
QList<qint64> childrenOf(qint64 parent)
{
    QList<qint64> out;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString& e : entries) {
        bool isPid = false;
        const qint64 pid = e.toLongLong(&isPid);
        if (!isPid)
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        // pid (comm) state ppid ...: the fields after the last ')'.
        const QByteArray text = stat.readAll();
        const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 1 && fields[1].toLongLong() == parent)
            out << pid;
    }
    return out;
}

} // namespace

class TestMpiCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QMap<QString, QJsonObject> m_plain; // per command: the plain process's JSON

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("OMPI_ALLOW_RUN_AS_ROOT", "1");
        qputenv("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1");
        for (const char* command : {"run", "sweep", "recommend", "compare"}) {
            const QString name = QLatin1String(command);
            const QString out = m_dir.filePath(name + QStringLiteral("-plain.json"));
            const Run r = runCli(commandArgs(name, out));
            QVERIFY2(r.exitCode == 0, r.err.constData());
            m_plain[name] = readJson(out);
            QVERIFY(!m_plain[name].isEmpty());
        }
    }

    void sameOutputOnAnyNumberOfProcesses_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<int>("processes");
        for (const char* command : {"run", "sweep", "recommend", "compare"})
            for (int n : {1, 2, 3})
                QTest::addRow("%s on %d", command, n) << QString::fromLatin1(command) << n;
    }

    void sameOutputOnAnyNumberOfProcesses()
    {
        QFETCH(QString, command);
        QFETCH(int, processes);
        const QString out = m_dir.filePath(QStringLiteral("%1-%2.json").arg(command).arg(processes));
        const Run r = runProcess(kMpirun, mpirunArgs(processes) << kCli << commandArgs(command, out));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject j = readJson(out);
        QVERIFY(!j.isEmpty());
        QCOMPARE(withoutEngine(j), withoutEngine(m_plain[command]));
        // The sweep really stopped early somewhere, so --until-slo was exercised.
        if (command == QLatin1String("sweep"))
            QVERIFY(j.value(QLatin1String("points")).toArray().size() < 5);
    }

    void engineBlockCountsProcesses()
    {
        const QString out = m_dir.filePath(QStringLiteral("engine.json"));
        const Run r = runProcess(kMpirun, mpirunArgs(3) << kCli << commandArgs(QStringLiteral("run"), out));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject engine = object(readJson(out), "engine");
        QCOMPARE(engine.value(QLatin1String("processes")).toInt(), 3);
        QVERIFY(!object(m_plain[QStringLiteral("run")], "engine").contains(QLatin1String("processes")));
    }

    void failureOnOneProcessEndsTheJob()
    {
        // MPMD: process 0 reads the scenario, process 1 a file that is not there.
        const QString out = m_dir.filePath(QStringLiteral("missing.json"));
        const Run r =
            runProcess(kMpirun, twoDifferentProcesses(commandArgs(QStringLiteral("run"), out),
                                                      {QStringLiteral("run"),
                                                       m_dir.filePath(QStringLiteral("absent.yaml")),
                                                       QStringLiteral("--json"), out}));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("poolsim (process 1 of 2)"), r.err.constData());
        QVERIFY2(r.err.contains("absent.yaml"), r.err.constData());
        QVERIFY2(r.err.contains("another process of the job failed"), r.err.constData());
        QVERIFY(!QFile::exists(out));
    }

    void processesThatDisagreeEndTheJob()
    {
        // The same file with a different --set on process 1: as if the file differed between
        // machines. Mixing the two would give a result of neither.
        const QString out = m_dir.filePath(QStringLiteral("disagree.json"));
        const Run r = runProcess(kMpirun, twoDifferentProcesses(commandArgs(QStringLiteral("run"), out),
                                                                commandArgs(QStringLiteral("run"), out)
                                                                    << QStringLiteral("--set")
                                                                    << QStringLiteral("pool.size=7")));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("not running the same work"), r.err.constData());
        QVERIFY(!QFile::exists(out));
    }

    void badScenarioIsReportedOnce()
    {
        const QString out = m_dir.filePath(QStringLiteral("bad.json"));
        const Run r =
            runProcess(kMpirun, mpirunArgs(3) << kCli << commandArgs(QStringLiteral("run"), out)
                                              << QStringLiteral("--set") << QStringLiteral("pool.size=abc"));
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err.count("pool.size: expected an integer"), 1);
        QVERIFY(!QFile::exists(out));
    }

    void killedProcessLeavesNothing()
    {
        // A sweep of minutes, killed in its first second: one of its processes gets SIGKILL, as
        // on a node that is lost. mpirun ends the job, and rank 0 never writes.
        const QString out = m_dir.filePath(QStringLiteral("killed.json"));
        QStringList args = mpirunArgs(2)
                           << kCli << QStringLiteral("sweep")
                           << kSourceDir + QStringLiteral("/scenarios/incident-pool-10.yaml")
                           << QStringLiteral("--param") << QStringLiteral("pool.size=5,10,15,20,25,30")
                           << QStringLiteral("--replications") << QStringLiteral("200")
                           << QStringLiteral("--quiet") << QStringLiteral("--json") << out;
        QProcess job;
        job.start(kMpirun, args);
        QVERIFY(job.waitForStarted());
        QList<qint64> ranks;
        QTRY_VERIFY_WITH_TIMEOUT((ranks = childrenOf(job.processId())).size() == 2, 20000);
        QThread::msleep(300); // into the simulations
        QCOMPARE(job.state(), QProcess::Running);
        QCOMPARE(::kill(static_cast<pid_t>(ranks.back()), SIGKILL), 0);
        QVERIFY(job.waitForFinished(kRunTimeoutMs));
        QVERIFY(job.exitStatus() != QProcess::NormalExit || job.exitCode() != 0);
        // Open MPI 4 (Debian 12) names the process and the signal.
        QVERIFY2(job.readAllStandardError().contains("signal 9"), "mpirun names the lost process");
        QVERIFY(!QFile::exists(out));
    }

    void failedTaskEndsTheJobOnEveryProcess()
    {
        // Replications whose clock cannot move (closed users with no think time against a pool
        // with timeout 0): each throws in the middle of the batch, on whichever process runs it.
        // The job ends as one process would: the message once, exit 2, nothing written.
        const QString file = writeFile(m_dir, QStringLiteral("stall.yaml"), R"(poolsim: 1
horizon: 1m
replications: 2
pool: {size: 1, timeout: 0s}
workloads:
  - {name: users, arrivals: {users: 5, think: 0s}, hold: 1ms}
)");
        const QString out = m_dir.filePath(QStringLiteral("stall.json"));
        const Run r =
            runProcess(kMpirun, mpirunArgs(2) << kCli << QStringLiteral("run") << file
                                              << QStringLiteral("--quiet") << QStringLiteral("--threads")
                                              << QStringLiteral("1") << QStringLiteral("--json") << out);
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err.count("the simulation is stuck"), 1);
        QVERIFY(!QFile::exists(out));
    }

    void sweepsThatDisagreeEndTheJob()
    {
        // The same counts of points and replications, different values.
        const QString out = m_dir.filePath(QStringLiteral("sweep-disagree.json"));
        const Run r = runProcess(kMpirun, twoDifferentProcesses(commandArgs(QStringLiteral("sweep"), out),
                                                                commandArgs(QStringLiteral("sweep"), out)
                                                                    << QStringLiteral("--set")
                                                                    << QStringLiteral("pool.timeout=7s")));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("not running the same work"), r.err.constData());
        QVERIFY(!QFile::exists(out));
    }

    void seriesAreTheSame()
    {
        // The series bands (not in the JSON): the CSV of a 2-process run against a plain one.
        QString csv[2];
        for (int n : {1, 2}) {
            csv[n - 1] = m_dir.filePath(QStringLiteral("series-%1.csv").arg(n));
            QStringList args = commandArgs(QStringLiteral("run"), m_dir.filePath(QStringLiteral("s.json")))
                               << QStringLiteral("--series-csv") << csv[n - 1];
            const Run r = n == 1 ? runCli(args) : runProcess(kMpirun, mpirunArgs(n) << kCli << args);
            QVERIFY2(r.exitCode == 0, r.err.constData());
        }
        QFile a(csv[0]), b(csv[1]);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        const QByteArray plain = a.readAll();
        QVERIFY(plain.count('\n') > 10);
        QCOMPARE(b.readAll(), plain);
    }
};

QTEST_GUILESS_MAIN(TestMpiCli)
#include "tst_mpi_cli.moc"
