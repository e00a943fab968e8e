import Foundation
@testable import Parquet
import Testing

/// A Parquet file read into memory for a test, kept alive as long as the fixture.
final class ParquetFixture {
    let path: String
    let buffer: UnsafeMutableRawBufferPointer

    init(path: String) throws {
        self.path = path
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(data.count, 1), alignment: 16)
        _ = data.copyBytes(to: buffer.bindMemory(to: UInt8.self))
        count = data.count
    }

    init(bytes: [UInt8], path: String = "memory.parquet") {
        self.path = path
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
        buffer.copyBytes(from: bytes)
        count = bytes.count
    }

    private let count: Int
    deinit { buffer.deallocate() }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[0..<count]) }

    /// Opens the file with the decoder.
    func open(limits: ParquetLimits = ParquetLimits()) throws -> ParquetFile {
        try ParquetFile(bytes: bytes, path: path, limits: limits)
    }

    /// Opens and reads every column of every row group, as the ingest would.
    func readAll(limits: ParquetLimits = ParquetLimits()) throws -> [ParquetRowGroup] {
        let file = try open(limits: limits)
        return try file.rowGroups.indices.map { try file.readRowGroup($0, columns: Array(file.schema.columns.indices)) }
    }
}

/// Where the repository and the shared samples are.
enum TestPaths {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let samples = repository + "/../shared/samples/parquet-testing"
    static let fixtureScript = repository + "/scripts/parquet_fixtures.py"

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "parquet-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// Runs scripts/parquet_fixtures.py; a missing pyarrow or DuckDB fails the test (CI installs them).
func runFixtureScript(_ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", TestPaths.fixtureScript] + arguments
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let message = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw FixtureError(message: "parquet_fixtures.py \(arguments.first ?? "") failed (pyarrow and duckdb come from scripts/setup.sh): "
            + String(decoding: message, as: UTF8.self))
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// Expected values written by parquet_fixtures.py.
struct ExpectedValues: Decodable {
    struct Column: Decodable {
        let path: String
        let rows: [[String]]
    }
    let rows: Int?
    let columns: [Column]?
    let error: String?

    static func load(_ path: String) throws -> ExpectedValues {
        try JSONDecoder().decode(ExpectedValues.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }
}

/// The canonical text of a decoded value, as parquet_fixtures.py writes it.
func canonical(_ column: ParquetColumn, _ index: Int) -> String {
    let descriptor = column.descriptor
    let values = column.values
    if descriptor.decimalScale != nil {
        return (try? column.unscaledDecimal(index)).map { "d:\($0)" } ?? "d:?"
    }
    switch descriptor.logicalType {
    case .time, .float16, .uuid, .json, .bson: return "skip"
    case .timestamp: return (try? column.timestampMicros(index)).map { "t:\($0)" } ?? "t:?"
    case .date: return "D:\(values.int32s[index])"
    default: break
    }
    func float(_ value: Double) -> String {
        value.isNaN ? "nan" : "f:" + String(value.bitPattern, radix: 16).leftPadded(to: 16)
    }
    switch descriptor.physicalType {
    case .boolean: return values.booleans[index] ? "true" : "false"
    case .int32:
        if case .integer(_, false) = descriptor.logicalType { return "i:\(UInt32(bitPattern: values.int32s[index]))" }
        return "i:\(values.int32s[index])"
    case .int64:
        if case .integer(_, false) = descriptor.logicalType { return "i:\(UInt64(bitPattern: values.int64s[index]))" }
        return "i:\(values.int64s[index])"
    case .int96: return (try? column.timestampMicros(index)).map { "t:\($0)" } ?? "t:?"
    case .float: return float(Double(values.floats[index]))
    case .double: return float(values.doubles[index])
    case .byteArray, .fixedLenByteArray:
        if descriptor.logicalType == .string {
            return "s:" + ((try? column.string(index)) ?? "?")
        }
        return "b:" + values.bytes[values.byteRange(index)].map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

/// Differences between a decoded file and its expected values (at most `limit` described).
/// `overflowing` names "column row" pairs whose expected value is known to have wrapped in pyarrow,
/// where the decoder must refuse the conversion instead.
func differences(_ fixture: ParquetFixture, _ expected: ExpectedValues, overflowing: Set<String> = [], limit: Int = 5) throws -> [String] {
    let file = try fixture.open()
    guard let columns = expected.columns, let rows = expected.rows else { return ["no expected values: \(expected.error ?? "?")"] }
    var problems: [String] = []
    if file.rowCount != rows { problems.append("rows \(file.rowCount), expected \(rows)") }
    if file.schema.columns.map(\.dottedPath) != columns.map(\.path) {
        problems.append("paths \(file.schema.columns.map(\.dottedPath)), expected \(columns.map(\.path))")
        return problems
    }
    var rowBase = 0
    for group in file.rowGroups.indices {
        let decoded = try file.readRowGroup(group, columns: Array(file.schema.columns.indices))
        for (column, expectation) in zip(decoded.columns, columns) {
            for row in 0..<decoded.rowCount where problems.count < limit {
                let actual = column.entries(ofRow: row).compactMap { column.valueIndex(entry: $0) }.map { canonical(column, $0) }
                guard rowBase + row < expectation.rows.count else { problems.append("\(expectation.path): row \(rowBase + row) not expected"); break }
                let wanted = expectation.rows[rowBase + row]
                if overflowing.contains("\(expectation.path) \(rowBase + row)"), actual.allSatisfy({ $0.hasSuffix("?") }) { continue }
                let same = actual.count == wanted.count && zip(actual, wanted).allSatisfy { $0 == $1 || $1 == "skip" }
                if !same { problems.append("\(expectation.path) row \(rowBase + row): \(actual.prefix(6)) expected \(wanted.prefix(6))") }
            }
        }
        rowBase += decoded.rowCount
    }
    return problems
}
