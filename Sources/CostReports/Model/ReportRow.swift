/// One row of a `ReportTable`: a cell per column, in column order.
public struct ReportRow: Sendable {
    /// What the row stands for; a table draws a rule above the first total.
    public enum Kind: Sendable {
        /// A result row (a group, a commitment, an anomaly).
        case item
        /// A sum over some items (all commitments of one type).
        case subtotal
        /// The sum over every item.
        case total
    }

    public var cells: [ReportValue]
    public var kind: Kind
    public var shownIn: ReportAudience

    /// A row of `cells`, one per column of its table, shown to `shownIn`.
    public init(_ cells: [ReportValue], kind: Kind = .item, shownIn: ReportAudience = .all) {
        self.cells = cells
        self.kind = kind
        self.shownIn = shownIn
    }
}
