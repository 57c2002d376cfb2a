// The command line's table layout (app/cli/text_table.h): columns by display width, so that a
// row with "±" (two bytes, one column) lines up with one without; alignment, minimum widths,
// no trailing spaces.
#ifndef Q_MOC_RUN
#include "app/cli/text_table.h"
#endif

#include <QtTest>

#include <stdexcept>
#include <string>

using namespace poolsim::cli;

namespace {
QStringList linesOf(const std::string& text)
{
    QStringList lines = QString::fromStdString(text).split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}
} // namespace

class TestCliTextTable : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void displayWidths()
    {
        QCOMPARE(displayWidth(""), std::size_t(0));
        QCOMPARE(displayWidth("wait p95"), std::size_t(8));
        QCOMPARE(std::string("±").size(), std::size_t(2));
        QCOMPARE(displayWidth("±"), std::size_t(1));
        QCOMPARE(displayWidth("39.3 ± 13.4 ms"), std::size_t(14));
        QCOMPARE(displayWidth("350 µs"), std::size_t(6));
        QCOMPARE(displayWidth("→ µ"), std::size_t(3));
    }

    // A row with "±" lines up with one without: every column starts and ends at the same
    // display column on every line.
    void intervalRowsLineUp()
    {
        TextTable t({{Align::Left}, {Align::Right}, {Align::Left}, {Align::Right}});
        t.addRow({"metric", "mean", "note", "n"});
        t.addRow({"wait mean", "39.3 ± 13.4 ms", "a ± b", "3"});
        t.addRow({"arrivals", "36174", "plain", "12"});
        const QStringList lines = linesOf(t.text());
        QCOMPARE(lines.size(), 3);
        // QString counts "±" as one character, as a terminal does.
        for (const QString& line : lines)
            QCOMPARE(line.size(), lines.first().size());
        const qsizetype meanEnd = lines[1].indexOf(QStringLiteral(" ms")) + 3;
        QCOMPARE(lines[0].indexOf(QStringLiteral("mean")) + 4, meanEnd);
        QCOMPARE(lines[2].indexOf(QStringLiteral("36174")) + 5, meanEnd);
        const qsizetype note = lines[0].indexOf(QStringLiteral("note"));
        QCOMPARE(lines[1].indexOf(QStringLiteral("a ± b")), note);
        QCOMPARE(lines[2].indexOf(QStringLiteral("plain")), note);
        QCOMPARE(lines[1], QStringLiteral("  wait mean  39.3 ± 13.4 ms  a ± b   3"));
        QCOMPARE(lines[2], QStringLiteral("  arrivals            36174  plain  12"));
    }

    void layout()
    {
        // Minimum widths, the indent and the gap; no trailing spaces; missing cells are empty.
        TextTable t({{Align::Left, 10}, {Align::Right, 6}, {Align::Left}}, "    ", 1);
        t.addRow({"a", "1", "last"});
        t.addRow({"b", "22"});
        t.addRow({"±", "", "x"});
        QCOMPARE(QString::fromStdString(t.text()), QStringLiteral("    a               1 last\n"
                                                                  "    b              22\n"
                                                                  "    ±                 x\n"));
        QCOMPARE(TextTable({{Align::Left}}).text(), std::string());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, t.addRow({"1", "2", "3", "4"}));
    }
};

QTEST_GUILESS_MAIN(TestCliTextTable)
#include "tst_cli_text_table.moc"
