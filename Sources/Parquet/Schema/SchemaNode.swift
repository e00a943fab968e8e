/// One field of the schema tree: a group (struct, map, list) with children, or a leaf column.
public struct SchemaNode: Sendable {
    /// The field's name.
    public var name: String
    /// Required, optional or repeated (the root is required).
    public var repetition: Repetition
    /// The logical annotation, from `LogicalType` or derived from the legacy `ConvertedType`.
    public var logicalType: LogicalType?
    /// The legacy annotation, kept because some (MAP_KEY_VALUE) have no logical equivalent.
    public var convertedType: ConvertedType?
    /// The physical type, for leaves only.
    public var physicalType: PhysicalType?
    /// Children of a group; empty for a leaf.
    public var children: [SchemaNode]
    /// For leaves, the index of the column among `ParquetSchema.columns`.
    public var columnIndex: Int?

    /// Whether this is a leaf column rather than a group.
    public var isLeaf: Bool { physicalType != nil }
}
