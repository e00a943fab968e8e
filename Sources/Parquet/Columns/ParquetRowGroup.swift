/// The columns of one row group that a caller asked for, decoded.
public struct ParquetRowGroup: Sendable {
    /// Rows in the row group.
    public let rowCount: Int
    /// The requested columns, in the order requested.
    public let columns: [ParquetColumn]

    /// The decoded column with leaf index `index`, if it was requested.
    public func column(_ index: Int) -> ParquetColumn? {
        columns.first { $0.descriptor.index == index }
    }
}
