/// A chart as data: what it shows, not how. Renderers draw each kind (SVG in HTML; sparklines and
/// block charts in text and Markdown).
public struct Chart: Sendable {
    /// The chart's caption.
    public var title: String
    public var kind: ChartKind

    /// A chart of `kind` captioned `title`.
    public init(title: String, kind: ChartKind) {
        self.title = title
        self.kind = kind
    }
}
