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
        for index in footer.blocks.indices {
            let entry = footer.blocks[index]
            guard entry.offset >= 0, entry.length >= 0, entry.offset <= Int(offset),
                  entry.length <= Int(offset) - entry.offset else { continue }
            footer.blocks[index].checksum = checksumText(UnsafeRawBufferPointer(rebasing: file[entry.offset..<(entry.offset + entry.length)]))
        }
        guard let encoded = try? JSONEncoder().encode(footer) else { return nil }
        var result = Array(file[0..<Int(offset)])
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
