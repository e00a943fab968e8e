/// Remembers, for the rows of one unit of a columnar file (a Parquet row group), which roll-up
/// tuple each combination of dimension values went to, keyed by the values' identities in that
/// unit (dictionary entries) rather than their bytes.
///
/// A row whose identities were seen before in the unit is the same line item as far as the
/// dimensions go: the adapter still reads it (the measures, and any error), but the builder skips
/// copying, hashing and looking up its dimension values (`RollupBuilder.dimensionsKnown`). In a
/// generated CUR 2.0 bill 93–98% of rows repeat a combination within their 128K-row group (only
/// 16% of a group's first 4,096 rows do: a group's first rows are mostly new), and a daily roll-up
/// sorted by day repeats each series from its second day on. A file whose rows are all different
/// would only pay: the memo switches itself off for a unit once it holds `trialEntries`
/// combinations and fewer than a quarter of its lookups have hit.
///
/// Identities are only comparable within one *epoch* (the record source's unit): the memo is
/// emptied when the epoch changes.
public final class RowMemo {
    /// Signature → the builder's `TupleCache` entry (in 8-byte units, as `tuple`).
    private let cache = TupleCache()
    private var epoch = Int.min
    private var lookups = 0
    private var hits = 0
    private var enabled = true
    /// A memo holding this many combinations of one epoch, with fewer than a quarter of its
    /// lookups hit, stops for the rest of the epoch (about 8 MB of signatures at most).
    static let trialEntries = 65_536
    private var entries = 0

    /// The signature of the current row, from the record source (valid until its next row).
    private var signature = UnsafeRawBufferPointer(start: nil, count: 0)

    /// Forgets the epoch: a new record source starts (whose epochs may repeat another's), so its
    /// first row empties the memo. Sources number epochs from 0.
    func invalidate() { epoch = Int.min }

    /// Starts a row of `epoch`: empties the memo when the epoch changed; false when the memo is
    /// off for this epoch (the row then takes the full path).
    @inline(__always)
    func beginRow(epoch: Int) -> Bool {
        if epoch != self.epoch {
            self.epoch = epoch
            cache.removeAll()
            lookups = 0
            hits = 0
            entries = 0
            enabled = true
        }
        return enabled
    }

    /// Looks the row's signature up: the remembered `TupleCache` entry, or nil with the hash to
    /// store the entry under once the row has been resolved.
    @inline(__always)
    func lookUp(_ signature: UnsafeRawBufferPointer) -> (entry: Int?, hash: UInt64) {
        self.signature = signature
        let hash = RowMemo.hash(signature)
        let found = cache.entry(of: signature, hash: hash)
        lookups += 1
        if found >= 0 {
            hits += 1
            return (Int(cache.tuple(at: found)) << 3, hash)
        }
        return (nil, hash)
    }

    /// A hash of a signature (whole 32-bit words): eight bytes a step, one multiply each, then a
    /// final mix so that both halves (the table's slot and its fingerprint) depend on every bit.
    /// XXH64 took 5% of a 5M-line-item ingest here; a collision costs only a comparison.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(bytes.count &+ 1)
        guard let base = bytes.baseAddress else { return hash }
        var offset = 0
        while offset &+ 8 <= bytes.count {
            hash = (hash ^ base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 29
            offset &+= 8
        }
        if offset &+ 4 <= bytes.count {
            hash = (hash ^ UInt64(base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))) &* 0x94D0_49BB_1331_11EB
            offset &+= 4
        }
        while offset < bytes.count {
            hash = (hash ^ UInt64(base.load(fromByteOffset: offset, as: UInt8.self))) &* 0xBF58_476D_1CE4_E5B9
            offset &+= 1
        }
        hash ^= hash >> 31
        hash = hash &* 0x94D0_49BB_1331_11EB
        return hash ^ (hash >> 32)
    }

    /// Remembers that the current signature resolved to `entry` of the builder's `TupleCache`.
    @inline(__always)
    func remember(entry: Int, hash: UInt64) {
        guard enabled, entry >> 3 < Int(UInt32.max) else { return }
        _ = cache.insert(signature, hash: hash, tuple: UInt32(entry >> 3))
        entries += 1
        if entries >= RowMemo.trialEntries && hits * 4 < lookups { enabled = false }
    }
}
