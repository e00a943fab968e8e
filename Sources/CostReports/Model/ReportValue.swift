import CostModel

/// One typed cell of a `ReportTable`, and how each format writes it.
///
/// | value | table | CSV | Markdown |
/// |---|---|---|---|
/// | money | `1,234.57`, `+` when signed | `1234.57` | as the table |
/// | percent | `12.3%` | `12.34` | `12.34%` |
/// | missing percent | its `missing` text (`new`, `—`) | empty | as the table |
/// | decimal | `12.34` | `12.34` | `12.34` |
/// | unit cost | `12.34`, `0.0123` below 1 | as the table | as the table |
public enum ReportValue: Sendable {
    /// A string; from billing data unless the report says otherwise, so tables and Markdown
    /// sanitize it and CSV guards it against formulas.
    case text(String)
    /// Nano-units, rounded to the cent; `signed` shows `+` before increases in tables.
    case money(Int128, signed: Bool = false)
    /// 0-100; nil shows `missing` in tables and nothing in CSV.
    case percent(Double?, signed: Bool = false, missing: String = "")
    /// A plain figure with two decimals (hours, scores).
    case decimal(Double)
    /// A cost per unit of a business metric: `NumberText.unitCost` (four decimals below 1).
    case unitCost(Double)
    case integer(Int)
    case boolean(Bool)
    /// Shown in tables and Markdown, empty in CSV (a figure the CSV layout has always left out).
    indirect case displayOnly(ReportValue)

    /// Whether the cell is a data string (sanitized, formula-guarded) rather than a figure.
    var isText: Bool {
        if case .text = self { return true }
        return false
    }

    /// The text a terminal table shows, before sanitizing and clipping.
    var tableText: String {
        switch self {
        case .text(let text): return text
        case .money(let nanos, let signed): return (signed && nanos > 0 ? "+" : "") + Money.groupedString(nanos)
        case .percent(let value, let signed, let missing):
            guard let value else { return missing }
            return (signed && value > 0 ? "+" : "") + NumberText.oneDecimal(value) + "%"
        case .displayOnly(let value): return value.tableText
        default: return dataText
        }
    }

    /// The text CSV writes (before quoting and the formula guard).
    var dataText: String {
        switch self {
        case .text(let text): return text
        case .money(let nanos, _): return Money.plainString(nanos)
        case .percent(let value, _, _): return value.map(NumberText.twoDecimals) ?? ""
        case .decimal(let value): return NumberText.twoDecimals(value)
        case .unitCost(let value): return NumberText.unitCost(value)
        case .integer(let value): return String(value)
        case .boolean(let value): return String(value)
        case .displayOnly: return ""
        }
    }

    /// The text Markdown shows: the table's words and signs at CSV precision.
    var markdownText: String {
        switch self {
        case .percent(let value, let signed, let missing):
            guard let value else { return missing }
            return (signed && value > 0 ? "+" : "") + NumberText.twoDecimals(value) + "%"
        case .displayOnly(let value): return value.markdownText
        case .text, .money: return tableText
        default: return dataText
        }
    }
}
