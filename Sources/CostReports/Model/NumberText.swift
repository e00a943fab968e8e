/// The one place numbers become text, so every format rounds the same way.
///
/// Rounding is half away from zero on the value scaled to the last digit shown; money is rounded
/// from its nano-unit integer by `Money`, never through a `Double`.
public enum NumberText {
    /// One decimal (`12.3`): percentages in a terminal table, where a tenth of a point is enough.
    public static func oneDecimal(_ value: Double) -> String {
        let scaled = (value * 10).rounded()
        let magnitude = Int64(abs(scaled))
        return (scaled < 0 ? "-" : "") + "\(magnitude / 10).\(magnitude % 10)"
    }

    /// Two decimals (`12.34`): percentages and hours in CSV, JSON and Markdown.
    public static func twoDecimals(_ value: Double) -> String {
        let scaled = (value * 100).rounded()
        let magnitude = Int64(abs(scaled))
        let fraction = magnitude % 100
        return (scaled < 0 ? "-" : "") + "\(magnitude / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }

    /// A cost per unit of a business metric: two decimals from 1 up (`12.34`), four below
    /// (`0.0123`), since a cost per order or request is often a fraction of a cent.
    public static func unitCost(_ value: Double) -> String {
        guard abs(value) < 1 else { return twoDecimals(value) }
        let scaled = (value * 10_000).rounded()
        let magnitude = Int64(abs(scaled))
        let fraction = String(magnitude % 10_000)
        return (scaled < 0 ? "-" : "") + "\(magnitude / 10_000)." + String(repeating: "0", count: 4 - fraction.count) + fraction
    }

    /// Six decimals (`0.250000`): allocation ratios (0-1) in CSV and JSON.
    public static func sixDecimals(_ value: Double) -> String {
        let scaled = (value * 1_000_000).rounded()
        let magnitude = Int64(abs(scaled))
        let fraction = String(magnitude % 1_000_000)
        return (scaled < 0 ? "-" : "") + "\(magnitude / 1_000_000)." + String(repeating: "0", count: 6 - fraction.count) + fraction
    }

    /// A threshold as written: `80` for a whole number, else two decimals (`12.50`).
    public static func trimmed(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : twoDecimals(value)
    }

    /// Nano-units from an amount in currency units (the anomaly detector's sums are `Double`s).
    public static func nanos(_ units: Double) -> Int128 {
        Int128(units * 1e9)
    }
}
