#pragma once
// The analytic check's prose: numbers as words for sentences, the requests each workload is
// expected to send (for the share a left-out workload would have had), and the caveats that say
// where the closed forms and the simulated scenario part ways. Used by analytic_check.cpp only.
#include "models/analytic/analytic_check.h"

#include <string>
#include <vector>

namespace poolsim::models::analytic_prose {

[[gnu::format(printf, 1, 2)]] std::string printf1(const char* format, ...);
/// "50 ms", "1.5 s", "12 min", "2 h": three significant digits, for sentences.
std::string humanSeconds(double s);
std::string humanPercent(double fraction);
std::string humanCount(double v);
std::string joined(const std::vector<std::string>& parts);
const char* arrivalKindName(const ArrivalSpec& arrivals);

/// The mean of a distribution spec, in seconds.
double distributionMean(const DistributionSpec& spec);
/// Requests `w` is expected to send over [0, horizon). A closed population's count assumes no
/// waiting (think + request time per cycle), so it is an upper estimate.
double expectedRequests(const Workload& w, const Scenario& s);

/// Workloads the closed forms leave out, and the requests they are expected to send.
struct LeftOut
{
    std::vector<std::string> names;
    double requests = 0;
};
void addLeftOut(std::vector<AnalyticCaveat>& caveats, const char* kind, const char* what, const LeftOut& left,
                double totalRequests, const char* why);
void addHoldCaveat(AnalyticCheck& check, const Scenario& s, const std::vector<std::size_t>& steady);
void addInstancesCaveat(AnalyticCheck& check, const Scenario& s);
void addPoolCaveats(AnalyticCheck& check, const Scenario& s, const std::vector<std::size_t>& steady);

} // namespace poolsim::models::analytic_prose
