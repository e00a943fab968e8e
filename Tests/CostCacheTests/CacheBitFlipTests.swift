import CostModel
import Foundation
import CosttopTestSupport
import Testing
@testable import CostCache

/// The parts of a cache file no checksum covers.
@Suite("Cache damage outside the checksums")
struct CacheBitFlipTests {
    @Test("every bit of the header and trailer flipped gives a clear error or the same cache, never a crash")
    func everyUncoveredBit() throws {
        let folder = Support.temporaryFolder()
        let path = folder + "/c.ctc"
        try CacheWriter(createdBy: "test").write(sampleContents(rows: 5), to: path)
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        let reference = try CacheFile(path: path)
        let referenceTotal = reference.measure(.billed).reduce(Int128(0)) { $0 + Int128($1) }
        let uncovered = Array(0..<CacheFormat.headerSize) + Array((original.count - CacheFormat.trailerSize)..<original.count)
        var refused = 0
        for offset in uncovered {
            for bit in 0..<8 {
                var damaged = original
                damaged[offset] ^= UInt8(1 << bit)
                let damagedPath = folder + "/d.ctc"
                try damaged.write(to: URL(fileURLWithPath: damagedPath))
                do {
                    let cache = try CacheFile(path: damagedPath)
                    // A bit no reader looks at (reserved header bytes) may change nothing else.
                    #expect(cache.rowCount == reference.rowCount, "offset \(offset) bit \(bit)")
                    #expect(cache.measure(.billed).reduce(Int128(0)) { $0 + Int128($1) } == referenceTotal)
                } catch let error as CacheError {
                    refused += 1
                    if case .io = error { Issue.record("offset \(offset) bit \(bit): \(error)") }
                }
            }
        }
        // Magic, versions, footer offset, length and checksum: most flips must be caught.
        #expect(refused >= (8 + 4 + 8 + 8 + 8 + 4 + 8) * 8 - 64)
    }
}
