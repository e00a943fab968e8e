import CLZ4
import CSnappy
import CZlib
import CZstd

/// Decompresses one page with Debian's codec libraries, into exactly the size the page header states.
///
/// The output buffer is sized from the header (already checked against `ParquetLimits`), and a codec
/// producing any other length is an error: a page that inflates to more or less than declared is damaged.
enum Decompressor {
    /// Decompresses `input` with `codec` into `output`, which has the page's declared uncompressed size.
    /// `zstd` is a reusable zstd context (`ParquetScratch`); without one a context is made per call.
    static func decompress(_ codec: CompressionCodec, _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer,
                           zstd context: OpaquePointer? = nil) throws {
        // An empty page may carry no compressed bytes at all, which is no valid stream for most codecs
        // (parquet-testing's datapage_v2_empty_datapage): there is nothing to decompress.
        if input.isEmpty && output.isEmpty { return }
        switch codec {
        case .uncompressed:
            guard input.count == output.count else { throw sizeMismatch(input.count, output.count) }
            if input.count > 0 { output.copyMemory(from: input) }
        case .snappy: try snappy(input, output)
        case .gzip: try gzip(input, output)
        case .zstd: try zstd(input, output, context)
        case .lz4Raw: try lz4Raw(input, output)
        case .lz4:
            throw DecodeFailure.unsupported("unsupported codec LZ4 (the deprecated Hadoop framing; writers use LZ4_RAW now)")
        case .lzo, .brotli:
            throw DecodeFailure.unsupported("unsupported codec \(codec)")
        }
    }

    /// Refuses the codecs this reader does not implement, before any page is read.
    static func checkSupported(_ codec: CompressionCodec) throws {
        switch codec {
        case .uncompressed, .snappy, .gzip, .zstd, .lz4Raw: return
        case .lz4: throw DecodeFailure.unsupported("unsupported codec LZ4 (the deprecated Hadoop framing; writers use LZ4_RAW now)")
        case .lzo, .brotli: throw DecodeFailure.unsupported("unsupported codec \(codec)")
        }
    }

    private static func sizeMismatch(_ actual: Int, _ declared: Int) -> DecodeFailure {
        DecodeFailure.data("page decompresses to \(actual) bytes, header says \(declared)")
    }

    private static func snappy(_ input: UnsafeRawBufferPointer, _ output: UnsafeMutableRawBufferPointer) throws {
        guard let source = input.baseAddress?.assumingMemoryBound(to: CChar.self) else {
            throw DecodeFailure.data("empty snappy page")
        }
        var length = 0
        guard snappy_uncompressed_length(source, input.count, &length) == SNAPPY_OK else {
            throw DecodeFailure.data("snappy page header is damaged")
        }
        guard length == output.count else { throw sizeMismatch(length, output.count) }
        if length == 0 { return }
        var produced = length
        let status = snappy_uncompress(source, input.count, output.baseAddress!.assumingMemoryBound(to: CChar.self), &produced)
        guard status == SNAPPY_OK, produced == output.count else { throw DecodeFailure.data("snappy page does not decompress") }
    }

    private static func zstd(_ input: UnsafeRawBufferPointer, _ output: UnsafeMutableRawBufferPointer, _ context: OpaquePointer?) throws {
        guard let source = input.baseAddress, input.count > 0 else { throw DecodeFailure.data("empty zstd page") }
        var scratch: UInt8 = 0
        let result = withUnsafeMutablePointer(to: &scratch) { fallback in
            let target = output.baseAddress ?? UnsafeMutableRawPointer(fallback)
            if let context { return ZSTD_decompressDCtx(context, target, output.count, source, input.count) }
            return ZSTD_decompress(target, output.count, source, input.count)
        }
        if ZSTD_isError(result) != 0 {
            let name = String(cString: ZSTD_getErrorName(result))
            throw DecodeFailure.data("zstd page does not decompress (\(name))")
        }
        guard result == output.count else { throw sizeMismatch(result, output.count) }
    }

    private static func lz4Raw(_ input: UnsafeRawBufferPointer, _ output: UnsafeMutableRawBufferPointer) throws {
        guard input.count <= Int(Int32.max), output.count <= Int(Int32.max) else { throw DecodeFailure.data("lz4 page too large") }
        if output.count == 0 && input.count <= 1 { return }
        guard let source = input.baseAddress, let target = output.baseAddress else { throw DecodeFailure.data("empty lz4 page") }
        let result = LZ4_decompress_safe(source.assumingMemoryBound(to: CChar.self), target.assumingMemoryBound(to: CChar.self),
                                         Int32(input.count), Int32(output.count))
        guard result >= 0 else { throw DecodeFailure.data("lz4 page does not decompress") }
        guard Int(result) == output.count else { throw sizeMismatch(Int(result), output.count) }
    }

    /// GZIP pages may hold several concatenated members (parquet-testing's concatenated_gzip_members);
    /// zlib's automatic header detection (windowBits 15 + 32) also accepts bare zlib streams.
    private static func gzip(_ input: UnsafeRawBufferPointer, _ output: UnsafeMutableRawBufferPointer) throws {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw DecodeFailure.data("zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var scratch: UInt8 = 0
        var consumed = 0
        var produced = 0
        while consumed < input.count {
            let inputLeft = input.count - consumed
            let outputLeft = output.count - produced
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress!.advanced(by: consumed).assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(min(inputLeft, Int(UInt32.max)))
            let status: Int32 = withUnsafeMutablePointer(to: &scratch) { fallback in
                if outputLeft > 0 {
                    stream.next_out = output.baseAddress!.advanced(by: produced).assumingMemoryBound(to: Bytef.self)
                    stream.avail_out = uInt(min(outputLeft, Int(UInt32.max)))
                } else {
                    // No room left: one scratch byte lets zlib report a member that produces more.
                    stream.next_out = fallback
                    stream.avail_out = 1
                }
                let beforeIn = Int(stream.avail_in)
                let beforeOut = Int(stream.avail_out)
                let status = inflate(&stream, Z_NO_FLUSH)
                consumed += beforeIn - Int(stream.avail_in)
                produced += beforeOut - Int(stream.avail_out)
                return status
            }
            guard produced <= output.count else { throw sizeMismatch(produced, output.count) }
            switch status {
            case Z_STREAM_END:
                // Another member may follow; trailing zero padding some writers leave is ignored.
                if consumed < input.count, input[consumed...].allSatisfy({ $0 == 0 }) { consumed = input.count }
                if consumed < input.count { guard inflateReset(&stream) == Z_OK else { throw DecodeFailure.data("zlib reset failed") } }
            case Z_OK:
                continue
            case Z_BUF_ERROR:
                throw DecodeFailure.data("gzip page ends early or inflates beyond its declared size")
            default:
                throw DecodeFailure.data("gzip page is damaged")
            }
        }
        guard produced == output.count else { throw sizeMismatch(produced, output.count) }
    }
}
