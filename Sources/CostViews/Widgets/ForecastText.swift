import CostEngine
import CostModel
import Foundation

/// The forecast and budget as the header shows them, short enough for an 80-column breadcrumb
/// row: `Sep fcst $18.9k (18.8k–19.2k)` and `budget at-risk 104%`.
enum ForecastText {
    /// The month-end forecast with its interval (or without, where room is short).
    static func forecast(_ forecast: NodeForecast, symbol: String, unicode: Bool, interval: Bool = true) -> String {
        let dash = unicode ? "–" : "-"
        let month = monthName(forecast.month.month)
        let text = "\(month) fcst \(short(forecast.month.forecast, symbol: symbol))"
        guard interval else { return text }
        return text + " "
            + "(\(short(forecast.month.lower, symbol: ""))\(dash)\(short(forecast.month.upper, symbol: "")))"
    }

    /// The budget's status and the forecast as a percentage of its amount.
    static func budget(_ status: BudgetStatus) -> String {
        "budget \(status.state.rawValue) \(Int(status.forecastPercent.rounded()))%"
    }

    /// `18.9k`, `2.35M`, `940`: three significant figures or so.
    static func short(_ nanos: Int128, symbol: String) -> String {
        let value = Double(nanos) / 1e9
        let sign = value < 0 ? "-" : ""
        let magnitude = abs(value)
        let text: String
        if magnitude >= 1e6 {
            text = String(format: "%.2fM", magnitude / 1e6)
        } else if magnitude >= 1e4 {
            text = String(format: "%.1fk", magnitude / 1e3)
        } else if magnitude >= 1e3 {
            text = String(format: "%.2fk", magnitude / 1e3)
        } else {
            text = String(format: "%.0f", magnitude)
        }
        return sign + symbol + text
    }

    /// `Sep` for any day of September.
    static func monthName(_ day: Day) -> String {
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][day.components.month - 1]
    }
}
