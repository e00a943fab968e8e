/// Money as a fixed-point count of nano-units (10⁻⁹ of the currency unit) in an `Int64`.
///
/// Why fixed point: a `Double` running sum over millions of line items drifts by cents, and bills
/// must reconcile to the cent. Export files carry up to 10 fractional digits; each value is rounded
/// half-to-even to 9 digits on ingest, so the worst-case error of a sum of N values is N × 0.5 nano
/// (under a cent for 10 million line items) and the typical error is far smaller. One cache row holds
/// at most ±9.2 billion currency units; query totals are accumulated in `Int128` so they never overflow.
public enum Money {
    /// Nano-units per currency unit.
    public static let scale: Int64 = 1_000_000_000

    /// Rounds a nano-unit amount to cents (half away from zero) and returns it as a `Double` of
    /// whole currency units, for display and JSON.
    public static func roundedToCents(_ nanos: Int128) -> Double {
        let centNanos: Int128 = 10_000_000
        let half = centNanos / 2
        let cents = nanos >= 0 ? (nanos + half) / centNanos : (nanos - half) / centNanos
        return Double(cents) / 100
    }

    /// Formats a nano-unit amount as a plain decimal with exactly `digits` fractional digits.
    public static func plainString(_ nanos: Int128, digits: Int = 2) -> String {
        precondition((0...9).contains(digits))
        var divisor: Int128 = 1
        for _ in 0..<(9 - digits) { divisor *= 10 }
        let half = divisor / 2
        let rounded = nanos >= 0 ? (nanos + half) / divisor : (nanos - half) / divisor
        let negative = rounded < 0
        let magnitude = negative ? -rounded : rounded
        var unit: Int128 = 1
        for _ in 0..<digits { unit *= 10 }
        let whole = magnitude / unit
        let fraction = magnitude % unit
        var text = negative ? "-" : ""
        text += String(whole)
        if digits > 0 {
            let fractionText = String(fraction)
            text += "." + String(repeating: "0", count: digits - fractionText.count) + fractionText
        }
        return text
    }

    /// Formats for people: thousands separators and two decimals, e.g. `-12,345.68`.
    public static func groupedString(_ nanos: Int128) -> String {
        let plain = plainString(nanos)
        let negative = plain.hasPrefix("-")
        let body = negative ? plain.dropFirst() : Substring(plain)
        let parts = body.split(separator: ".", maxSplits: 1)
        let whole = Array(parts[0])
        var grouped = ""
        for (index, char) in whole.enumerated() {
            if index > 0, (whole.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(char)
        }
        let fraction = parts.count > 1 ? "." + parts[1] : ""
        return (negative ? "-" : "") + grouped + fraction
    }
}
