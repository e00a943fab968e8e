import CostEngine
import CostModel

/// How anomalies read on screen: short kind names, impacts, days and paths fitted to a width.
/// Shared by the anomalies screen and the detail pane's root causes.
enum AnomalyText {
    /// The kind in at most 7 columns: spike, shift (level shift), new (new spend), stopped
    /// (stopped spend), growth (gradual growth).
    static func kind(_ kind: AnomalyKind) -> String {
        switch kind {
        case .spike: return "spike"
        case .levelShift: return "shift"
        case .newSpend: return "new"
        case .stoppedSpend: return "stopped"
        case .gradualGrowth: return "growth"
        }
    }

    /// The kind in words, for the detail area.
    static func kindName(_ kind: AnomalyKind) -> String {
        switch kind {
        case .spike: return "spike"
        case .levelShift: return "level shift"
        case .newSpend: return "new spend"
        case .stoppedSpend: return "stopped spend"
        case .gradualGrowth: return "gradual growth"
        }
    }

    /// A service's short name: `AmazonEC2` is `EC2`, `AWSDataTransfer` `DataTransfer` (the prefix
    /// is on nearly every service and says nothing).
    static func shortService(_ service: String) -> String {
        for prefix in ["Amazon", "AWS"] where service.hasPrefix(prefix) && service.count > prefix.count + 1 {
            return String(service.dropFirst(prefix.count))
        }
        return service
    }

    /// A step as the list abbreviates it: services by their short names, tags without `tag:`
    /// (`env=prod`), accounts, regions and usage types as they are (a region's name says what it is).
    static func shortStep(_ step: PathStep) -> String {
        switch step.dimension {
        case "service": return shortService(step.key)
        case "account", "usage-type": return step.key
        case "region" where step.key != "(none)": return step.key
        default: return step.dimension.hasPrefix("tag:") ? "\(step.dimension.dropFirst(4))=\(step.key)" : "\(step.dimension)=\(step.key)"
        }
    }

    /// An amount of currency units in the nano-units the formatters take.
    static func nanos(_ value: Double) -> Int128 { Int128((value * 1e9).rounded()) }

    /// The impact with ▲ or ▼, so a stopped spend reads as a drop without colour.
    static func impact(_ value: Double, glyphs: Glyphs, symbol: String, compact: Bool = false) -> String {
        Formatting.delta(nanos(value), glyphs: glyphs, compact: compact, symbol: symbol)
    }

    /// `+250.0%`, `new` when nothing was expected.
    static func percent(_ anomaly: Anomaly) -> String {
        guard let value = anomaly.impactPercent else { return "new" }
        if abs(value) >= 1000 { return value > 0 ? ">+999%" : "<-999%" }
        return (value > 0 ? "+" : "") + String(format: "%.1f%%", value)
    }

    /// The role of an impact: up or down.
    static func role(_ value: Double) -> StyleRole { value > 0 ? .deltaUp : value < 0 ? .deltaDown : .normal }

    /// A day as `2024-08-30`, or `08-30` when `short` (the detection window is 90 days, so the
    /// month and day cannot be mistaken for another year's).
    static func day(_ day: Day, short: Bool) -> String {
        short ? String(day.description.dropFirst(5)) : day.description
    }

    /// One step of a path: the key alone for the hierarchy (as in the breadcrumb), `dimension=key`
    /// for a region or tag, whose key alone would not say what it is.
    static func step(_ step: PathStep) -> String {
        ["account", "service", "usage-type"].contains(step.dimension) ? step.key : "\(step.dimension)=\(step.key)"
    }

    /// The path sanitized and fitted to `width` columns. The deepest step says what moved, so the
    /// steps above it are shortened first (each to a few columns and an ellipsis); only then is
    /// the whole cut at the end.
    /// - Parameter label: how a step reads (default: `step`; the anomalies screen abbreviates).
    static func path(_ path: [PathStep], width: Int, glyphs: Glyphs, unicode: Bool,
                     label: (PathStep) -> String = { step($0) }) -> String {
        var steps = path.map { TerminalSanitizer.sanitize(label($0)) }
        func text() -> String { steps.joined(separator: glyphs.separator) }
        var excess = DisplayWidth.of(text()) - width
        for index in steps.indices.dropLast() where excess > 0 {
            let current = DisplayWidth.of(steps[index])
            let kept = max(4, current - excess)
            guard kept < current else { continue }
            steps[index] = DisplayWidth.truncate(steps[index], to: kept, unicode: unicode)
            excess -= current - DisplayWidth.of(steps[index])
        }
        return DisplayWidth.truncate(text(), to: width, unicode: unicode)
    }
}
