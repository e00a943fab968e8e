/// Remembers the encoded dimension values of line items seen before, each with the number of its
/// dimension-code tuple, so a line item repeating a combination (hourly line items repeat theirs
/// all day) costs one hash and one comparison instead of a dictionary lookup per field.
///
/// An encoding is an opaque byte string (see `RollupBuilder`); equal encodings always resolve to
/// the same tuple. Each entry also remembers the roll-up row its last line item went to (day,
/// source, row), so the next line item of the same day skips the roll-up's hash lookup too.
/// Storage is raw memory that doubles when full: this runs once per line item.
final class TupleCache {
    private struct Entry {
        var hash: UInt64
        var offset: Int
        var length: Int
        var tuple: UInt32
        var memoDay: Int32 = 0
        var memoSource: UInt32 = 0
        var memoRow: Int32 = -1
    }

    private var arena: UnsafeMutableRawPointer
    private var arenaUsed = 0
    private var arenaCapacity = 1 << 16
    private var entries: UnsafeMutablePointer<Entry>
    private var count = 0
    private var capacity = 1 << 10
    private var slots: UnsafeMutablePointer<Int32>
    private var mask: Int

    init() {
        arena = .allocate(byteCount: arenaCapacity, alignment: 8)
        entries = .allocate(capacity: capacity)
        slots = .allocate(capacity: capacity * 2)
        slots.initialize(repeating: -1, count: capacity * 2)
        mask = capacity * 2 - 1
    }

    deinit {
        arena.deallocate()
        entries.deallocate()
        slots.deallocate()
    }

    /// The entry of `bytes` (whose hash is `hash`), or -1 when it has not been seen.
    @inline(__always)
    func entry(of bytes: UnsafeRawBufferPointer, hash: UInt64) -> Int {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let index = Int(slots[slot])
            if index < 0 { return -1 }
            let entry = entries[index]
            if entry.hash == hash && entry.length == bytes.count
                && memcmp(arena + entry.offset, bytes.baseAddress!, bytes.count) == 0 {
                return index
            }
            slot = (slot + 1) & mask
        }
    }

    /// The code tuple of an entry.
    @inline(__always)
    func tuple(at index: Int) -> UInt32 { entries[index].tuple }

    /// The roll-up row an entry's last line item went to, if it was for `day` and `source`.
    @inline(__always)
    func rememberedRow(at index: Int, day: Int32, source: UInt32) -> Int? {
        let entry = entries[index]
        return entry.memoRow >= 0 && entry.memoDay == day && entry.memoSource == source ? Int(entry.memoRow) : nil
    }

    /// Remembers the roll-up row an entry's line item went to.
    @inline(__always)
    func remember(row: Int, at index: Int, day: Int32, source: UInt32) {
        entries[index].memoDay = day
        entries[index].memoSource = source
        entries[index].memoRow = Int32(truncatingIfNeeded: row)
    }

    /// Records that `bytes` (not yet present) resolves to `tuple`; returns the new entry.
    func insert(_ bytes: UnsafeRawBufferPointer, hash: UInt64, tuple: UInt32) -> Int {
        if count == capacity { grow() }
        if arenaUsed + bytes.count > arenaCapacity {
            let newCapacity = max(arenaCapacity * 2, arenaUsed + bytes.count)
            let grown = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 8)
            grown.copyMemory(from: arena, byteCount: arenaUsed)
            arena.deallocate()
            arena = grown
            arenaCapacity = newCapacity
        }
        if let source = bytes.baseAddress { (arena + arenaUsed).copyMemory(from: source, byteCount: bytes.count) }
        entries[count] = Entry(hash: hash, offset: arenaUsed, length: bytes.count, tuple: tuple)
        arenaUsed += bytes.count
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(count)
        count += 1
        return count - 1
    }

    /// Doubles the entries and rebuilds the slot index (kept at most half full).
    private func grow() {
        let newCapacity = capacity * 2
        let newEntries = UnsafeMutablePointer<Entry>.allocate(capacity: newCapacity)
        newEntries.moveInitialize(from: entries, count: count)
        entries.deallocate()
        entries = newEntries
        capacity = newCapacity
        slots.deallocate()
        slots = .allocate(capacity: newCapacity * 2)
        slots.initialize(repeating: -1, count: newCapacity * 2)
        mask = newCapacity * 2 - 1
        for index in 0..<count {
            var slot = Int(truncatingIfNeeded: entries[index].hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index)
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
