#include "app/cli/text_table.h"

#include <algorithm>
#include <stdexcept>

namespace poolsim::cli {

std::size_t displayWidth(std::string_view text)
{
    // Every byte but a UTF-8 continuation byte (10xxxxxx) starts a character.
    return static_cast<std::size_t>(std::count_if(
        text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

TextTable::TextTable(std::vector<TextColumn> columns, std::string indent, std::size_t gap)
    : columns_(std::move(columns)), indent_(std::move(indent)), gap_(gap)
{
}

void TextTable::addRow(std::vector<std::string> cells)
{
    if (cells.size() > columns_.size())
        throw std::invalid_argument("TextTable: a row of " + std::to_string(cells.size()) + " cells in " +
                                    std::to_string(columns_.size()) + " columns");
    cells.resize(columns_.size());
    rows_.push_back(std::move(cells));
}

std::string TextTable::text() const
{
    std::vector<std::size_t> widths;
    for (const TextColumn& c : columns_)
        widths.push_back(c.minWidth);
    for (const auto& row : rows_)
        for (std::size_t c = 0; c < row.size(); ++c)
            widths[c] = std::max(widths[c], displayWidth(row[c]));
    std::string out;
    for (const auto& row : rows_) {
        std::string line = indent_;
        for (std::size_t c = 0; c < row.size(); ++c) {
            if (c > 0)
                line.append(gap_, ' ');
            const std::string fill(widths[c] - displayWidth(row[c]), ' ');
            line += columns_[c].align == Align::Right ? fill + row[c] : row[c] + fill;
        }
        line.erase(line.find_last_not_of(' ') + 1);
        out += line + "\n";
    }
    return out;
}

} // namespace poolsim::cli
