// libFuzzer entry point for the Parquet decoder, compiled together with Sources/Parquet by
// scripts/fuzz-parquet.sh (one module, so no import). Each input is a whole file: the footer is
// decoded, then every column of every row group, then every value through every conversion.

/// Limits below the defaults, so a hostile count fails fast instead of filling libFuzzer's RSS budget.
private let fuzzLimits = ParquetLimits(maxPageBytes: 1 << 24, maxEntriesPerColumnChunk: 1 << 20,
                                     maxColumnChunkBytes: 1 << 26, maxFooterBytes: 1 << 24)

@_cdecl("LLVMFuzzerTestOneInput")
public func parquetFuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    guard let file = try? ParquetFile(bytes: bytes, path: "fuzz.parquet", limits: fuzzLimits) else { return 0 }
    let columns = Array(file.schema.columns.indices)
    for index in file.rowGroups.indices {
        guard let group = try? file.readRowGroup(index, columns: columns) else { continue }
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
