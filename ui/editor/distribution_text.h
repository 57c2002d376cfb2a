#pragma once
// Short human-readable descriptions of a scenario's distributions, arrivals and request shapes
// (the workloads table, the editor's summaries), and the forms a distribution can be written
// in, for the editor's kind combo.
#include "models/scenario/scenario.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace poolsim::ui {

/// "exponential 1s", "lognormal mean 80ms, p95 250ms", "250ms".
QString describeDistribution(const models::DistributionSpec& spec);
/// "Poisson 45/s", "burst of 150 at 6h within 3s, every 8h", "40 users thinking exponential 20s".
QString describeArrivals(const models::ArrivalSpec& spec);
/// "hold 10s x 2 connections", "3 steps, transaction", "from the trace"; with ", retry x3".
QString describeRequest(const models::Workload& workload);

/// The arrival kinds, as the file names them: poisson, profile, burst, users, batch, trace.
QStringList arrivalKinds();
QString arrivalKind(const models::ArrivalSpec& spec);
/// A valid pattern of `kind` to start from when the user switches to it (trace has none: it
/// needs a file).
std::optional<models::ArrivalSpec> defaultArrivals(const QString& kind);

/// The forms of a distribution the editor offers: constant, exponential, uniform, normal,
/// lognormal-mean, lognormal-median, lognormal-mu, gamma, weibull, empirical, empirical-file.
QStringList distributionForms();
QString distributionFormLabel(const QString& form);
QString distributionForm(const models::DistributionSpec& spec);
/// `spec` written in `form` with about the same mean (so that switching form keeps the scale).
models::DistributionSpec convertDistribution(const models::DistributionSpec& spec, const QString& form);

/// Text of a time for display ("250ms", "1.5s").
QString durationText(double seconds);

} // namespace poolsim::ui
