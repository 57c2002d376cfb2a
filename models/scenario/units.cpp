#include "models/scenario/units.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <system_error>

namespace poolsim::models {

namespace {

__extension__ typedef __int128 Int128; // exact decimal scaling (GCC, Clang)

constexpr std::int64_t kNs = 1;
constexpr std::int64_t kUs = 1'000;
constexpr std::int64_t kMs = 1'000'000;
constexpr std::int64_t kS = SimTime::kTicksPerSecond;
constexpr std::int64_t kM = 60 * kS;
constexpr std::int64_t kH = 3600 * kS;
constexpr std::int64_t kD = 86400 * kS;
constexpr std::int64_t kMaxDuration = 36500 * kD;

struct UnitName
{
    std::string_view name;
    std::int64_t ticks;
};

constexpr std::array<UnitName, 26> kDurationUnits = {{
    {"ns", kNs},   {"nsec", kNs}, {"us", kUs},  {"\xC2\xB5s", kUs}, {"usec", kUs},   {"ms", kMs},
    {"msec", kMs}, {"s", kS},     {"sec", kS},  {"secs", kS},       {"second", kS},  {"seconds", kS},
    {"m", kM},     {"min", kM},   {"mins", kM}, {"minute", kM},     {"minutes", kM}, {"h", kH},
    {"hr", kH},    {"hrs", kH},   {"hour", kH}, {"hours", kH},      {"d", kD},       {"day", kD},
    {"days", kD},  {"", kS},
}};

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

/// A decimal number split into its significant digits and a power of ten: value = digits * 10^exp.
struct Decimal
{
    std::string digits; // no leading zeros; empty for zero
    int exponent = 0;
};

/// Reads an unsigned decimal number ("12", "0.25", ".5", "1e3", "2.5E-2") from the front of `s`
/// and removes it. Returns false if `s` does not start with one.
bool readDecimal(std::string_view& s, Decimal& out)
{
    std::size_t i = 0;
    std::string digits;
    int exponent = 0;
    bool any = false;
    while (i < s.size() && isDigit(s[i])) {
        digits += s[i++];
        any = true;
    }
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && isDigit(s[i])) {
            digits += s[i++];
            --exponent;
            any = true;
        }
    }
    if (!any)
        return false;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        std::size_t j = i + 1;
        bool negative = false;
        if (j < s.size() && (s[j] == '+' || s[j] == '-'))
            negative = s[j++] == '-';
        if (j < s.size() && isDigit(s[j])) {
            int e = 0;
            while (j < s.size() && isDigit(s[j])) {
                if (e < 100000)
                    e = e * 10 + (s[j] - '0');
                ++j;
            }
            exponent += negative ? -e : e;
            i = j;
        }
    }
    const std::size_t firstNonZero = digits.find_first_not_of('0');
    digits = firstNonZero == std::string::npos ? std::string() : digits.substr(firstNonZero);
    out.digits = std::move(digits);
    out.exponent = exponent;
    s.remove_prefix(i);
    return true;
}

Int128 digitsValue(std::string_view digits)
{
    Int128 v = 0;
    for (const char c : digits)
        v = v * 10 + (c - '0');
    return v;
}

Int128 pow10(int n)
{
    Int128 v = 1;
    for (int i = 0; i < n; ++i)
        v *= 10;
    return v;
}

constexpr Int128 kMaxTicks = std::numeric_limits<std::int64_t>::max();

/// value * unit rounded to the nearest integer (ties up); nullopt when beyond int64.
std::optional<std::int64_t> scaleExactly(const Decimal& value, std::int64_t unit)
{
    const std::string& d = value.digits;
    if (d.empty())
        return 0;
    const int len = static_cast<int>(d.size());
    if (value.exponent >= 0) {
        if (len + value.exponent > 20)
            return std::nullopt;
        const Int128 v = digitsValue(d) * pow10(value.exponent) * unit;
        if (v > kMaxTicks)
            return std::nullopt;
        return static_cast<std::int64_t>(v);
    }
    // value = intPart + fracPart / 10^fracDigits.
    const int fracDigits = -value.exponent;
    std::string_view intPart, fracPart;
    std::string padded;
    if (len > fracDigits) {
        intPart = std::string_view(d).substr(0, static_cast<std::size_t>(len - fracDigits));
        fracPart = std::string_view(d).substr(static_cast<std::size_t>(len - fracDigits));
    } else {
        if (fracDigits > 400)
            return 0; // far below a nanosecond
        padded = std::string(static_cast<std::size_t>(fracDigits - len), '0') + d;
        fracPart = padded;
    }
    if (intPart.size() > 20)
        return std::nullopt;
    // Digits beyond the 24th decimal place are far below a nanosecond for every unit (<= 1 day).
    if (fracPart.size() > 24)
        fracPart = fracPart.substr(0, 24);
    const Int128 whole = digitsValue(intPart) * unit;
    const Int128 scale = pow10(static_cast<int>(fracPart.size()));
    const Int128 frac = digitsValue(fracPart) * unit;
    Int128 ticks = whole + frac / scale;
    if (2 * (frac % scale) >= scale)
        ++ticks;
    if (ticks > kMaxTicks)
        return std::nullopt;
    return static_cast<std::int64_t>(ticks);
}

[[noreturn]] void badDuration(std::string_view text)
{
    throw std::invalid_argument("expected a duration such as 250ms, 1.5s, 10m or 2h, got '" +
                                std::string(text) + "'");
}

/// A finite double from the whole of `s` (std::from_chars: no leading '+', no hex).
bool readDouble(std::string_view s, double& out)
{
    if (s.empty())
        return false;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && ptr == s.data() + s.size() && std::isfinite(out);
}

/// Whether `s` is an ordinary decimal number (digits, point, exponent), not "inf" or "nan".
bool looksDecimal(std::string_view s)
{
    Decimal d;
    return readDecimal(s, d) && s.empty();
}

} // namespace

SimTime parseDuration(std::string_view text)
{
    std::string_view s = trim(text);
    bool negative = false;
    if (!s.empty() && s.front() == '-') {
        negative = true;
        s.remove_prefix(1);
    }
    // One number with an optional unit ("250ms", "5"), or several with units ("1h30m", "12m 5s").
    std::int64_t total = 0;
    bool zero = true;
    int parts = 0;
    while (!s.empty()) {
        Decimal value;
        if (!readDecimal(s, value))
            badDuration(text);
        s = trim(s);
        std::size_t unitLength = 0;
        while (unitLength < s.size() && !isDigit(s[unitLength]) && s[unitLength] != ' ' &&
               s[unitLength] != '.')
            ++unitLength;
        const std::string_view unitText = s.substr(0, unitLength);
        s = trim(s.substr(unitLength));
        ++parts;
        if (unitText.empty() && (parts > 1 || !s.empty()))
            badDuration(text); // only a lone number may leave out its unit
        const UnitName* unit = nullptr;
        for (const UnitName& u : kDurationUnits)
            if (u.name == unitText)
                unit = &u;
        if (!unit)
            badDuration(text);
        const std::optional<std::int64_t> ticks = scaleExactly(value, unit->ticks);
        if (!ticks || *ticks > std::numeric_limits<std::int64_t>::max() - total)
            throw std::invalid_argument("duration '" + std::string(text) +
                                        "' is too large (at most 100 years, 36500d)");
        total += *ticks;
        zero = zero && value.digits.empty();
    }
    if (parts == 0)
        badDuration(text);
    // 100 years is far beyond any capacity question, and keeps every sum of two times in range.
    if (total > kMaxDuration)
        throw std::invalid_argument("duration '" + std::string(text) +
                                    "' is too large (at most 100 years, 36500d)");
    if (negative && !zero)
        throw std::invalid_argument("a duration cannot be negative, got '" + std::string(text) + "'");
    return SimTime::fromTicks(total);
}

Rate parseRate(std::string_view text)
{
    const auto bad = [&]() {
        throw std::invalid_argument("expected a rate such as 45/s, 300/m or 2/h, got '" + std::string(text) +
                                    "'");
    };
    std::string_view s = trim(text);
    std::string_view number = s, unitText;
    if (const std::size_t slash = s.find('/'); slash != std::string_view::npos) {
        number = trim(s.substr(0, slash));
        unitText = trim(s.substr(slash + 1));
    }
    Rate rate;
    if (unitText.empty() && number.size() != s.size())
        bad(); // "45/"
    if (unitText.empty() || unitText == "s" || unitText == "sec" || unitText == "second")
        rate.unit = 's';
    else if (unitText == "m" || unitText == "min" || unitText == "minute")
        rate.unit = 'm';
    else if (unitText == "h" || unitText == "hr" || unitText == "hour")
        rate.unit = 'h';
    else
        bad();
    const bool negative = !number.empty() && number.front() == '-';
    const std::string_view magnitude = negative ? number.substr(1) : number;
    if (!looksDecimal(magnitude) || !readDouble(number, rate.value))
        bad();
    if (negative && rate.value != 0)
        throw std::invalid_argument("a rate cannot be negative, got '" + std::string(text) + "'");
    rate.value = std::fabs(rate.value); // no "-0"
    return rate;
}

double parsePercent(std::string_view text)
{
    std::string_view s = trim(text);
    const bool percent = !s.empty() && s.back() == '%';
    if (percent)
        s = trim(s.substr(0, s.size() - 1));
    const bool negative = !s.empty() && s.front() == '-';
    double value = 0;
    // "12.5%" is read as 12.5e-2 so that it rounds once, to the double nearest 0.125.
    const std::string number = percent ? std::string(s) + "e-2" : std::string(s);
    if (!looksDecimal(negative ? s.substr(1) : s) || !readDouble(number, value))
        throw std::invalid_argument("expected a percentage such as 80% or a fraction such as 0.8, got '" +
                                    std::string(text) + "'");
    if (negative && value != 0)
        throw std::invalid_argument("a percentage cannot be negative, got '" + std::string(text) + "'");
    return std::fabs(value);
}

std::string formatDuration(SimTime time)
{
    Int128 t = time.ticks();
    if (t == 0)
        return "0s";
    std::string sign;
    if (t < 0) {
        sign = "-";
        t = -t;
    }
    // Writes t / unit exactly (callers pick units where the decimals end).
    const auto write = [&](std::int64_t unit, std::string_view name) {
        const Int128 whole = t / unit;
        Int128 rest = t % unit;
        std::string s;
        {
            Int128 w = whole;
            do {
                s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(w % 10)));
                w /= 10;
            } while (w > 0);
        }
        if (rest != 0) {
            s += '.';
            while (rest != 0) {
                rest *= 10;
                s += static_cast<char>('0' + static_cast<int>(rest / unit));
                rest %= unit;
            }
        }
        return sign + s + std::string(name);
    };
    // Hours and minutes only when they read well (at most three decimals); seconds and the
    // decimal units are always exact.
    if (t >= kH && (t * 1000) % kH == 0)
        return write(kH, "h");
    if (t >= kM && (t * 1000) % kM == 0)
        return write(kM, "m");
    if (t >= kS)
        return write(kS, "s");
    if (t >= kMs)
        return write(kMs, "ms");
    if (t >= kUs)
        return write(kUs, "us");
    return write(kNs, "ns");
}

std::string formatNumber(double value)
{
    std::array<char, 64> buffer{};
    const auto [ptr, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    if (ec != std::errc())
        return "nan";
    return std::string(buffer.data(), ptr);
}

std::string formatFixedNumber(double value)
{
    std::array<char, 400> buffer{}; // the longest fixed double has 309 digits before the point
    const auto [ptr, ec] =
        std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::fixed);
    if (ec != std::errc())
        return "nan";
    return std::string(buffer.data(), ptr);
}

std::string formatRate(const Rate& rate)
{
    return formatNumber(rate.value) + "/" + std::string(1, rate.unit);
}

} // namespace poolsim::models
