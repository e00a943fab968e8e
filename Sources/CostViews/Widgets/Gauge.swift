/// One commitment gauge drawn into a grid: a bar of block elements (`#` and `-` in ASCII), the
/// percentage, and `!` or `!!` below the warning or alarm threshold, so the level reads without
/// colour. The bar and figure take the level's role (`gaugeFill`, `gaugeWarn`, `gaugeAlarm`).
enum Gauge {
    /// Columns `draw` uses for a bar of `barWidth`: bar, space, `100.0%`, space, `!!`.
    static func width(bar barWidth: Int) -> Int { barWidth + 10 }

    /// Draws the gauge at (x, y): `██████▌░░░ 65.2% !`, or an empty bar and `—` for nil.
    /// - Returns: the columns used (always `width(bar:)`, so gauges line up in columns).
    @discardableResult
    static func draw(_ percent: Double?, level: GaugeLevel?, barWidth: Int, x: Int, y: Int, unicode: Bool,
                     into grid: inout CellGrid) -> Int {
        let role = level?.role ?? .muted
        let (filled, empty) = bar(percent, width: barWidth, unicode: unicode)
        let filledWidth = grid.put(filled, x: x, y: y, role: role, maxWidth: barWidth)
        grid.put(empty, x: x + filledWidth, y: y, role: .muted, maxWidth: barWidth - filledWidth)
        let figure = percent.map(Self.percent) ?? (unicode ? "—" : "-")
        // Right-aligned in six columns so the marks of a column of gauges line up.
        grid.putRight(figure, right: x + barWidth + 7, y: y, role: percent == nil ? .muted : role)
        if let level, !level.mark.isEmpty { grid.put(level.mark, x: x + barWidth + 8, y: y, role: role) }
        return width(bar: barWidth)
    }

    /// `65.2%`, clamped to 0-100 and never rounded up to `100.0%` when something is missing.
    static func percent(_ value: Double) -> String {
        let clamped = max(0, min(100, value))
        let text = String(format: "%.1f%%", clamped)
        return text == "100.0%" && clamped < 100 ? "99.9%" : text
    }

    /// The filled and the empty part of a bar of `width` cells for `percent` (0-100): eighths of a
    /// cell in block elements, whole cells of `#` in ASCII; the empty part is `░` or `-`.
    static func bar(_ percent: Double?, width: Int, unicode: Bool) -> (filled: String, empty: String) {
        guard width > 0 else { return ("", "") }
        let fraction = max(0, min(1, (percent ?? 0) / 100))
        if !unicode {
            let cells = Int((fraction * Double(width)).rounded())
            return (String(repeating: "#", count: cells), String(repeating: "-", count: width - cells))
        }
        let eighths = Int((fraction * Double(width * 8)).rounded())
        var filled = String(repeating: Glyphs.unicode.full, count: eighths / 8)
        if eighths % 8 > 0 { filled += Glyphs.unicode.barEighths[eighths % 8 - 1] }
        let used = eighths / 8 + (eighths % 8 > 0 ? 1 : 0)
        return (filled, String(repeating: "░", count: width - used))
    }

    /// A sparkline of daily percentages on a fixed 0-100 scale (so a steady 100% is a row of full
    /// blocks, not the lowest level as a self-scaled line would draw it); days without a value are blank.
    static func sparkline(_ values: [Double?], width: Int, glyphs: Glyphs) -> String {
        guard width > 0, !values.isEmpty else { return "" }
        let columns = min(width, values.count)
        return (0..<columns).map { bucket in
            let start = bucket * values.count / columns
            let end = max(start + 1, (bucket + 1) * values.count / columns)
            let known = values[start..<end].compactMap { $0 }
            guard !known.isEmpty else { return " " }
            let mean = known.reduce(0, +) / Double(known.count)
            let level = Int((max(0, min(100, mean)) / 100 * 7).rounded())
            return glyphs.spark[level]
        }.joined()
    }
}
