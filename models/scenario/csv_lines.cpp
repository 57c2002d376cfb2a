#include "models/scenario/csv_lines.h"

#include <algorithm>

namespace poolsim::models {

namespace {
bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}
} // namespace

std::vector<CsvLine> csvDataLines(const std::string& text)
{
    std::vector<CsvLine> lines;
    std::size_t pos = 0;
    int number = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string::npos)
            end = text.size();
        ++number;
        std::string_view line(text.data() + pos, end - pos);
        const std::size_t lineStart = pos;
        pos = end + 1;
        if (const std::size_t hash = line.find('#'); hash != std::string_view::npos)
            line = line.substr(0, hash);
        if (std::all_of(line.begin(), line.end(), isBlank))
            continue;
        CsvLine out;
        out.number = number;
        std::size_t start = 0;
        for (;;) {
            const std::size_t comma = line.find(',', start);
            std::size_t b = start, e = comma == std::string_view::npos ? line.size() : comma;
            while (b < e && isBlank(line[b]))
                ++b;
            while (e > b && isBlank(line[e - 1]))
                --e;
            CsvField f;
            f.text = line.substr(b, e - b);
            f.column = static_cast<int>(line.data() + b - (text.data() + lineStart)) + 1;
            out.fields.push_back(f);
            if (comma == std::string_view::npos)
                break;
            start = comma + 1;
        }
        lines.push_back(std::move(out));
    }
    return lines;
}

} // namespace poolsim::models
