#pragma once
// The validation suites' one check: a simulated estimate must lie within its own 95% confidence
// interval plus a stated tolerance of the exact value (a closed form, an exact chain, an
// independent computation). Prints both, so a passing run still shows how close it came.
#ifndef Q_MOC_RUN
#include "models/results/run_result.h"
#endif

#include <QString>
#include <QTest>

#include <cmath>

namespace intervalcheck {

inline void expectWithinInterval(const char* what, const poolsim::models::Estimate& sim, double exact,
                                 double tolerance)
{
    const double diff = std::fabs(sim.mean - exact);
    const QString msg = QStringLiteral("%1: simulated %2 +/- %3, exact %4, |diff| %5, allowed %6")
                            .arg(QLatin1String(what))
                            .arg(sim.mean, 0, 'g', 6)
                            .arg(sim.ci95, 0, 'g', 3)
                            .arg(exact, 0, 'g', 6)
                            .arg(diff, 0, 'g', 3)
                            .arg(sim.ci95 + tolerance, 0, 'g', 3);
    QVERIFY2(std::isfinite(sim.ci95), "needs at least two replications");
    QVERIFY2(diff <= sim.ci95 + tolerance, qPrintable(msg));
    qInfo("%s", qPrintable(msg.section(QLatin1Char(','), 0, 2)));
}

} // namespace intervalcheck
