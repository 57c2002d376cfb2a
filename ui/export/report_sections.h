#pragma once
// Internal to the report writer: the pages made of text and tables (title, variants, alerts,
// recommendation). Charts and the appendix are drawn by report_writer.cpp.
#include "ui/export/report_canvas.h"
#include "ui/export/report_writer.h"

namespace poolsim::ui::report {

/// The section names and their first pages, for the title page's contents.
struct SectionStart
{
    QString name;
    int firstPage = 0;
    int pages = 0;
};

void drawTitlePage(Canvas& canvas, const ReportContent& content, const QList<SectionStart>& sections);
/// Page `part` (0-based) of `parts` of the variants table.
void drawVariantsPage(Canvas& canvas, const ReportContent& content, int part, int parts);
/// Page `part` of `parts` of the alerts table; `rows` from alertRows.
void drawAlertsPage(Canvas& canvas, const ReportContent& content, const QList<QStringList>& rows, int part,
                    int parts);
void drawRecommendationPage(Canvas& canvas, const models::Recommendation& recommendation);

} // namespace poolsim::ui::report
