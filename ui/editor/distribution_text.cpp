#include "ui/editor/distribution_text.h"

#include "models/scenario/distribution_spec.h"
#include "models/scenario/units.h"

#include <QChar>
#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <type_traits>

namespace poolsim::ui {

namespace {

using models::SimTime;

QString text(SimTime t)
{
    return QString::fromStdString(models::formatDuration(t));
}
QString text(const models::Rate& r)
{
    return QString::fromStdString(models::formatRate(r));
}
QString number(double v)
{
    return QString::fromStdString(models::formatNumber(v));
}

/// Three significant digits: a converted distribution reads "81.2ms", not "81.23456789ms".
double roundSignificant(double x)
{
    if (!(x > 0) || !std::isfinite(x))
        return x;
    const double scale = std::pow(10.0, 2.0 - std::floor(std::log10(x)));
    return std::round(x * scale) / scale;
}

SimTime seconds(double s)
{
    return SimTime::fromSeconds(roundSignificant(s));
}

} // namespace

QString durationText(double s)
{
    if (!std::isfinite(s))
        return QStringLiteral("-");
    if (s < 0)
        return QStringLiteral("-") + durationText(-s);
    return text(seconds(s));
}

QString describeDistribution(const models::DistributionSpec& spec)
{
    return std::visit(
        [](const auto& d) -> QString {
            using T = std::decay_t<decltype(d)>;
            if constexpr (std::is_same_v<T, models::ConstantDist>) {
                return text(d.value);
            } else if constexpr (std::is_same_v<T, models::ExponentialDist>) {
                return QCoreApplication::translate("poolsim::ui::DistributionText", "exponential %1")
                    .arg(text(d.mean));
            } else if constexpr (std::is_same_v<T, models::UniformDist>) {
                return QCoreApplication::translate("poolsim::ui::DistributionText", "uniform %1 to %2")
                    .arg(text(d.min), text(d.max));
            } else if constexpr (std::is_same_v<T, models::NormalDist>) {
                return QCoreApplication::translate("poolsim::ui::DistributionText", "normal mean %1, sd %2")
                    .arg(text(d.mean), text(d.sd));
            } else if constexpr (std::is_same_v<T, models::LognormalDist>) {
                switch (d.form) {
                case models::LognormalDist::Form::MeanP95:
                    return QCoreApplication::translate("poolsim::ui::DistributionText",
                                                       "lognormal mean %1, p95 %2")
                        .arg(text(d.center), text(d.p95));
                case models::LognormalDist::Form::MedianP95:
                    return QCoreApplication::translate("poolsim::ui::DistributionText",
                                                       "lognormal median %1, p95 %2")
                        .arg(text(d.center), text(d.p95));
                case models::LognormalDist::Form::MuSigma:
                    break;
                }
                return QCoreApplication::translate("poolsim::ui::DistributionText",
                                                   "lognormal mu %1, sigma %2")
                    .arg(number(d.mu), number(d.sigma));
            } else if constexpr (std::is_same_v<T, models::GammaDist>) {
                return QCoreApplication::translate("poolsim::ui::DistributionText", "gamma mean %1, cv %2")
                    .arg(text(d.mean), number(d.cv));
            } else if constexpr (std::is_same_v<T, models::WeibullDist>) {
                return QCoreApplication::translate("poolsim::ui::DistributionText",
                                                   "weibull shape %1, scale %2")
                    .arg(number(d.shape), text(d.scale));
            } else {
                static_assert(std::is_same_v<T, models::EmpiricalDist>);
                if (!d.file.empty())
                    return QCoreApplication::translate("poolsim::ui::DistributionText",
                                                       "empirical from %1 (%2 values)")
                        .arg(QString::fromStdString(d.file))
                        .arg(d.values.size());
                return QCoreApplication::translate("poolsim::ui::DistributionText", "empirical of %1 values")
                    .arg(d.values.size());
            }
        },
        spec);
}

QString describeArrivals(const models::ArrivalSpec& spec)
{
    const QString arrow = QStringLiteral(" %1 ").arg(QChar(0x2192));
    return std::visit(
        [&](const auto& a) -> QString {
            using T = std::decay_t<decltype(a)>;
            const auto every = [](const std::optional<SimTime>& e) {
                return e ? QCoreApplication::translate("poolsim::ui::DistributionText", ", every %1")
                               .arg(text(*e))
                         : QString();
            };
            if constexpr (std::is_same_v<T, models::PoissonArrivals>) {
                return QCoreApplication::translate("poolsim::ui::DistributionText", "Poisson %1")
                    .arg(text(a.rate));
            } else if constexpr (std::is_same_v<T, models::ProfileArrivals>) {
                constexpr std::size_t kListed = 4;
                if (a.points.size() <= kListed) {
                    QStringList rates;
                    for (const auto& p : a.points)
                        rates << text(p.rate);
                    return QCoreApplication::translate("poolsim::ui::DistributionText", "profile %1")
                        .arg(rates.join(arrow));
                }
                const auto [low, high] =
                    std::minmax_element(a.points.begin(), a.points.end(), [](const auto& x, const auto& y) {
                        return x.rate.perSecond() < y.rate.perSecond();
                    });
                return QCoreApplication::translate("poolsim::ui::DistributionText",
                                                   "profile of %1 points, %2 to %3")
                    .arg(a.points.size())
                    .arg(text(low->rate), text(high->rate));
            } else if constexpr (std::is_same_v<T, models::BurstArrivals>) {
                QString s = QCoreApplication::translate("poolsim::ui::DistributionText", "burst of %1 at %2")
                                .arg(a.count)
                                .arg(text(a.at));
                if (!a.within.isZero())
                    s += QCoreApplication::translate("poolsim::ui::DistributionText", " within %1")
                             .arg(text(a.within));
                return s + every(a.every);
            } else if constexpr (std::is_same_v<T, models::UsersArrivals>) {
                return QCoreApplication::translate("poolsim::ui::DistributionText", "%1 users, think %2")
                    .arg(a.users)
                    .arg(describeDistribution(a.think));
            } else if constexpr (std::is_same_v<T, models::BatchArrivals>) {
                return QCoreApplication::translate("poolsim::ui::DistributionText",
                                                   "batch of %1, %2 at a time, at %3%4")
                    .arg(a.items)
                    .arg(a.concurrency)
                    .arg(text(a.at), every(a.every));
            } else {
                static_assert(std::is_same_v<T, models::TraceArrivals>);
                QString s =
                    QCoreApplication::translate("poolsim::ui::DistributionText", "trace %1 (%2 requests)")
                        .arg(QString::fromStdString(a.file))
                        .arg(a.records.size());
                if (a.jitter)
                    s += QCoreApplication::translate("poolsim::ui::DistributionText", ", jitter %1")
                             .arg(text(*a.jitter));
                return s;
            }
        },
        spec);
}

QString describeRequest(const models::Workload& w)
{
    QString s;
    if (std::holds_alternative<models::TraceArrivals>(w.arrivals)) {
        s = QCoreApplication::translate("poolsim::ui::DistributionText", "from the trace");
    } else if (!w.steps.empty()) {
        const auto queries =
            std::count_if(w.steps.begin(), w.steps.end(), [](const auto& st) { return !st.isWork; });
        s = QCoreApplication::translate("poolsim::ui::DistributionText", "%1 steps (%2 queries)")
                .arg(w.steps.size())
                .arg(queries);
        if (w.effectiveTransaction())
            s += QCoreApplication::translate("poolsim::ui::DistributionText", ", transaction");
    } else if (w.hold) {
        s = QCoreApplication::translate("poolsim::ui::DistributionText", "hold %1")
                .arg(describeDistribution(*w.hold));
        if (w.effectiveConnections() != 1)
            s += QCoreApplication::translate("poolsim::ui::DistributionText", " x %1 connections")
                     .arg(w.effectiveConnections());
        if (w.effectiveAcquire() == models::AcquireMode::OneByOne)
            s += QCoreApplication::translate("poolsim::ui::DistributionText", " one by one");
    }
    if (w.retry)
        s += QCoreApplication::translate("poolsim::ui::DistributionText", ", retry: %1 tries")
                 .arg(w.retry->attempts);
    return s;
}

QStringList arrivalKinds()
{
    return {QStringLiteral("poisson"), QStringLiteral("profile"), QStringLiteral("burst"),
            QStringLiteral("users"),   QStringLiteral("batch"),   QStringLiteral("trace")};
}

QString arrivalKind(const models::ArrivalSpec& spec)
{
    return arrivalKinds().at(static_cast<qsizetype>(spec.index()));
}

std::optional<models::ArrivalSpec> defaultArrivals(const QString& kind)
{
    const SimTime zero = SimTime::zero();
    if (kind == QLatin1String("poisson"))
        return models::PoissonArrivals{{1, 's'}};
    if (kind == QLatin1String("profile"))
        return models::ProfileArrivals{{{zero, {1, 's'}}}};
    if (kind == QLatin1String("burst"))
        return models::BurstArrivals{zero, 10, SimTime::fromSeconds(1), std::nullopt};
    if (kind == QLatin1String("users"))
        return models::UsersArrivals{10, models::ExponentialDist{SimTime::fromSeconds(10)}};
    if (kind == QLatin1String("batch"))
        return models::BatchArrivals{zero, 100, 1, std::nullopt};
    return std::nullopt;
}

QStringList distributionForms()
{
    return {
        QStringLiteral("constant"),     QStringLiteral("exponential"),    QStringLiteral("uniform"),
        QStringLiteral("normal"),       QStringLiteral("lognormal-mean"), QStringLiteral("lognormal-median"),
        QStringLiteral("lognormal-mu"), QStringLiteral("gamma"),          QStringLiteral("weibull"),
        QStringLiteral("empirical"),    QStringLiteral("empirical-file")};
}

QString distributionFormLabel(const QString& form)
{
    if (form == QLatin1String("lognormal-mean"))
        return QCoreApplication::translate("poolsim::ui::DistributionText", "lognormal (mean, p95)");
    if (form == QLatin1String("lognormal-median"))
        return QCoreApplication::translate("poolsim::ui::DistributionText", "lognormal (median, p95)");
    if (form == QLatin1String("lognormal-mu"))
        return QCoreApplication::translate("poolsim::ui::DistributionText", "lognormal (mu, sigma)");
    if (form == QLatin1String("empirical"))
        return QCoreApplication::translate("poolsim::ui::DistributionText", "empirical (values)");
    if (form == QLatin1String("empirical-file"))
        return QCoreApplication::translate("poolsim::ui::DistributionText", "empirical (file)");
    return form;
}

QString distributionForm(const models::DistributionSpec& spec)
{
    if (const auto* l = std::get_if<models::LognormalDist>(&spec)) {
        switch (l->form) {
        case models::LognormalDist::Form::MeanP95:
            return QStringLiteral("lognormal-mean");
        case models::LognormalDist::Form::MedianP95:
            return QStringLiteral("lognormal-median");
        case models::LognormalDist::Form::MuSigma:
            return QStringLiteral("lognormal-mu");
        }
    }
    if (const auto* e = std::get_if<models::EmpiricalDist>(&spec))
        return e->file.empty() ? QStringLiteral("empirical") : QStringLiteral("empirical-file");
    static const QStringList kinds = {QStringLiteral("constant"),  QStringLiteral("exponential"),
                                      QStringLiteral("uniform"),   QStringLiteral("normal"),
                                      QStringLiteral("lognormal"), QStringLiteral("gamma"),
                                      QStringLiteral("weibull")};
    return kinds.at(static_cast<qsizetype>(spec.index()));
}

models::DistributionSpec convertDistribution(const models::DistributionSpec& spec, const QString& form)
{
    double m = 0;
    try {
        m = models::makeDistribution(spec).mean();
    } catch (const std::exception&) {
        m = 0;
    }
    if (!(m > 0) || !std::isfinite(m))
        m = 0.1; // a zero or broken distribution: start the new form at 100 ms
    if (form == QLatin1String("constant"))
        return models::ConstantDist{seconds(m)};
    if (form == QLatin1String("exponential"))
        return models::ExponentialDist{seconds(m)};
    if (form == QLatin1String("uniform"))
        return models::UniformDist{seconds(m / 2), seconds(m * 1.5)};
    if (form == QLatin1String("normal"))
        return models::NormalDist{seconds(m), seconds(m / 4)};
    if (form == QLatin1String("lognormal-mean"))
        return models::LognormalDist{models::LognormalDist::Form::MeanP95, seconds(m), seconds(m * 2), 0, 0};
    if (form == QLatin1String("lognormal-median")) {
        // p95 = 3 x median: sigma = ln 3 / z(0.95), and the mean is median x exp(sigma^2 / 2).
        const double sigma = std::log(3.0) / 1.6448536269514722;
        const double median = m / std::exp(sigma * sigma / 2);
        return models::LognormalDist{models::LognormalDist::Form::MedianP95, seconds(median),
                                     seconds(median * 3), 0, 0};
    }
    if (form == QLatin1String("lognormal-mu")) {
        constexpr double kSigma = 0.5;
        return models::LognormalDist{models::LognormalDist::Form::MuSigma, SimTime::zero(), SimTime::zero(),
                                     std::round((std::log(m) - kSigma * kSigma / 2) * 1000) / 1000, kSigma};
    }
    if (form == QLatin1String("gamma"))
        return models::GammaDist{seconds(m), 1};
    if (form == QLatin1String("weibull"))
        return models::WeibullDist{1.5, seconds(m)};
    if (form == QLatin1String("empirical"))
        return models::EmpiricalDist{{seconds(m / 2), seconds(m), seconds(m * 1.5)}, {}};
    return spec;
}

} // namespace poolsim::ui
