import CostEngine
import CostModel
import CostReports

/// Drawing the movers list: path, now, before, change and the driver bar of each mover, the
/// windows in the header and the bar's letters above the status line.
extension MoversScreen {
    struct Columns {
        var path = 0, now = 10, before = 10, delta = 11, bar = 24, note = 1

        var fixed: Int { [now, before, delta, bar, note].filter { $0 > 0 }.reduce(0) { $0 + $1 + 1 } }
    }

    /// Columns for `width`: now and before go first below 100 columns; the path keeps the rest.
    static func layout(width: Int) -> Columns {
        var columns = Columns()
        if width < 120 { columns.bar = 16 }
        if width < 100 { (columns.now, columns.before) = (0, 0) }
        columns.path = max(12, width - 1 - columns.fixed)
        return columns
    }

    func render(into grid: inout CellGrid, context: ScreenContext) {
        if presenting, let mover = selected {
            renderMeeting(mover, into: &grid, context: context)
            return
        }
        let (width, unicode, glyphs) = (grid.width, context.unicode, context.glyphs)
        let symbol = Formatting.symbol(result?.currency, unicode: unicode)
        let dot = unicode ? " · " : " | "
        grid.fill(x: 0, y: 0, width: width, height: 2, role: .header)
        grid.put(" costtop  movers  " + windowsText(context), x: 0, y: 0, role: .header, maxWidth: width, unicode: unicode)
        var summary = " " + (movers.count == 1 ? "1 mover" : "\(movers.count) movers") + ", largest change first"
        if !context.state.filters.isEmpty { summary += dot + "within " + context.state.filters.map(\.description).joined(separator: ", ") }
        grid.putData(summary, x: 0, y: 1, role: .header, maxWidth: width, unicode: unicode)

        let columns = Self.layout(width: width)
        var titles = ColumnTitles(grid: &grid, x: 0, y: 2, width: width)
        titles.add("PATH", width: columns.path, into: &grid)
        titles.add("NOW", width: columns.now, right: true, into: &grid)
        titles.add("BEFORE", width: columns.before, right: true, into: &grid)
        titles.add(unicode ? "Δ" : "DELTA", width: columns.delta, right: true, into: &grid)
        titles.add("DRIVERS (- | +)", width: columns.bar, into: &grid)
        titles.add("", width: columns.note, into: &grid)

        let top = 3, legendY = grid.height - 2
        let visible = max(1, legendY - top)
        let scroll = ListNavigation.scroll(current: self.scroll, selected: selection, count: movers.count, visible: visible)
        if movers.isEmpty {
            grid.putData(failure.map { "movers failed: \($0)" } ?? "no changes of a dollar or more between the two windows",
                         x: 2, y: top, role: .muted, maxWidth: width - 2, unicode: unicode)
        }
        for (offset, mover) in movers.dropFirst(scroll).prefix(visible).enumerated() {
            let y = top + offset
            var x = 1
            let path = mover.path.map(\.key).joined(separator: glyphs.separator)
            grid.putData(path, x: x, y: y, maxWidth: columns.path, unicode: unicode)
            x += columns.path + 1
            // The cent figures every output prints, so the list, the meeting layout and `costtop movers` agree.
            let figures = MoversOutput.cents(mover), cent: Int128 = 10_000_000
            for (value, columnWidth) in [(figures.cost * cent, columns.now), (figures.previous * cent, columns.before)] where columnWidth > 0 {
                grid.putRight(Formatting.money(value, compact: true, symbol: symbol), right: x + columnWidth, y: y)
                x += columnWidth + 1
            }
            grid.putRight(Formatting.delta(figures.delta * cent, glyphs: glyphs, compact: true, symbol: symbol), right: x + columns.delta, y: y,
                          role: mover.delta > 0 ? .deltaUp : .deltaDown)
            x += columns.delta + 1
            grid.put(DriverBar.text(MoversOutput.centDrivers(mover), width: columns.bar), x: x, y: y, role: .bar, maxWidth: columns.bar)
            x += columns.bar + 1
            if notes[mover.pathText] != nil { grid.put("*", x: x, y: y, role: .anomaly) }
            if scroll + offset == selection { grid.paint(x: 0, y: y, width: width, role: .selection) }
        }
        if movers.count > visible { grid.putRight("\(selection + 1)/\(movers.count) ", right: width, y: 1, role: .header) }
        let note = selected.flatMap { notes[$0.pathText] }.map { "* " + $0 }
        grid.putData(note ?? DriverBar.legend(MoverDriverKind.allCases), x: 1, y: legendY, role: .muted, maxWidth: width - 2, unicode: unicode)
        drawStatus(context, y: grid.height - 1, into: &grid)
    }

    /// `billed cost · 2024-09-22..2024-09-28 vs 2024-09-15..2024-09-21`.
    func windowsText(_ context: ScreenContext) -> String {
        guard let spec = result?.spec else { return context.state.metric.rawValue + " cost" }
        return "\(spec.metric.rawValue) cost" + (context.unicode ? " · " : " | ") + "\(spec.period) vs \(spec.comparison)"
    }

    func drawStatus(_ context: ScreenContext, y: Int, into grid: inout CellGrid) {
        grid.fill(x: 0, y: y, width: grid.width, height: 1, role: .status)
        if let message = context.state.message {
            grid.putData(" " + message, x: 0, y: y, role: .status, unicode: context.unicode)
            return
        }
        let keys = context.keyMap
        var hints: [(key: String?, label: String)] = [(keys.key(for: .goToMover), "go to")]
        if presenting {
            hints += [(keys.key(for: .nextMover), "next"), (keys.key(for: .previousMover), "previous")]
        } else {
            hints.append((keys.key(for: .presentMovers), "present"))
        }
        hints += [(keys.key(for: .noteMover), "note"), (keys.key(for: .closeMovers), presenting ? "list" : "back"),
                  (keys.key(for: .quit), "quit")]
        StatusHints.draw(hints, y: y, end: grid.width, into: &grid)
    }
}

extension MoversOutput {
    /// A mover's drivers at the cent figures every output prints (for the driver bar).
    static func centDrivers(_ mover: Mover) -> [MoverDriver] {
        cents(mover).drivers.map { MoverDriver(kind: $0.kind, amount: $0.cents * 10_000_000) }
    }
}
