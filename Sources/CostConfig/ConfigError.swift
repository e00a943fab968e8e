/// A problem in a config, theme or rules file, in words a user can act on: where it is (file, line
/// and column, when the problem has a place in the file) and what is wrong there.
public struct ConfigError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file's path, when the problem is in a file.
    public var file: String?
    /// Line and column (both from 1) of the problem in `file`, when it has one place there.
    public var line: Int?
    /// Column from 1, counted in Unicode scalars (as libyaml counts them).
    public var column: Int?
    /// What is wrong, without the position.
    public var reason: String

    /// A problem without a place in a file (a missing theme, a cache with no rows).
    public init(_ reason: String) {
        self.reason = reason
    }

    /// A problem at `file:line:column`; either of `line` and `column` may be unknown.
    public init(file: String, line: Int?, column: Int?, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// `FILE:LINE:COLUMN: reason`, the form compilers use, so editors and terminals can jump there.
    public var description: String {
        guard let file else { return reason }
        var place = file
        if let line {
            place += ":\(line)"
            if let column { place += ":\(column)" }
        }
        return place + ": " + reason
    }
}
