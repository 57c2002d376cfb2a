// poolsim-gui: the desktop program. `poolsim-gui [FILE]` opens the window on FILE (or on a new
// scenario); `--export-charts DIR [--format png,svg,pdf] FILE` and `--export-report OUT.pdf
// FILE` export without a window, for pipelines, and `--screenshots DIR FILE` saves the README's
// pictures of the window (`--pictures database [--fit-csv CSV]`: those of the database server;
// `--pictures failures`: the Timeline's Instances chart). Errors at
// this boundary are one located line on stderr and exit 2.
#include "ui/export/headless_export.h"
#include "ui/window/main_window.h"
#include "ui/window/window_screenshots.h"

#include <QApplication>
#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>
#include <exception>

namespace {

constexpr int kExitBadUsage = 2;

void printError(const QString& message)
{
    std::fprintf(stderr, "poolsim-gui: error: %s\n", message.toLocal8Bit().constData());
}

void setApplicationNames()
{
    QCoreApplication::setOrganizationName(QStringLiteral("PoolSim"));
    QCoreApplication::setApplicationName(QStringLiteral("poolsim-gui"));
    QCoreApplication::setApplicationVersion(QStringLiteral("0.1.0"));
}

/// The command line, parsed before any application object exists: help, version and usage
/// errors need no display, and the commands without a window choose the offscreen platform.
struct CommandLine
{
    QCommandLineParser parser;
    QCommandLineOption exportCharts{
        QStringLiteral("export-charts"),
        QStringLiteral("Export every chart of FILE to DIR without opening a window, then exit."),
        QStringLiteral("DIR")};
    QCommandLineOption formats{
        QStringLiteral("format"),
        QStringLiteral("The formats --export-charts writes: png, svg, pdf, comma-separated "
                       "(default: png)."),
        QStringLiteral("LIST"), QStringLiteral("png")};
    QCommandLineOption exportReport{
        QStringLiteral("export-report"),
        QStringLiteral("Export the report of FILE as one PDF without opening a window, "
                       "then exit."),
        QStringLiteral("OUT.pdf")};
    QCommandLineOption screenshots{
        QStringLiteral("screenshots"),
        QStringLiteral("Run FILE in the window and save pictures of its Timeline, Variants "
                       "and Sweep tabs to DIR."),
        QStringLiteral("DIR")};
    QCommandLineOption pictures{
        QStringLiteral("pictures"),
        QStringLiteral("Which pictures --screenshots saves: tabs (timeline, variants, sweep; the "
                       "default), database (the Timeline's database chart, and with --fit-csv the "
                       "editor's fit; FILE needs database.capacity) or failures (the Timeline's "
                       "Instances chart; FILE's instances must be able to fail)."),
        QStringLiteral("SET"), QStringLiteral("tabs")};
    QCommandLineOption fitCsv{
        QStringLiteral("fit-csv"),
        QStringLiteral("With --pictures database: the load test (concurrency,throughput) fitted in the "
                       "editor's Database tab for fit-usl.png."),
        QStringLiteral("CSV")};
    QString error; // a usage error, once parsed

    CommandLine()
    {
        parser.setApplicationDescription(QStringLiteral(
            "PoolSim: discrete-event capacity planning for database connection pools (desktop program)"));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addPositionalArgument(QStringLiteral("FILE"),
                                     QStringLiteral("The scenario file to open (YAML)."),
                                     QStringLiteral("[FILE]"));
        parser.addOptions({exportCharts, formats, exportReport, screenshots, pictures, fitCsv});
    }

    bool helpOrVersion() const
    {
        return parser.isSet(QStringLiteral("help")) || parser.isSet(QStringLiteral("version"));
    }
    bool headlessExport() const { return parser.isSet(exportCharts) || parser.isSet(exportReport); }
    bool withoutWindow() const { return headlessExport() || parser.isSet(screenshots); }
    QString file() const { return parser.positionalArguments().value(0); }

    /// Parses and checks the combination; false with `error` set when it is not usable.
    bool parse(const QStringList& arguments)
    {
        if (!parser.parse(arguments)) {
            error = parser.errorText();
            return false;
        }
        if (helpOrVersion())
            return true;
        if (parser.positionalArguments().size() > 1)
            error =
                QStringLiteral("expected one scenario file, got %1").arg(parser.positionalArguments().size());
        else if (!parser.isSet(exportCharts) && parser.isSet(formats))
            error = QStringLiteral("--format goes with --export-charts");
        else if (headlessExport() && parser.isSet(screenshots))
            error = QStringLiteral("--screenshots cannot be combined with the exports");
        else if (!parser.isSet(screenshots) && (parser.isSet(pictures) || parser.isSet(fitCsv)))
            error = QStringLiteral("--pictures and --fit-csv go with --screenshots");
        else if (!QStringList{QStringLiteral("tabs"), QStringLiteral("database"), QStringLiteral("failures")}
                      .contains(parser.value(pictures)))
            error = QStringLiteral("--pictures: expected tabs, database or failures, got '%1'")
                        .arg(parser.value(pictures));
        else if (parser.isSet(fitCsv) && parser.value(pictures) != QLatin1String("database"))
            error = QStringLiteral("--fit-csv goes with --pictures database");
        else if (withoutWindow() && file().isEmpty())
            error = QStringLiteral("--export-charts, --export-report and --screenshots need a scenario FILE");
        return error.isEmpty();
    }
};

/// The arguments without the options QApplication takes for itself (-platform offscreen,
/// -style fusion, ...), which it removes when it starts: this program's parser never sees them.
QStringList argumentsForUs(int argc, char** argv)
{
    static const QStringList withValue{
        QStringLiteral("-platform"),        QStringLiteral("-platformpluginpath"),
        QStringLiteral("-platformtheme"),   QStringLiteral("-plugin"),
        QStringLiteral("-qwindowgeometry"), QStringLiteral("-qwindowicon"),
        QStringLiteral("-qwindowtitle"),    QStringLiteral("-session"),
        QStringLiteral("-display"),         QStringLiteral("-geometry"),
        QStringLiteral("-style"),           QStringLiteral("-stylesheet")};
    static const QStringList flags{QStringLiteral("-reverse"), QStringLiteral("-widgetcount"),
                                   QStringLiteral("-nograb"), QStringLiteral("-dograb"),
                                   QStringLiteral("-sync")};
    QStringList arguments;
    for (int i = 0; i < argc; ++i) {
        const QString arg = QString::fromLocal8Bit(argv[i]);
        if (i > 0 && withValue.contains(arg) && i + 1 < argc)
            ++i;
        else if (i == 0 || !(flags.contains(arg) || arg.startsWith(QLatin1String("-qmljsdebugger="))))
            arguments << arg;
    }
    return arguments;
}

poolsim::ui::ScreenshotSet screenshotSet(const QString& pictures)
{
    if (pictures == QLatin1String("database"))
        return poolsim::ui::ScreenshotSet::Database;
    if (pictures == QLatin1String("failures"))
        return poolsim::ui::ScreenshotSet::Failures;
    return poolsim::ui::ScreenshotSet::Tabs;
}

} // namespace

int main(int argc, char** argv)
{
    CommandLine commandLine;
    const bool parsed = commandLine.parse(argumentsForUs(argc, argv));
    if (!parsed || commandLine.helpOrVersion()) {
        const QCoreApplication core(argc, argv); // enough for the help text; no display needed
        setApplicationNames();
        if (!parsed) {
            printError(commandLine.error);
            return kExitBadUsage;
        }
        if (commandLine.parser.isSet(QStringLiteral("help")))
            commandLine.parser.showHelp(0);
        commandLine.parser.showVersion();
    }

    if (commandLine.withoutWindow() && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    setApplicationNames();

    try {
        if (commandLine.headlessExport()) {
            poolsim::ui::HeadlessExportRequest request;
            request.file = commandLine.file();
            request.chartsDir = commandLine.parser.value(commandLine.exportCharts);
            request.formats = commandLine.parser.values(commandLine.formats);
            request.reportPath = commandLine.parser.value(commandLine.exportReport);
            return poolsim::ui::runHeadlessExport(request);
        }
        if (commandLine.parser.isSet(commandLine.screenshots))
            return poolsim::ui::runScreenshotsCommand(
                commandLine.parser.value(commandLine.screenshots), commandLine.file(),
                screenshotSet(commandLine.parser.value(commandLine.pictures)),
                commandLine.parser.value(commandLine.fitCsv));

        poolsim::ui::MainWindow window;
        window.show();
        if (!commandLine.file().isEmpty())
            window.openFile(commandLine.file()); // a bad file: the located error in a message
        return QApplication::exec();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "poolsim-gui: internal error: %s\n", e.what());
        return 1;
    }
}
