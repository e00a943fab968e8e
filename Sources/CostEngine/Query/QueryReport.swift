import CostModel

/// A query answer shaped for output: sorted, limited (the rest folded into one `(other N)` row so
/// shares still add up to the total), with derived columns.
public struct QueryReport: Sendable {
    /// One output row with its derived figures.
    public struct Line: Sendable {
        public var key: String
        public var name: String?
        public var cost: Int128
        public var previous: Int128
        public var delta: Int128 { cost - previous }
        /// Change relative to the previous cost, nil when the previous cost is 0.
        public var deltaPercent: Double?
        /// Share of the total cost, nil when the total is 0.
        public var share: Double?
        /// True for the folded `(other N)` row.
        public var isOther: Bool
    }

    public var result: QueryResult
    public var lines: [Line]

    /// - Parameters:
    ///   - result: the engine's answer.
    ///   - sort: the order of the rows.
    ///   - limit: most rows shown before folding the rest; nil shows all.
    public init(_ result: QueryResult, sort: RowOrder, limit: Int?) {
        var rows = result.rows
        switch sort {
        case .cost: rows.sort { ($0.cost, $1.key) > ($1.cost, $0.key) }
        case .delta: rows.sort { ($0.delta, $1.key) > ($1.delta, $0.key) }
        case .absoluteDelta: rows.sort { (abs($0.delta), $1.key) > (abs($1.delta), $0.key) }
        case .name: rows.sort { $0.key < $1.key }
        }
        self.init(result, rowsInOrder: rows, limit: limit)
    }

    /// A report of `result` with its rows in the order given (the explorer's, after its sort and
    /// `/` filter), none folded.
    public init(orderedResult result: QueryResult) {
        self.init(result, rowsInOrder: result.rows, limit: nil)
    }

    private init(_ result: QueryResult, rowsInOrder rows: [QueryRow], limit: Int?) {
        self.result = result
        let total = result.total
        func line(_ key: String, _ name: String?, _ cost: Int128, _ previous: Int128, other: Bool) -> Line {
            Line(key: key, name: name, cost: cost, previous: previous,
                 deltaPercent: previous == 0 ? nil : Double(cost - previous) / Double(abs(previous)) * 100,
                 share: total == 0 || result.currency == nil ? nil : Double(cost) / Double(total) * 100,
                 isOther: other)
        }
        var lines = rows.map { line($0.key, $0.name, $0.cost, $0.previous, other: false) }
        if let limit, limit >= 0, lines.count > limit {
            let rest = rows[limit...]
            let folded = line("(other \(rest.count))", nil, rest.reduce(0) { $0 + $1.cost },
                              rest.reduce(0) { $0 + $1.previous }, other: true)
            lines = Array(lines.prefix(limit)) + [folded]
        }
        self.lines = lines
    }
}
