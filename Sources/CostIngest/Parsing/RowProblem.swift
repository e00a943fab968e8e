/// What is wrong with one line item: the column (0-based field index when known), the offending
/// value and the reason. The ingestor adds the file and line.
public struct RowProblem: Error, Equatable {
    /// 0-based field index in the record, when the problem is in one field.
    public var column: Int?
    /// The offending value as it appeared in the file.
    public var value: String
    /// Why it was rejected.
    public var reason: String

    public init(column: Int?, value: String, reason: String) {
        self.column = column
        self.value = value
        self.reason = reason
    }
}
