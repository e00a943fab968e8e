/// A coding key for any name or index: what a mapping's keys are before they are known to be valid,
/// so that unknown ones can be found and reported.
public struct AnyCodingKey: CodingKey, Hashable, Sendable {
    /// The key as written in the file (for an index, its digits).
    public var stringValue: String
    /// The position in a sequence; nil for a mapping key.
    public var intValue: Int?

    /// A mapping key.
    public init(_ name: String) {
        self.stringValue = name
        self.intValue = nil
    }

    /// A copy of any other coding key, index included.
    public init(_ key: any CodingKey) {
        self.stringValue = key.stringValue
        self.intValue = key.intValue
    }

    /// A mapping key (`CodingKey` requirement).
    public init?(stringValue: String) { self.init(stringValue) }

    /// A sequence index.
    public init?(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}
