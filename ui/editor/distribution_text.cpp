#include "ui/editor/distribution_text.h"

#include "models/scenario/distribution_spec.h"
#include "models/scenario/units.h"

#include <QChar>

#include <algorithm>
#include <cmath>
#include <type_traits>

namespace poolsim::ui {

namespace {

using models::SimTime;

QString text(SimTime t) { return QString::fromStdString(models::formatDuration(t)); }
QString text(const models::Rate& r) { return QString::fromStdString(models::formatRate(r)); }
QString number(double v) { return QString::fromStdString(models::formatNumber(v)); }

/// Three significant digits: a converted distribution reads "81.2ms", not "81.23456789ms".
double roundSignificant(double x)
{
    if (!(x > 0) || !std::isfinite(x))
        return x;
    const double scale = std::pow(10.0, 2.0 - std::floor(std::log10(x)));
    return std::round(x * scale) / scale;
}

SimTime seconds(double s) { return SimTime::fromSeconds(roundSignificant(s)); }

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
                return QStringLiteral("exponential %1").arg(text(d.mean));
            } else if constexpr (std::is_same_v<T, models::UniformDist>) {
                return QStringLiteral("uniform %1 to %2").arg(text(d.min), text(d.max));
            } else if constexpr (std::is_same_v<T, models::NormalDist>) {
                return QStringLiteral("normal mean %1, sd %2").arg(text(d.mean), text(d.sd));
            } else if constexpr (std::is_same_v<T, models::LognormalDist>) {
                switch (d.form) {
                case models::LognormalDist::Form::MeanP95:
                    return QStringLiteral("lognormal mean %1, p95 %2").arg(text(d.center), text(d.p95));
                case models::LognormalDist::Form::MedianP95:
                    return QStringLiteral("lognormal median %1, p95 %2").arg(text(d.center), text(d.p95));
                case models::LognormalDist::Form::MuSigma:
                    break;
                }
                return QStringLiteral("lognormal mu %1, sigma %2").arg(number(d.mu), number(d.sigma));
            } else if constexpr (std::is_same_v<T, models::GammaDist>) {
                return QStringLiteral("gamma mean %1, cv %2").arg(text(d.mean), number(d.cv));
            } else if constexpr (std::is_same_v<T, models::WeibullDist>) {
                return QStringLiteral("weibull shape %1, scale %2").arg(number(d.shape), text(d.scale));
            } else {
                static_assert(std::is_same_v<T, models::EmpiricalDist>);
                if (!d.file.empty())
                    return QStringLiteral("empirical from %1 (%2 values)")
                        .arg(QString::fromStdString(d.file))
                        .arg(d.values.size());
                return QStringLiteral("empirical of %1 values").arg(d.values.size());
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
                return e ? QStringLiteral(", every %1").arg(text(*e)) : QString();
            };
            if constexpr (std::is_same_v<T, models::PoissonArrivals>) {
                return QStringLiteral("Poisson %1").arg(text(a.rate));
            } else if constexpr (std::is_same_v<T, models::ProfileArrivals>) {
                constexpr std::size_t kListed = 4;
                if (a.points.size() <= kListed) {
                    QStringList rates;
                    for (const auto& p : a.points)
                        rates << text(p.rate);
                    return QStringLiteral("profile %1").arg(rates.join(arrow));
                }
                const auto [low, high] = std::minmax_element(
                    a.points.begin(), a.points.end(),
                    [](const auto& x, const auto& y) { return x.rate.perSecond() < y.rate.perSecond(); });
                return QStringLiteral("profile of %1 points, %2 to %3")
                    .arg(a.points.size())
                    .arg(text(low->rate), text(high->rate));
            } else if constexpr (std::is_same_v<T, models::BurstArrivals>) {
                QString s = QStringLiteral("burst of %1 at %2").arg(a.count).arg(text(a.at));
                if (!a.within.isZero())
                    s += QStringLiteral(" within %1").arg(text(a.within));
                return s + every(a.every);
            } else if constexpr (std::is_same_v<T, models::UsersArrivals>) {
                return QStringLiteral("%1 users, think %2").arg(a.users).arg(describeDistribution(a.think));
            } else if constexpr (std::is_same_v<T, models::BatchArrivals>) {
                return QStringLiteral("batch of %1, %2 at a time, at %3%4")
                    .arg(a.items)
                    .arg(a.concurrency)
                    .arg(text(a.at), every(a.every));
            } else {
                static_assert(std::is_same_v<T, models::TraceArrivals>);
                QString s = QStringLiteral("trace %1 (%2 requests)")
                                .arg(QString::fromStdString(a.file))
                                .arg(a.records.size());
                if (a.jitter)
                    s += QStringLiteral(", jitter %1").arg(text(*a.jitter));
                return s;
            }
        },
        spec);
}

QString describeRequest(const models::Workload& w)
{
    QString s;
    if (std::holds_alternative<models::TraceArrivals>(w.arrivals)) {
        s = QStringLiteral("from the trace");
    } else if (!w.steps.empty()) {
        const auto queries = std::count_if(w.steps.begin(), w.steps.end(), [](const auto& st) { return !st.isWork; });
        s = QStringLiteral("%1 steps (%2 queries)").arg(w.steps.size()).arg(queries);
        if (w.effectiveTransaction())
            s += QStringLiteral(", transaction");
    } else if (w.hold) {
        s = QStringLiteral("hold %1").arg(describeDistribution(*w.hold));
        if (w.effectiveConnections() != 1)
            s += QStringLiteral(" x %1 connections").arg(w.effectiveConnections());
        if (w.effectiveAcquire() == models::AcquireMode::OneByOne)
            s += QStringLiteral(" one by one");
    }
    if (w.retry)
        s += QStringLiteral(", retry: %1 tries").arg(w.retry->attempts);
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
    return {QStringLiteral("constant"),       QStringLiteral("exponential"),      QStringLiteral("uniform"),
            QStringLiteral("normal"),         QStringLiteral("lognormal-mean"),   QStringLiteral("lognormal-median"),
            QStringLiteral("lognormal-mu"),   QStringLiteral("gamma"),            QStringLiteral("weibull"),
            QStringLiteral("empirical"),      QStringLiteral("empirical-file")};
}

QString distributionFormLabel(const QString& form)
{
    if (form == QLatin1String("lognormal-mean"))
        return QStringLiteral("lognormal (mean, p95)");
    if (form == QLatin1String("lognormal-median"))
        return QStringLiteral("lognormal (median, p95)");
    if (form == QLatin1String("lognormal-mu"))
        return QStringLiteral("lognormal (mu, sigma)");
    if (form == QLatin1String("empirical"))
        return QStringLiteral("empirical (values)");
    if (form == QLatin1String("empirical-file"))
        return QStringLiteral("empirical (file)");
    return form;
}

QString distributionForm(const models::DistributionSpec& spec)
{
    if (const auto* l = std::get_if<models::LognormalDist>(&spec)) {
        switch (l->form) {
        case models::LognormalDist::Form::MeanP95: return QStringLiteral("lognormal-mean");
        case models::LognormalDist::Form::MedianP95: return QStringLiteral("lognormal-median");
        case models::LognormalDist::Form::MuSigma: return QStringLiteral("lognormal-mu");
        }
    }
    if (const auto* e = std::get_if<models::EmpiricalDist>(&spec))
        return e->file.empty() ? QStringLiteral("empirical") : QStringLiteral("empirical-file");
    static const QStringList kinds = {QStringLiteral("constant"), QStringLiteral("exponential"),
                                      QStringLiteral("uniform"),  QStringLiteral("normal"),
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
        return models::LognormalDist{models::LognormalDist::Form::MedianP95, seconds(median), seconds(median * 3), 0, 0};
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
