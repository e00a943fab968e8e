/// `costtop movers --format json` (docs/movers.md): the windows, and one object per mover whose
/// `drivers` add up to its `delta` to the cent. Amounts in currency units (daily averages with
/// `--per-day`); `deltaPct` is null when there was no cost before.
public struct MoversDocument: Codable, Sendable {
    /// One step of a mover's path, outermost first.
    public struct Step: Codable, Sendable {
        public var dimension: String
        public var key: String
    }

    /// One driver and the part of the change it carries.
    public struct Driver: Codable, Sendable {
        public var kind: String
        public var amount: JSONDecimal
    }

    /// One mover.
    public struct Mover: Codable, Sendable {
        public var path: [Step]
        public var cost: JSONDecimal
        public var previous: JSONDecimal
        public var delta: JSONDecimal
        public var deltaPct: Nullable<JSONDecimal>
        public var drivers: [Driver]
    }

    public var from: String
    public var to: String
    public var compareFrom: String
    public var compareTo: String
    public var metric: String
    public var currency: Nullable<String>
    public var movers: [Mover]
}
