/// An inclusive range of days, `from` through `to`.
public struct DayRange: Hashable, Sendable, CustomStringConvertible {
    /// The first day in the range.
    public var from: Day
    /// The last day in the range (inclusive).
    public var to: Day

    public init(from: Day, to: Day) {
        self.from = from
        self.to = to
    }

    /// Number of days in the range (0 when `to` is before `from`).
    public var dayCount: Int { max(0, Int(to.index - from.index) + 1) }

    /// Whether `day` lies in the range.
    public func contains(_ day: Day) -> Bool { day >= from && day <= to }

    public var description: String { "\(from)..\(to)" }
}
