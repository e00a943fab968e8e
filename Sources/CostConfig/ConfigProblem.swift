/// A problem found while decoding, thrown from a `Decodable` initializer and turned into a
/// `ConfigError` at the file, line and column of the value (or key) that `codingPath` names.
///
/// Decodable types never see the text or the YAML nodes; the coding path is the one thing they know
/// about where they are, so it is what they report, and `YAMLFile` maps it back to a position.
public struct ConfigProblem: Error, Sendable {
    /// What in the file the problem is about.
    public enum Target: Sendable {
        /// The value at the path (a wrong or out-of-range value).
        case value
        /// The key that ends the path (an unknown or misspelt key).
        case key
    }

    /// The path from the document's root to the value or key at fault.
    public var codingPath: [AnyCodingKey]
    /// Whether to point at the key or at its value.
    public var target: Target
    /// What is wrong, in words a user can act on.
    public var reason: String

    /// A problem with the value (or, with `target: .key`, the key) at `codingPath`.
    public init(at codingPath: [any CodingKey], _ reason: String, target: Target = .value) {
        self.codingPath = codingPath.map(AnyCodingKey.init)
        self.target = target
        self.reason = reason
    }
}
