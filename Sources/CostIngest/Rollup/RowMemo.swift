import CostCache

/// Remembers, for the rows of one unit of a columnar file (a Parquet row group), which roll-up
/// tuple each combination of dimension values went to, keyed by the values' identities in that
/// unit (dictionary entries) rather than their bytes.
///
/// A row whose identities were seen before in the unit is the same line item as far as the
/// dimensions go: the adapter still reads it (the measures, and any error), but the builder skips
/// copying, hashing and looking up its dimension values (`RollupBuilder.dimensionsKnown`). In a
/// CUR 2.0 file four rows in five repeat a combination within their row group; in a warehouse
/// roll-up none do, so the memo switches itself off for a unit whose first rows rarely hit.
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
    /// After this many lookups in an epoch, a memo hitting less than a quarter of them stops.
    static let trialRows = 4_096

    /// The signature of the current row, from the record source (valid until its next row).
    private var signature = UnsafeRawBufferPointer(start: nil, count: 0)

    /// Forgets everything: a new record source starts (whose epochs may repeat another's).
    func invalidate() {
        epoch = Int.min
        cache.removeAll()
    }

    /// Starts a row of `epoch`: empties the memo when the epoch changed; false when the memo is
    /// off for this epoch (the row then takes the full path).
    @inline(__always)
    func beginRow(epoch: Int) -> Bool {
        if epoch != self.epoch || epoch == Int.min {
            self.epoch = epoch
            cache.removeAll()
            lookups = 0
            hits = 0
            enabled = true
        }
        return enabled
    }

    /// Looks the row's signature up: the remembered `TupleCache` entry, or nil with the hash to
    /// store the entry under once the row has been resolved.
    @inline(__always)
    func lookUp(_ signature: UnsafeRawBufferPointer) -> (entry: Int?, hash: UInt64) {
        self.signature = signature
        let hash = XXH64.hash(signature)
        let found = cache.entry(of: signature, hash: hash)
        lookups += 1
        if found >= 0 {
            hits += 1
            return (Int(cache.tuple(at: found)) << 3, hash)
        }
        if lookups == RowMemo.trialRows && hits * 4 < lookups { enabled = false }
        return (nil, hash)
    }

    /// Remembers that the current signature resolved to `entry` of the builder's `TupleCache`.
    @inline(__always)
    func remember(entry: Int, hash: UInt64) {
        guard enabled, entry >> 3 < Int(UInt32.max) else { return }
        _ = cache.insert(signature, hash: hash, tuple: UInt32(entry >> 3))
    }
}
