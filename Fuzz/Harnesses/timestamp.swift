@testable import CostIngest
import CostModel

// The timestamp parser: never a crash on any bytes, and every accepted timestamp lands on its
// written date or the day before or after (a UTC offset moves a time by less than a day), with the
// date alone parsing to that written date.

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<Int32>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> Int32 {
    FuzzSeeds.writeIfAsked(FuzzSeeds.text([
        "2024-01-01", "2024-01-01T00:00:00Z", "2024-01-01T00:00:00.000Z", "2024-01-01 00:00:00",
        "2024-01-01T23:59", "2024-01-01T00:30:00+05:30", "2024-12-31T20:00:00-0800", "2024-01-01T01:00-08",
        "2024-02-29T00:00:00Z", "2023-02-29", "2024-01-01T24:00:00Z", "2024-06-30T23:59:60Z",
        "0001-01-01T00:00:00+18:00", "9999-12-31T23:59:59-18:00", "2024-01-01T00:00:00,5z",
        "2024-09-01 00:00:00 UTC", "09/01/2024", "9/1/2024", "9/1/2024 12:00:00",
    ]))
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTimestamp(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzInput(data, size)
    guard let day = try? TimestampParser.utcDay(bytes) else { return 0 }
    if bytes.prefix(10).contains(0x2F) {
        // Azure's US dates (`M/D/YYYY`, `MM/DD/YYYY`, optionally a time): the date part alone must
        // parse, to the same day or one beside it, and print as the numbers written.
        fuzzCheck(bytes.count >= 8, "accepted \(text(bytes)), shorter than a date")
        let end = bytes.firstIndex { $0 == 0x20 || $0 == 0x54 } ?? bytes.count
        let written = UnsafeRawBufferPointer(rebasing: bytes[0..<end])
        guard let date = try? TimestampParser.utcDay(written) else {
            fuzzFailure("accepted \(text(bytes)) but not its date \(text(written))")
        }
        fuzzCheck(abs(Int(day.index) - Int(date.index)) <= 1, "\(text(bytes)) -> \(day), written date \(date)")
        let parts = String(decoding: written, as: UTF8.self).split(separator: "/").compactMap { Int($0) }
        let printed = date.description.split(separator: "-").compactMap { Int($0) }
        fuzzCheck(parts.count == 3 && printed == [parts[2], parts[0], parts[1]],
                  "\(text(written)) -> \(date), which is not the month, day and year written")
        return 0
    }
    fuzzCheck(bytes.count >= 10, "accepted \(text(bytes)), shorter than a date")
    let written = UnsafeRawBufferPointer(rebasing: bytes[0..<10])
    guard let date = try? TimestampParser.utcDay(written) else {
        fuzzFailure("accepted \(text(bytes)) but not its date \(text(written))")
    }
    fuzzCheck(abs(Int(day.index) - Int(date.index)) <= 1, "\(text(bytes)) -> \(day), written date \(date)")
    fuzzCheck(date.description == String(decoding: written, as: UTF8.self),
              "\(text(written)) -> \(date), which prints differently")
    return 0
}

private func text(_ bytes: UnsafeRawBufferPointer) -> String { String(decoding: bytes, as: UTF8.self).debugDescription }
