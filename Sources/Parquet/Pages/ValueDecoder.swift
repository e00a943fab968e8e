/// Decodes the values section of one data page with the page's encoding.
enum ValueDecoder {
    /// Appends `count` non-null values from `bytes` to `store`.
    static func decode(_ bytes: UnsafeRawBufferPointer, encoding raw: Int32, count: Int,
                       dictionary: ValueStore?, into store: inout ValueStore) throws {
        let encoding = try Encoding.from(raw)
        switch encoding {
        case .plain:
            try PlainDecoder.decode(bytes, count: count, into: &store)
        case .plainDictionary, .rleDictionary:
            guard let dictionary else { throw DecodeFailure.data("dictionary-encoded page without a dictionary page") }
            try decodeIndices(bytes, count: count, dictionary: dictionary, into: &store)
        case .rle:
            guard store.physicalType == .boolean else { throw DecodeFailure.unsupported("RLE values on a \(store.physicalType) column") }
            var cursor = PageCursor(bytes)
            let length = try cursor.length32("RLE boolean values")
            var decoder = try HybridDecoder(try cursor.take(length, "RLE boolean values"), width: 1)
            store.booleans.reserveCapacity(store.booleans.count + count)
            try decoder.decode(count: count, repeated: { value, run in
                store.booleans.append(contentsOf: repeatElement(value != 0, count: run))
            }, literal: { value in store.booleans.append(value != 0) })
            store.count += count
        case .deltaBinaryPacked:
            try DeltaBinaryPackedDecoder.decode(bytes, count: count, into: &store)
        case .deltaLengthByteArray:
            try DeltaByteArrayDecoder.decodeLengths(bytes, count: count, into: &store)
        case .deltaByteArray:
            try DeltaByteArrayDecoder.decode(bytes, count: count, into: &store)
        case .byteStreamSplit:
            try ByteStreamSplitDecoder.decode(bytes, count: count, into: &store)
        case .bitPacked:
            throw DecodeFailure.unsupported("unsupported encoding BIT_PACKED for values")
        }
    }

    /// Dictionary indices: one byte of bit width, then RLE / bit-packed hybrid indices, each checked
    /// against the dictionary's size before the lookup.
    private static func decodeIndices(_ bytes: UnsafeRawBufferPointer, count: Int, dictionary: ValueStore,
                                      into store: inout ValueStore) throws {
        if count == 0 { return }
        var cursor = PageCursor(bytes)
        let width = Int(try cursor.byte("dictionary index bit width"))
        guard width <= 32 else { throw DecodeFailure.data("dictionary index bit width \(width) exceeds 32") }
        var decoder = try HybridDecoder(cursor.rest(), width: width)
        let size = dictionary.count
        store.reserve(count)
        func check(_ index: UInt32) throws {
            guard Int(index) < size else {
                throw DecodeFailure.data("dictionary index \(index) is out of range (the dictionary holds \(size) values)")
            }
        }
        try decoder.decode(count: count, repeated: { index, run in
            try check(index)
            for _ in 0..<run { try store.append(from: dictionary, at: Int(index)) }
        }, literal: { index in
            try check(index)
            try store.append(from: dictionary, at: Int(index))
        })
    }
}
