@testable import CostIngest
import Foundation
import Glibc

// The JSON Lines reader as the ingest uses it: the input written to a `.jsonl` file, opened by the
// container (which reads its first line for the columns), then every record read with every
// column asked for as text, null, amount (9 and 3 digits), day and map. Never a crash, a hang or
// a sanitizer report; a record that reads once reads the same the second time.

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<Int32>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> Int32 {
    FuzzSeeds.writeIfAsked(FuzzSeeds.text([
        "{\"a\":1}\n{\"a\":2}\n",
        "{\"usage_start_time\":\"2024-09-01 00:00:00 UTC\",\"cost\":1.25,\"project\":{\"id\":\"p\",\"labels\":[{\"key\":\"env\",\"value\":\"prod\"}]},"
            + "\"credits\":[{\"name\":\"c\",\"amount\":-0.5},{\"amount\":-0.25}],\"labels\":[{\"key\":\"team\",\"value\":\"web\"}]}\n",
        "{\"s\":\"\\u00e9\\ud83d\\ude00\",\"n\":null,\"b\":true,\"d\":-1.5e3,\"x\":{\"y\":{\"z\":[1,2,3]}}}\r\n\n{\"s\":\"t\"}",
        "{\"a\":", "{\"a\":[{\"key\":1,\"value\":{}}]}\n", "[]\n", "\n\n{}\n",
    ]))
    return 0
}

private let folder: String = {
    let path = NSTemporaryDirectory() + "costtop-fuzz-jsonl-\(getpid())"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONL(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzInput(data, size)
    let path = folder + "/input.jsonl"
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { return 0 }
    let first = readAll(path, size: Int64(size))
    let second = readAll(path, size: Int64(size))
    fuzzCheck(first == second, "two reads of the same file differ")
    return 0
}

/// Every record's every field, as text; nil once the reader refuses the file.
private func readAll(_ path: String, size: Int64) -> [String]? {
    var options = IngestOptions(paths: [path], cachePath: folder + "/unused.ctc")
    options.limits = CSVLimits(maxRecordBytes: 1 << 16, maxFields: 256)
    guard let opened = try? JSONLContainer().open(path: path, size: size, options: options) else { return nil }
    let columns = Array(opened.columnNames.indices)
    guard let source = try? opened.records(from: 0, first: true,
                                           settings: RecordSettings(columns: columns, nullTokensAreMissing: false)) else { return nil }
    var seen: [String] = []
    do {
        while try source.next() {
            for column in columns where column < source.fieldCount || true {
                let text = String(decoding: source.text(column), as: UTF8.self)
                let null = source.isNull(column)
                let nanos = try? source.fixedPoint(column, scaleDigits: 9)
                let milli = try? source.fixedPoint(column, scaleDigits: 3)
                let day = try? source.utcDay(column)
                var pairs = 0
                try? source.forEachEntry(column) { _, _ in pairs += 1 }
                seen.append("\(column)|\(text)|\(null)|\(String(describing: nanos))|\(String(describing: milli))|\(String(describing: day))|\(pairs)")
            }
            _ = source.rawRecord
        }
    } catch {
        seen.append("error")
    }
    return seen
}
