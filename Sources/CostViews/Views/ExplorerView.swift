import CostEngine
import CostModel

/// A view of the explorer as a short text people can paste: the drill path, the grouping and
/// selected row, the period, comparison, metric, `:where` filters, the unit metric (`per`) and the screen. `y` copies it,
/// `costtop explore --view TEXT` and `costtop query --view TEXT` open it (docs/explorer.md):
///
/// ```
/// v1;path=account=123456789012/service=AmazonEC2;by=usage-type;period=last-7d;compare=previous;metric=billed
/// ```
///
/// Fields are `name=value` separated by `;`, in any order, all but `v1` optional. Keys and values
/// are percent-encoded where they hold `;`, `,`, `/`, `=`, `%`, `!`, spaces or control characters
/// (usage types such as `USE1-BoxUsage:m5.large` stay readable).
public struct ExplorerView: Equatable, Sendable {
    /// The rows drilled into, outermost first.
    public var steps: [(dimension: CostDimension, key: String)]
    /// What the shown level is grouped by, and its selected row.
    public var groupBy: CostDimension
    public var selectedKey: String?
    public var period: PeriodSpec
    public var comparison: ComparisonChoice
    public var metric: Metric
    public var filters: [Filter]
    /// The screen shown over the table (`movers`), nil for the table.
    public var screen: String?
    /// The business metric unit costs are shown per (`:per`), nil for none.
    public var per: String?

    public init(steps: [(dimension: CostDimension, key: String)] = [], groupBy: CostDimension = .fixed(.account),
                selectedKey: String? = nil, period: PeriodSpec = .last30Days, comparison: ComparisonChoice = .previous,
                metric: Metric = .billed, filters: [Filter] = [], screen: String? = nil, per: String? = nil) {
        self.steps = steps
        self.groupBy = groupBy
        self.selectedKey = selectedKey
        self.period = period
        self.comparison = comparison
        self.metric = metric
        self.filters = filters
        self.screen = screen
        self.per = per
    }

    /// The view a state shows.
    public init(state: ExplorerState, screen: String? = nil) {
        self.init(steps: state.steps.map { ($0.dimension, $0.key) }, groupBy: state.level.groupBy,
                  selectedKey: state.level.selectedKey, period: state.period, comparison: state.comparison,
                  metric: state.metric, filters: state.filters, screen: screen, per: state.unitMetric)
    }

    public static func == (lhs: ExplorerView, rhs: ExplorerView) -> Bool { lhs.text == rhs.text }

    /// The same view without its selected row (moving the selection is not a new visit).
    var place: ExplorerView {
        var view = self
        view.selectedKey = nil
        return view
    }

    // MARK: - Text

    /// The view's text.
    public var text: String {
        var fields = ["v1"]
        if !steps.isEmpty {
            fields.append("path=" + steps.map { "\($0.dimension)=\(Self.encode($0.key))" }.joined(separator: "/"))
        }
        fields.append("by=\(groupBy)")
        if let selectedKey { fields.append("sel=" + Self.encode(selectedKey)) }
        fields.append("period=" + Self.text(period))
        fields.append("compare=" + Self.text(comparison))
        fields.append("metric=" + metric.rawValue)
        if !filters.isEmpty {
            fields.append("where=" + filters.map { "\($0.dimension)\($0.exclude ? "!=" : "=")\(Self.encode($0.value))" }
                .joined(separator: ","))
        }
        if let per { fields.append("per=" + Self.encode(per)) }
        if let screen { fields.append("screen=" + screen) }
        return fields.joined(separator: ";")
    }

    /// Parses a view's text.
    /// - Throws: `QueryError` naming the field that is wrong.
    public init(text: String) throws {
        self.init()
        let fields = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ";").map(String.init)
        guard fields.first == "v1" else { throw QueryError("a view starts with v1; (got \"\(text.prefix(20))\")") }
        for field in fields.dropFirst() {
            guard let equals = field.firstIndex(of: "=") else { throw QueryError("view: \(field) is not name=value") }
            let name = String(field[..<equals]), value = String(field[field.index(after: equals)...])
            switch name {
            case "path":
                steps = try value.split(separator: "/").map { step in
                    let parts = step.split(separator: "=", maxSplits: 1).map(String.init)
                    guard parts.count == 2, let dimension = CostDimension(parts[0]) else {
                        throw QueryError("view: bad path step \(step); write DIM=KEY")
                    }
                    return (dimension, try Self.decode(parts[1]))
                }
            case "by":
                guard let dimension = CostDimension(value) else { throw QueryError("view: unknown dimension \(value)") }
                groupBy = dimension
            case "sel": selectedKey = try Self.decode(value)
            case "period":
                guard let spec = PeriodSpec(value) else { throw QueryError("view: bad period \(value)") }
                period = spec
            case "compare":
                guard let choice = Self.comparisons[value] else { throw QueryError("view: compare is previous, last-month or none") }
                comparison = choice
            case "metric":
                guard let chosen = Metric(rawValue: value) else { throw QueryError("view: metric is billed, effective or list") }
                metric = chosen
            case "where":
                filters = try value.split(separator: ",").map { text in
                    guard let filter = Filter(String(text)) else { throw QueryError("view: bad filter \(text)") }
                    return Filter(dimension: filter.dimension, value: try Self.decode(filter.value), exclude: filter.exclude)
                }
            case "screen": screen = value
            case "per": per = try Self.decode(value)
            default: throw QueryError("view: unknown field \(name)")
            }
        }
    }

    private static let comparisons: [String: ComparisonChoice] = ["previous": .previous, "last-month": .lastMonth, "none": .none]

    static func text(_ comparison: ComparisonChoice) -> String {
        comparisons.first { $0.value == comparison }!.key
    }

    /// A period as `--period` and `:period` write it.
    public static func text(_ period: PeriodSpec) -> String {
        switch period {
        case .last7Days: return "last-7d"
        case .last30Days: return "last-30d"
        case .monthToDate: return "mtd"
        case .lastMonth: return "last-month"
        case .all: return "all"
        case .custom(let range): return range.description
        }
    }

    /// Percent-encodes the bytes a view's punctuation uses.
    static func encode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            let character = Character(Unicode.Scalar(byte))
            if byte < 0x21 || byte >= 0x7F || ";,/=%!".contains(character) {
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            } else {
                result.append(character)
            }
        }
        return result
    }

    static func decode(_ text: String) throws -> String {
        var bytes: [UInt8] = []
        var index = text.utf8.startIndex
        let utf8 = text.utf8
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%") {
                let hexStart = utf8.index(after: index)
                guard let hexEnd = utf8.index(hexStart, offsetBy: 2, limitedBy: utf8.endIndex),
                      let value = UInt8(String(text[hexStart..<hexEnd]), radix: 16) else {
                    throw QueryError("view: bad % escape in \(text)")
                }
                bytes.append(value)
                index = hexEnd
            } else {
                bytes.append(byte)
                index = utf8.index(after: index)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - Applying

    /// Sets `state` to show this view: the drill levels follow the path (a step off the default
    /// path counts as regrouped, as when the anomalies screen goes to a node), then the grouping.
    func apply(to state: inout ExplorerState, defaultPath: [CostDimension]) {
        var levels: [DrillLevel] = []
        for (depth, step) in steps.enumerated() {
            levels.append(DrillLevel(groupBy: step.dimension, regrouped: !(defaultPath.indices.contains(depth) && defaultPath[depth] == step.dimension),
                                     selectedKey: step.key))
        }
        let depth = steps.count
        levels.append(DrillLevel(groupBy: groupBy, regrouped: !(defaultPath.indices.contains(depth) && defaultPath[depth] == groupBy),
                                 selectedKey: selectedKey))
        state.levels = levels
        state.steps = steps.map { DrillStep(dimension: $0.dimension, key: $0.key, name: nil) }
        state.period = period
        state.comparison = comparison
        state.metric = metric
        state.filters = filters
        state.unitMetric = per
        state.rowFilter = ""
        state.selection = 0
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
