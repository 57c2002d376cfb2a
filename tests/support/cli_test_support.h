#pragma once
// Shared by the suites that run the built command-line tool (tests/cli; POOLSIM_CLI is its
// path, set by CMake): running it as a process, writing a fixture into a temporary folder, and
// reading its JSON output.
#include <QByteArray>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QtGlobal>

namespace clitest {

inline const QString kCli = QStringLiteral(POOLSIM_CLI);
inline const QString kSourceDir = QStringLiteral(POOLSIM_SOURCE_DIR);

/// How long a run may take before the suite gives up, unless it says otherwise.
inline constexpr int kRunTimeoutMs = 120000;

/// `text` as a JSON object (empty when it is not one, with a warning naming the parser's error).
inline QJsonObject parseObject(const QByteArray& text)
{
    QJsonParseError error;
    const QJsonObject j = QJsonDocument::fromJson(text, &error).object();
    if (error.error != QJsonParseError::NoError)
        qWarning("bad JSON (%s): %s", qPrintable(error.errorString()), text.left(300).constData());
    return j;
}

/// `j[key]` as an object (empty when it is missing or not an object).
inline QJsonObject object(const QJsonObject& j, const char* key)
{
    return j.value(QLatin1String(key)).toObject();
}

/// One run of the tool: its exit code (-1 when it did not exit normally), stdout and stderr.
struct Run
{
    int exitCode = -1;
    QByteArray out, err;

    /// stdout as a JSON object (after --json -).
    QJsonObject json() const { return parseObject(out); }
};

/// `poolsim ARGS...` with stdin closed; the suite stops (qFatal) when it runs longer than
/// `timeoutMs`.
inline Run runCli(const QStringList& args, int timeoutMs = kRunTimeoutMs)
{
    QProcess p;
    p.start(kCli, args);
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs))
        qFatal("poolsim did not finish");
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

/// `poolsim COMMAND FILE OPTIONS...`, the options given as one space-separated string.
inline Run runCli(const char* command, const QString& file, const char* options = "")
{
    QStringList args{QLatin1String(command), file};
    args << QString::fromLatin1(options).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    return runCli(args);
}

/// Writes a fixture file `name` into `dir`; its path.
inline QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& text)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write fixture");
    f.write(text);
    return path;
}

} // namespace clitest
