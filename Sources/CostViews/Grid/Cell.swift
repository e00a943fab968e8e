/// One character cell of the screen: a grapheme cluster and the semantic role that colours it.
///
/// A wide character (CJK, emoji) occupies two cells: the first holds it, the second holds an
/// empty string, which the terminal layer skips.
public struct Cell: Equatable, Sendable {
    /// One grapheme cluster of display width 1 or 2, or "" for the right half of a wide one.
    public var text: String
    /// What the cell shows, for the theme to colour.
    public var role: StyleRole

    public init(_ text: String = " ", role: StyleRole = .normal) {
        self.text = text
        self.role = role
    }
}

/// The semantic roles a theme colours. Views name roles, never colours.
public enum StyleRole: String, CaseIterable, Sendable {
    /// Ordinary text.
    case normal
    /// The header band: cache, range, period, metric, filters.
    case header
    /// The drill path in the header.
    case breadcrumb
    /// Column titles of a table.
    case columnHeader = "column_header"
    /// The selected row.
    case selection
    /// A cost increase (Δ > 0).
    case deltaUp = "delta_up"
    /// A cost decrease (Δ < 0).
    case deltaDown = "delta_down"
    /// A row or day with a notable anomaly (docs/anomalies.md, *Marks*).
    case anomaly
    /// A row or day with a severe anomaly: a large part of the row's cost.
    case anomalySevere = "anomaly_severe"
    /// Share bars and chart bars.
    case bar
    /// The comparison series in charts.
    case reference
    /// Sparklines.
    case sparkline
    /// Gauge fill at a healthy level.
    case gaugeFill = "gauge_fill"
    /// Gauge fill at a warning level.
    case gaugeWarn = "gauge_warn"
    /// Gauge fill at an alarming level.
    case gaugeAlarm = "gauge_alarm"
    /// Secondary text: hints, totals labels, missing values.
    case muted
    /// Frames and separators.
    case border
    /// Titles of panes.
    case title
    /// The status line.
    case status
    /// Key names in the status line and help.
    case statusKey = "status_key"
    /// Error messages.
    case error
}
