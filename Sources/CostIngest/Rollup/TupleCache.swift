/// Remembers the encoded dimension values of line items seen before, each with the number of its
/// dimension-code tuple, so a line item repeating a combination (hourly line items repeat theirs
/// all day) costs one hash and one comparison instead of a dictionary lookup per field.
///
/// An encoding is an opaque byte string (see `RollupBuilder`); equal encodings always resolve to
/// the same tuple. Each entry also remembers the roll-up row its last line item went to (day,
/// source, row), so the next line item of the same day skips the roll-up's hash lookup too.
///
/// Lookups miss the processor's caches (tens of thousands of encodings, in random order), so an
/// entry is one record in one arena — metadata, then the encoding — and a slot holds the upper half
/// of the hash next to the record's place: a probe reads the slot, then one run of memory.
/// Storage is raw memory that doubles when full: this runs once per line item.
final class TupleCache {
    /// Record layout: hash (8 bytes), tuple, memo day, memo source, memo row, length (4 each), then
    /// the encoding, padded to 8 bytes.
    private static let headerSize = 32

    private var arena: UnsafeMutableRawPointer
    private var arenaUsed = 0
    private var arenaCapacity = 1 << 20
    /// 0 for an empty slot, else the hash's upper 32 bits, then the record's offset / 8 + 1.
    private var slots: UnsafeMutablePointer<UInt64>
    private var slotCount = 1 << 12
    private var count = 0

    init() {
        arena = .allocate(byteCount: arenaCapacity, alignment: 8)
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: 0, count: slotCount)
    }

    deinit {
        arena.deallocate()
        slots.deallocate()
    }

    /// The entry (a record offset) of `bytes`, whose hash is `hash`, or -1 when it has not been seen.
    @inline(__always)
    func entry(of bytes: UnsafeRawBufferPointer, hash: UInt64) -> Int {
        let mask = slotCount - 1
        let fingerprint = hash >> 32
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let value = slots[slot]
            if value == 0 { return -1 }
            if value >> 32 == fingerprint {
                let offset = (Int(truncatingIfNeeded: value & 0xFFFF_FFFF) - 1) << 3
                let record = arena + offset
                if record.load(as: UInt64.self) == hash
                    && Int(record.load(fromByteOffset: 24, as: UInt32.self)) == bytes.count
                    && memcmp(record + TupleCache.headerSize, bytes.baseAddress!, bytes.count) == 0 {
                    return offset
                }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Forgets every entry, keeping the memory (a `RowMemo` starting a new unit).
    func removeAll() {
        arenaUsed = 0
        count = 0
        slots.update(repeating: 0, count: slotCount)
    }

    /// The code tuple of an entry.
    @inline(__always)
    func tuple(at entry: Int) -> UInt32 { arena.load(fromByteOffset: entry + 8, as: UInt32.self) }

    /// The roll-up row an entry's last line item went to, if it was for `day` and `source`.
    @inline(__always)
    func rememberedRow(at entry: Int, day: Int32, source: UInt32) -> Int? {
        let row = arena.load(fromByteOffset: entry + 20, as: Int32.self)
        guard row >= 0, arena.load(fromByteOffset: entry + 12, as: Int32.self) == day,
              arena.load(fromByteOffset: entry + 16, as: UInt32.self) == source else { return nil }
        return Int(row)
    }

    /// Remembers the roll-up row an entry's line item went to.
    @inline(__always)
    func remember(row: Int, at entry: Int, day: Int32, source: UInt32) {
        arena.storeBytes(of: day, toByteOffset: entry + 12, as: Int32.self)
        arena.storeBytes(of: source, toByteOffset: entry + 16, as: UInt32.self)
        arena.storeBytes(of: Int32(truncatingIfNeeded: row), toByteOffset: entry + 20, as: Int32.self)
    }

    /// Records that `bytes` (not yet present) resolve to `tuple`; returns the new entry.
    func insert(_ bytes: UnsafeRawBufferPointer, hash: UInt64, tuple: UInt32) -> Int {
        let size = TupleCache.headerSize + (bytes.count + 7) & ~7
        if arenaUsed + size > arenaCapacity {
            let newCapacity = max(arenaCapacity * 2, arenaUsed + size)
            let grown = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 8)
            grown.copyMemory(from: arena, byteCount: arenaUsed)
            arena.deallocate()
            arena = grown
            arenaCapacity = newCapacity
        }
        let offset = arenaUsed
        let record = arena + offset
        record.storeBytes(of: hash, as: UInt64.self)
        record.storeBytes(of: tuple, toByteOffset: 8, as: UInt32.self)
        record.storeBytes(of: Int32(0), toByteOffset: 12, as: Int32.self)
        record.storeBytes(of: UInt32(0), toByteOffset: 16, as: UInt32.self)
        record.storeBytes(of: Int32(-1), toByteOffset: 20, as: Int32.self)
        record.storeBytes(of: UInt32(truncatingIfNeeded: bytes.count), toByteOffset: 24, as: UInt32.self)
        if let source = bytes.baseAddress { (record + TupleCache.headerSize).copyMemory(from: source, byteCount: bytes.count) }
        arenaUsed += size
        // Offsets are stored in 8-byte units in 32 bits: an arena past 32 GiB stops remembering (each
        // new encoding is then resolved field by field, which is slower but still right).
        if (offset >> 3) + 1 < Int(UInt32.max) {
            count += 1
            if count * 2 > slotCount { grow() }
            place(hash: hash, offset: offset)
        }
        return offset
    }

    private func place(hash: UInt64, offset: Int) {
        let mask = slotCount - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = (hash >> 32) << 32 | UInt64((offset >> 3) + 1)
    }

    /// Doubles the slots (kept at most half full) and places every record again.
    private func grow() {
        let old = slots
        let oldCount = slotCount
        slotCount *= 2
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: 0, count: slotCount)
        for index in 0..<oldCount where old[index] != 0 {
            let offset = (Int(truncatingIfNeeded: old[index] & 0xFFFF_FFFF) - 1) << 3
            place(hash: arena.load(fromByteOffset: offset, as: UInt64.self), offset: offset)
        }
        old.deallocate()
    }
}

#if canImport(Glibc)
import Glibc
#endif
