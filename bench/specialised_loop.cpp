// The yardstick: a loop written for exactly one model, M/M/50 with a 1 s pool timeout, with
// only the statistics it needs (counts, mean wait). PoolSim's general engine is measured
// against it by bench/run-benchmarks.sh; it is not part of the product.
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/mersenne_twister.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <functional>
#include <queue>
#include <vector>

int main(int argc, char** argv)
{
    const long long requests = argc > 1 ? std::atoll(argv[1]) : 10'000'000;
    const int servers = 50;
    const double lambda = 45, mu = 1, timeout = 1;
    boost::random::mt19937_64 arrivalsRng(7), holdsRng(8);
    boost::random::exponential_distribution<double> interarrival(lambda), hold(mu);

    std::priority_queue<double, std::vector<double>, std::greater<>> departures;
    std::deque<double> waiting; // arrival times, FIFO
    int busy = 0;
    long long served = 0, timedOut = 0, waited = 0;
    double waitSum = 0, nextArrival = interarrival(arrivalsRng);

    const auto start = std::chrono::steady_clock::now();
    for (long long n = 0; n < requests;) {
        const bool arrivalFirst = departures.empty() || nextArrival < departures.top();
        const double now = arrivalFirst ? nextArrival : departures.top();
        // Waiters whose deadline passed before this event leave.
        while (!waiting.empty() && waiting.front() + timeout <= now) {
            waiting.pop_front();
            ++timedOut;
        }
        if (arrivalFirst) {
            ++n;
            nextArrival = now + interarrival(arrivalsRng);
            if (busy < servers && waiting.empty()) {
                ++busy;
                ++served;
                departures.push(now + hold(holdsRng));
            } else {
                waiting.push_back(now);
            }
        } else {
            departures.pop();
            if (!waiting.empty()) {
                const double w = now - waiting.front();
                waiting.pop_front();
                ++served;
                ++waited;
                waitSum += w;
                departures.push(now + hold(holdsRng));
            } else {
                --busy;
            }
        }
    }
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("requests %lld served %lld timeouts %lld waited %.4f mean wait %.4f s\n", requests, served,
                timedOut, static_cast<double>(waited) / static_cast<double>(served),
                waitSum / static_cast<double>(served));
    std::printf("wall_s %.3f requests_per_s %.0f\n", wall, static_cast<double>(requests) / wall);
}
