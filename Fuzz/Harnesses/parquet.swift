@testable import Parquet

// The Parquet decoder (Sources/Parquet): each input is a whole file. The footer is decoded, then
// every column of every row group, then the first values of each column through every conversion.
// Never a crash, a hang or a sanitizer report; damaged files are refused with a `ParquetError`.
// Seeds: the parquet-testing files and the pyarrow / DuckDB files of the tests, up to 64 KiB.

/// Limits below the defaults, so a hostile count fails fast instead of filling libFuzzer's RSS budget.
private let fuzzLimits = ParquetLimits(maxPageBytes: 1 << 24, maxEntriesPerColumnChunk: 1 << 20,
                                       maxColumnChunkBytes: 1 << 26, maxFooterBytes: 1 << 24)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParquet(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzInput(data, size)
    guard let file = try? ParquetFile(bytes: bytes, path: "fuzz.parquet", limits: fuzzLimits) else { return 0 }
    let columns = Array(file.schema.columns.indices)
    // One scratch for every row group, as the ingest reuses it.
    let scratch = ParquetScratch()
    for index in file.rowGroups.indices {
        guard let group = try? file.readRowGroup(index, columns: columns, scratch: scratch) else { continue }
        for column in group.columns {
            var converted = 0
            for row in 0..<column.rowCount {
                for entry in column.entries(ofRow: row) {
                    guard let value = column.valueIndex(entry: entry) else { continue }
                    // Conversions of the first values only: most throw for a given type, and building
                    // thousands of error messages per input would slow the fuzzer tenfold.
                    converted += 1
                    if converted > 64 { continue }
                    _ = try? column.fixedPoint(value, digits: 9)
                    _ = try? column.timestampMicros(value)
                    _ = try? column.dayNumber(value)
                    _ = try? column.string(value)
                }
            }
        }
    }
    return 0
}
