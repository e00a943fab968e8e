import CZlib

/// CRC-32 (the zlib/gzip polynomial) of a byte range, used for every cache block and the footer.
@inlinable
public func crc32Checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
    guard let base = bytes.baseAddress, bytes.count > 0 else { return 0 }
    var crc: UInt = 0
    var offset = 0
    // zlib takes a 32-bit length; feed large blocks in pieces.
    while offset < bytes.count {
        let piece = min(bytes.count - offset, 1 << 30)
        crc = crc32(crc, base.advanced(by: offset).assumingMemoryBound(to: UInt8.self), UInt32(piece))
        offset += piece
    }
    return UInt32(truncatingIfNeeded: crc)
}
