/// One entry of the footer's flat, depth-first schema list (Parquet's `SchemaElement`).
struct SchemaElement: Sendable {
    var name = ""
    var physicalType: Int32?
    var typeLength: Int32?
    var repetition: Int32?
    var numChildren: Int32?
    var convertedType: Int32?
    var scale: Int32?
    var precision: Int32?
    var logicalType: LogicalType?

    /// Decodes one element.
    static func decode(_ reader: inout CompactReader) throws -> SchemaElement {
        var element = SchemaElement()
        try reader.readStruct { reader, id, type in
            switch (id, type) {
            case (1, .i32): element.physicalType = try reader.readI32()
            case (2, .i32): element.typeLength = try reader.readI32()
            case (3, .i32): element.repetition = try reader.readI32()
            case (4, .binary): element.name = try reader.readString()
            case (5, .i32): element.numChildren = try reader.readI32()
            case (6, .i32): element.convertedType = try reader.readI32()
            case (7, .i32): element.scale = try reader.readI32()
            case (8, .i32): element.precision = try reader.readI32()
            case (10, .structure): element.logicalType = try LogicalType.decode(&reader)
            default: try reader.skip(type)
            }
        }
        return element
    }
}
