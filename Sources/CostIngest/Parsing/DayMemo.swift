/// Remembers the last timestamp parsed and its day: exports list line items in batches that share
/// a start time (every line item of an hour), so most timestamps equal the one before and need no
/// parsing.
final class DayMemo {
    private static let capacity = 64
    private let stored = UnsafeMutableRawPointer.allocate(byteCount: DayMemo.capacity, alignment: 8)
    private var length = -1
    private var day = Day(index: 0)

    deinit { stored.deallocate() }

    /// The day of `bytes` when they are the timestamp remembered last.
    @inline(__always)
    func day(of bytes: UnsafeRawBufferPointer) -> Day? {
        guard bytes.count == length, let source = bytes.baseAddress else { return nil }
        var offset = 0
        while offset + 8 <= length {
            if stored.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                != source.loadUnaligned(fromByteOffset: offset, as: UInt64.self) { return nil }
            offset += 8
        }
        while offset < length {
            if stored.load(fromByteOffset: offset, as: UInt8.self) != source.load(fromByteOffset: offset, as: UInt8.self) {
                return nil
            }
            offset += 1
        }
        return day
    }

    /// The UTC day of the timestamp `field` (nil when empty): the remembered day when it is the
    /// timestamp seen last, else parsed and remembered. Every text container reads days through here.
    @inline(__always)
    func utcDay(_ field: UnsafeRawBufferPointer) throws(FieldError) -> Day? {
        if field.isEmpty { return nil }
        if let day = day(of: field) { return day }
        do {
            let day = try TimestampParser.utcDay(field)
            remember(field, day: day)
            return day
        } catch {
            throw FieldError(error.reason)
        }
    }

    /// Remembers that `bytes` (a valid timestamp) fall on `day`.
    func remember(_ bytes: UnsafeRawBufferPointer, day: Day) {
        guard bytes.count <= DayMemo.capacity, let source = bytes.baseAddress else { return }
        stored.copyMemory(from: source, byteCount: bytes.count)
        length = bytes.count
        self.day = day
    }
}

import CostModel
