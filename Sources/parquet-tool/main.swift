import Foundation
import Parquet

/// parquet-tool: a developer's window on the Parquet decoder, outside the test suite.
///
///   parquet-tool schema FILE          leaf columns with types and levels
///   parquet-tool dump FILE            every row group and column, values as JSON lines
///   parquet-tool bench FILE [REPEAT]  decode throughput of all columns, row groups on all cores
let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write("usage: parquet-tool schema|dump|bench FILE [REPEAT]\n".data(using: .utf8)!)
    exit(64)
}
let path = arguments[2]
guard let data = FileManager.default.contents(atPath: path) else {
    FileHandle.standardError.write("cannot read \(path)\n".data(using: .utf8)!)
    exit(66)
}
let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: data.count, alignment: 16)
_ = data.copyBytes(to: buffer.bindMemory(to: UInt8.self))
let bytes = UnsafeRawBufferPointer(buffer)

do {
    let file = try ParquetFile(bytes: bytes, path: path)
    switch arguments[1] {
    case "schema":
        print("created by: \(file.createdBy ?? "?"), rows: \(file.rowCount), row groups: \(file.rowGroups.count)")
        for column in file.schema.columns {
            print("\(column.index) \(column.dottedPath) \(column.physicalType) \(column.logicalType.map { "\($0)" } ?? "-") def=\(column.maxDefinitionLevel) rep=\(column.maxRepetitionLevel)")
        }
    case "dump":
        try Dumper.dump(file)
    case "bench":
        let repeats = arguments.count > 3 ? Int(arguments[3]) ?? 1 : 1
        try Bench.run(file, repeats: repeats)
    default:
        FileHandle.standardError.write("unknown command \(arguments[1])\n".data(using: .utf8)!)
        exit(64)
    }
} catch {
    FileHandle.standardError.write("error: \(error)\n".data(using: .utf8)!)
    exit(65)
}
