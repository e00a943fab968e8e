/// A headline figure: `Total` `18,848.06 USD` `+6.4% on the previous period`.
public struct KeyFigure: Sendable, Equatable {
    public var label: String
    /// The figure as shown (already formatted by the section, through `Money` and `NumberText`).
    public var value: String
    /// A short line under the figure, or empty.
    public var detail: String

    /// A figure `value` labelled `label`, with an optional `detail` line.
    public init(_ label: String, _ value: String, detail: String = "") {
        self.label = label
        self.value = value
        self.detail = detail
    }
}
