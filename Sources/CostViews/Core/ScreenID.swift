/// Names a screen of the explorer, or a group of keys several screens share. Each screen declares
/// its own in its folder (`extension ScreenID { static let anomalies = … }`).
public struct ScreenID: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    /// Keys answered on the table and the list screens (help, quit).
    public static let everywhere = ScreenID("everywhere")
    /// Movement keys: the table, the commitments and anomalies lists, and scrolling help.
    public static let lists = ScreenID("lists")
}
