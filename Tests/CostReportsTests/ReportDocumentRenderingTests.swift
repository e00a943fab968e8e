import CostModel
@testable import CostReports
import Foundation
import Testing

/// The three renderers of a `ReportDocument` on hand-made documents: every block and chart kind
/// (the budget burn-down included, before any section uses it), 80 columns in text, no raw HTML in
/// Markdown, nothing loaded from elsewhere in HTML, hostile strings made harmless in all three.
@Suite("Report document renderers")
struct ReportDocumentRenderingTests {
    static let unit: Int128 = 1_000_000_000
    static let hostile = "evil\u{1B}]52;c;aGk=\u{07} <script>alert(1)</script> [x](https://example.com/a.png) | *b* &amp;"

    /// A month of 30 days, a 3,000 budget, 100 a day for the first 10 days, a forecast of 3,300 (2,900-3,700).
    static let burnDown = BurnDownChart(
        name: "data-platform", month: Day("2024-09-01")!, daysInMonth: 30, amount: 3_000 * unit,
        actualToDate: (1...10).map { Int128($0) * 100 * unit }, forecast: 3_300 * unit,
        forecastLower: 2_900 * unit, forecastUpper: 3_700 * unit, currency: "USD")

    static let waterfall = WaterfallChart(bars: [
        .init(label: "before", amount: 100 * unit, isTotal: true),
        .init(label: "usage", amount: 30 * unit, isTotal: false),
        .init(label: "credits", amount: -10 * unit, isTotal: false),
        .init(label: "now", amount: 120 * unit, isTotal: true),
    ], currency: "USD")

    static var document: ReportDocument {
        let period = DayRange(from: Day("2024-09-01")!, to: Day("2024-09-07")!)
        let before = DayRange(from: Day("2024-08-25")!, to: Day("2024-08-31")!)
        let series = DailySeriesChart(
            current: .init(label: "now", range: period, values: [10, 20, 30, 40, 50, 60, 70].map { Int128($0) * unit }),
            previous: .init(label: "before", range: before, values: [10, 10, 10, 10, 10, 10, 80].map { Int128($0) * unit }),
            currency: "USD")
        let table = ReportTable(title: "A table " + hostile, columns: [
            ReportColumn("NAME", field: "name", alignment: .left),
            ReportColumn("COST", field: "cost"),
            ReportColumn("DETAIL", field: "detail", alignment: .left),
        ], rows: [
            ReportRow([.text(hostile), .money(1_234_567 * unit / 100), .text(String(repeating: "word ", count: 30))]),
            ReportRow([.text("arn:aws:savingsplans::901234567890:savingsplan/d0495946-068b-49e8-a4ed-d1aa6896ed15"),
                       .money(-5 * unit, signed: true), .text("short")]),
            ReportRow([.text("TOTAL"), .money(1_234_067 * unit / 100), .text("")], kind: .total),
        ])
        return ReportDocument(title: "Report " + hostile, facts: ["Fact " + hostile], sections: [
            DocumentSection(anchor: "one", title: "One " + hostile, blocks: [
                .paragraph("A paragraph long enough to wrap at eighty columns, " + hostile + " " + String(repeating: "more words ", count: 12)),
                .figures([KeyFigure("Total", "12,345.67 USD", detail: hostile)]),
                .table(table),
                .bullets(["a bullet " + hostile]),
            ]),
            DocumentSection(anchor: "charts", title: "Charts", blocks: [
                .chart(Chart(title: "Daily", kind: .dailySeries(series))),
                .chart(Chart(title: "Waterfall", kind: .waterfall(waterfall))),
                .chart(Chart(title: "Burn-down", kind: .burnDown(burnDown))),
            ]),
        ])
    }

    @Test("text: no line over 80 columns, every string sanitized, every block and chart present")
    func text() {
        let text = DocumentFormat.text.render(Self.document)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            #expect(line.count <= 80, "\(line.count): \(line)")
        }
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(text.contains("\\x1b]52;c;aGk="))
        #expect(text.contains("1. One") && text.contains("2. Charts"))
        #expect(text.contains("12,345.67") && text.contains("-5.00") && text.contains("- a bullet"))
        // The long ARN is cut after its separators, nothing lost.
        #expect(text.contains("arn:aws:savingsplans::") && text.contains("d1aa6896ed15"))
        #expect(text.contains("budget 3,000.00") && text.contains("forecast 3,300.00"))
        // The wide DETAIL column leaves the grid and shows under its row.
        #expect(text.contains("\n    detail: word word word"))
    }

    @Test("Markdown: headings, a pipe table, charts in code blocks, and no raw HTML or links from the data")
    func markdown() {
        let markdown = DocumentFormat.markdown.render(Self.document)
        #expect(markdown.hasPrefix("# Report "))
        #expect(markdown.contains("\n## One ") && markdown.contains("\n## Charts\n"))
        #expect(markdown.contains("| name | cost | detail |\n| --- | ---: | --- |"))
        #expect(markdown.components(separatedBy: "```text").count == 4)
        #expect(!markdown.contains(" <script") && markdown.contains(" \\<script\\>alert(1)\\</script\\>"))
        #expect(!markdown.contains("[x](") && markdown.contains("\\[x\\](https://example.com/a.png)"))
        #expect(markdown.contains("\\&amp;") && !markdown.contains(" &amp;"))
        #expect(!markdown.unicodeScalars.contains { $0.value == 0x1B })
        // A pipe in a cell is escaped, so every table line has the column count's pipes.
        for line in markdown.split(separator: "\n") where line.hasPrefix("| ") {
            #expect(line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count == 4, "\(line)")
        }
        #expect(markdown.contains("| **TOTAL** | **12,340.67** |"))
    }

    @Test("HTML: one self-contained file — inline CSS and SVG, no scripts, nothing loaded, print rules, data escaped")
    func html() {
        let html = DocumentFormat.html.render(Self.document)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n"))
        #expect(!html.lowercased().contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        for forbidden in ["src=", "href=", "@import", "url(", "<link", "<img", "<iframe", "@font-face"] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
        // Besides the data's own URL, shown as text, the only URL is the SVG namespace, which loads nothing.
        let rest = html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "")
            .replacingOccurrences(of: "[x](https://example.com/a.png)", with: "")
        #expect(!rest.contains("http"))
        #expect(html.contains("@media print") && html.contains("break-inside: avoid"))
        #expect(html.components(separatedBy: "<svg ").count == 4)
        #expect(html.contains("<section id=\"one\">") && html.contains("<section id=\"charts\">"))
        #expect(html.contains(">budget 3,000.00</text>") && html.contains("forecast 3,300.00"))
        #expect(!html.unicodeScalars.contains { $0.value == 0x1B })
    }

    @Test("the burn-down grid: ten days of actual, the budget line, the forecast to month end")
    func burnDownText() {
        let lines = TextChart.lines(Chart(title: "b", kind: .burnDown(Self.burnDown)), width: 80)
        let grid = lines.prefix(8)
        // Top of the scale: the forecast's upper bound; the bottom row holds every actual day (2 cells each).
        #expect(grid.first!.hasPrefix("3,700.00 │"))
        let bottom = grid.last!
        #expect(bottom.filter { $0 == "█" }.count == 20)
        // Cumulative 1,000 after 10 days of 3,700 over 8 rows: two rows filled on the last actual day.
        #expect(grid.filter { $0.contains("█") }.count == 3)
        #expect(grid.contains { $0.contains("budget") && $0.contains("─") })
        #expect(grid.contains { $0.contains("░") })
        #expect(lines.last!.contains("actual 1,000.00") && lines.last!.contains("forecast 3,300.00"))
        #expect(lines.allSatisfy { $0.count <= 80 })
    }

    @Test("the waterfall: steps start where the level before them ends; totals from the axis")
    func waterfallText() {
        let lines = TextChart.lines(Chart(title: "w", kind: .waterfall(Self.waterfall)), width: 80)
        #expect(lines.count == 5)
        func bar(_ line: String) -> (start: Int, end: Int) {
            let characters = Array(line)
            let first = characters.firstIndex { "█▒░".contains($0) }!
            let last = characters.lastIndex { "█▒░".contains($0) }!
            return (first, last + 1)
        }
        let before = bar(lines[0]), usage = bar(lines[1]), credits = bar(lines[2]), now = bar(lines[3])
        #expect(usage.start == before.end)
        #expect(credits.end == usage.end && credits.start < credits.end)
        #expect(now.end == credits.start)
        #expect(lines[1].contains("+30.00") && lines[2].contains("-10.00") && lines[1].contains("▒") && lines[2].contains("░"))
    }

    @Test("a chart label holding backticks gets a longer code fence in Markdown")
    func fence() {
        let chart = WaterfallChart(bars: [.init(label: "a```b", amount: Self.unit, isTotal: true)], currency: "USD")
        let markdown = DocumentFormat.markdown.render(ReportDocument(title: "t", sections: [
            DocumentSection(anchor: "s", title: "s", blocks: [.chart(Chart(title: "c", kind: .waterfall(chart)))]),
        ]))
        #expect(markdown.contains("\n````text\n") && markdown.hasSuffix("\n````\n"))
    }

    @Test("sparklines share one scale and average days into cells when the window is long")
    func sparkline() {
        #expect(TextChart.sparkline([0, 4, 8].map { Int128($0) }, top: 8) == "▁▅█")
        #expect(TextChart.resample((1...10).map { Int128($0) }, cells: 5) == [1, 3, 5, 7, 9])
        #expect(TextChart.resample([1, 2, 3], cells: 5) == [1, 2, 3])
    }
}
