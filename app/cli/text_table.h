#pragma once
// The one way the command line lays out a table: columns as wide as their widest cell in
// display columns (a UTF-8 character is one column: "±" is two bytes but one column), left or
// right aligned, a fixed gap between them, no trailing spaces.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace poolsim::cli {

/// Columns `text` takes on a terminal: one per UTF-8 character. Right for what the tool prints
/// (Latin text, "±"); East Asian wide characters and combining marks in names are not measured.
std::size_t displayWidth(std::string_view text);

enum class Align { Left, Right };

struct TextColumn
{
    Align align = Align::Left;
    std::size_t minWidth = 0; // tables that line up with each other share widths
};

class TextTable
{
public:
    /// Each line starts with `indent`; columns are `gap` spaces apart.
    explicit TextTable(std::vector<TextColumn> columns, std::string indent = "  ", std::size_t gap = 2);

    /// A row; missing cells at the end are empty, and more cells than columns are an error
    /// (std::invalid_argument).
    void addRow(std::vector<std::string> cells);

    /// Every row, one line each ending in "\n".
    std::string text() const;

private:
    std::vector<TextColumn> columns_;
    std::string indent_;
    std::size_t gap_;
    std::vector<std::vector<std::string>> rows_;
};

} // namespace poolsim::cli
