@testable import CostCache
import Foundation

/// Makes a damaged cache's checksums true again, so a fuzzer's mutations of block and footer
/// bytes are judged by the reader's structural checks rather than all caught by a checksum.
enum CacheRepair {
    /// The bytes with every in-bounds block's checksum and the footer checksum recomputed (the
    /// footer re-encoded after the blocks), or nil when the trailer or footer cannot be read at all.
    static func repaired(_ file: UnsafeRawBufferPointer) -> [UInt8]? {
        let trailerSize = CacheFormat.trailerSize
        guard file.count >= CacheFormat.headerSize + trailerSize else { return nil }
        let trailerStart = file.count - trailerSize
        let offset = UInt64(littleEndian: file.loadUnaligned(fromByteOffset: trailerStart, as: UInt64.self))
        let length = UInt64(littleEndian: file.loadUnaligned(fromByteOffset: trailerStart + 8, as: UInt64.self))
        guard offset <= UInt64(trailerStart), length <= UInt64(trailerStart) - offset else { return nil }
        let footerBytes = UnsafeRawBufferPointer(rebasing: file[Int(offset)..<Int(offset + length)])
        guard var footer = try? JSONDecoder().decode(CacheFooter.self, from: Data(footerBytes)) else { return nil }
        var body = Array(file[0..<Int(offset)])
        func inBounds(_ entry: BlockEntry) -> Bool {
            entry.offset >= 0 && entry.length >= 0 && entry.offset <= Int(offset) && entry.length <= Int(offset) - entry.offset
        }
        // Formats 2 and 3: each table's row-aligned columns (in block order) are checked per row group
        // against its `groupsums` block; recompute those first, then every other block's checksum.
        if footer.rowGroupRows > 0 {
            for prefix in [""] + footer.aggregates.map(\.prefix) {
                guard let sums = footer.blocks.first(where: { $0.name == prefix + "groupsums" }), inBounds(sums) else { continue }
                let columns = footer.blocks.filter { entry in
                    entry.checksum == CacheFormat.perRowGroupChecksum && inBounds(entry)
                        && (prefix.isEmpty ? !entry.name.hasPrefix("agg") : entry.name.hasPrefix(prefix))
                }
                var values: [UInt64] = []
                for column in columns {
                    let width = column.kind.width ?? 1
                    let rows = column.length / width
                    for start in stride(from: 0, to: rows, by: footer.rowGroupRows) {
                        let end = min(rows, start + footer.rowGroupRows)
                        values.append(body.withUnsafeBytes {
                            XXH64.hash(UnsafeRawBufferPointer(rebasing: $0[(column.offset + start * width)..<(column.offset + end * width)]))
                        })
                    }
                }
                for (index, value) in values.enumerated() where (index + 1) * 8 <= sums.length {
                    withUnsafeBytes(of: value.littleEndian) { bytes in
                        for byte in 0..<8 { body[sums.offset + index * 8 + byte] = bytes[byte] }
                    }
                }
            }
        }
        for index in footer.blocks.indices where footer.blocks[index].checksum != CacheFormat.perRowGroupChecksum {
            let entry = footer.blocks[index]
            guard inBounds(entry) else { continue }
            footer.blocks[index].checksum = body.withUnsafeBytes {
                checksumText(UnsafeRawBufferPointer(rebasing: $0[entry.offset..<(entry.offset + entry.length)]))
            }
        }
        guard let encoded = try? JSONEncoder().encode(footer) else { return nil }
        var result = body
        result += encoded
        let newTrailerStart = result.count
        result += file[trailerStart...]
        result.withUnsafeMutableBytes { out in
            out.storeBytes(of: UInt64(offset).littleEndian, toByteOffset: newTrailerStart, as: UInt64.self)
            out.storeBytes(of: UInt64(encoded.count).littleEndian, toByteOffset: newTrailerStart + 8, as: UInt64.self)
            let checksum = encoded.withUnsafeBytes { XXH64.hash($0) }
            out.storeBytes(of: checksum.littleEndian, toByteOffset: newTrailerStart + 16, as: UInt64.self)
        }
        return result
    }
}
