/// Parquet's `LogicalType` annotation, limited to what a cost reader interprets; the rest is `other`.
public enum LogicalType: Sendable, Equatable {
    /// The unit of a TIMESTAMP or TIME.
    public enum TimeUnit: Sendable, Equatable { case millis, micros, nanos }

    case string
    case map
    case list
    case enumeration
    case decimal(precision: Int32, scale: Int32)
    case date
    case time(unit: TimeUnit, isAdjustedToUTC: Bool)
    case timestamp(unit: TimeUnit, isAdjustedToUTC: Bool)
    case integer(bitWidth: Int8, isSigned: Bool)
    case unknown
    case json
    case bson
    case uuid
    case float16
    /// An annotation this reader does not interpret (its Thrift field id).
    case other(Int16)

    /// Decodes the Thrift union.
    static func decode(_ reader: inout CompactReader) throws -> LogicalType {
        var result: LogicalType = .other(0)
        try reader.readStruct { reader, id, type in
            guard type == .structure else { try reader.skip(type); return }
            switch id {
            case 1: try reader.skip(type); result = .string
            case 2: try reader.skip(type); result = .map
            case 3: try reader.skip(type); result = .list
            case 4: try reader.skip(type); result = .enumeration
            case 5:
                var scale: Int32 = 0
                var precision: Int32 = 0
                try reader.readStruct { reader, id, type in
                    switch (id, type) {
                    case (1, .i32): scale = try reader.readI32()
                    case (2, .i32): precision = try reader.readI32()
                    default: try reader.skip(type)
                    }
                }
                result = .decimal(precision: precision, scale: scale)
            case 6: try reader.skip(type); result = .date
            case 7, 8:
                var utc = false
                var unit = TimeUnit.millis
                try reader.readStruct { reader, id, type in
                    switch (id, type) {
                    case (1, .boolTrue), (1, .boolFalse): utc = try reader.bool(from: type)
                    case (2, .structure): unit = try decodeUnit(&reader)
                    default: try reader.skip(type)
                    }
                }
                result = id == 7 ? .time(unit: unit, isAdjustedToUTC: utc) : .timestamp(unit: unit, isAdjustedToUTC: utc)
            case 10:
                var width: Int8 = 0
                var signed = true
                try reader.readStruct { reader, id, type in
                    switch (id, type) {
                    case (1, .byte): width = Int8(bitPattern: try reader.readByte())
                    case (2, .boolTrue), (2, .boolFalse): signed = try reader.bool(from: type)
                    default: try reader.skip(type)
                    }
                }
                result = .integer(bitWidth: width, isSigned: signed)
            case 11: try reader.skip(type); result = .unknown
            case 12: try reader.skip(type); result = .json
            case 13: try reader.skip(type); result = .bson
            case 14: try reader.skip(type); result = .uuid
            case 15: try reader.skip(type); result = .float16
            default: try reader.skip(type); result = .other(id)
            }
        }
        return result
    }

    private static func decodeUnit(_ reader: inout CompactReader) throws -> TimeUnit {
        var unit = TimeUnit.millis
        try reader.readStruct { reader, id, type in
            switch id {
            case 2: unit = .micros
            case 3: unit = .nanos
            default: unit = .millis
            }
            try reader.skip(type)
        }
        return unit
    }
}
