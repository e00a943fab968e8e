/// One section of a `ReportDocument`: a heading and its blocks, in order.
public struct DocumentSection: Sendable {
    /// A stable identifier (`totals`, `movers`): the HTML anchor, and how tests find a section.
    public var anchor: String
    public var title: String
    public var blocks: [DocumentBlock]

    /// A section titled `title` whose HTML anchor is `anchor`.
    public init(anchor: String, title: String, blocks: [DocumentBlock]) {
        self.anchor = anchor
        self.title = title
        self.blocks = blocks
    }
}
