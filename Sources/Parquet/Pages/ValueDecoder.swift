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
        var indices: [UInt32] = []
        indices.reserveCapacity(count)
        try decoder.decode(count: count, maxValue: UInt32.max, into: &indices, what: "dictionary index")
        let largest = indices.max() ?? 0
        guard Int(largest) < dictionary.count else {
            throw DecodeFailure.data("dictionary index \(largest) is out of range (the dictionary holds \(dictionary.count) values)")
        }
        try gather(indices, from: dictionary, into: &store)
    }

    /// Appends `dictionary[index]` for every index (all already checked to be in range), one tight loop
    /// per physical type: this is where most values of a real bill are decoded.
    private static func gather(_ indices: [UInt32], from dictionary: ValueStore, into store: inout ValueStore) throws {
        func copy<T>(_ source: [T], _ target: inout [T]) {
            source.withUnsafeBufferPointer { source in
                target.append(contentsOf: indices.lazy.map { source[Int($0)] })
            }
        }
        switch store.physicalType {
        case .boolean: copy(dictionary.booleans, &store.booleans)
        case .int32: copy(dictionary.int32s, &store.int32s)
        case .int64: copy(dictionary.int64s, &store.int64s)
        case .float: copy(dictionary.floats, &store.floats)
        case .double: copy(dictionary.doubles, &store.doubles)
        case .byteArray:
            var total = 0
            dictionary.offsets.withUnsafeBufferPointer { offsets in
                for index in indices { total += offsets[Int(index) + 1] - offsets[Int(index)] }
            }
            try store.reserveBytes(total)
            let start = store.bytes.count
            store.bytes.append(contentsOf: repeatElement(0, count: total))
            store.offsets.reserveCapacity(store.offsets.count + indices.count)
            store.bytes.withUnsafeMutableBufferPointer { target in
                dictionary.bytes.withUnsafeBufferPointer { source in
                    dictionary.offsets.withUnsafeBufferPointer { offsets in
                        var position = start
                        for index in indices {
                            let lower = offsets[Int(index)]
                            let length = offsets[Int(index) + 1] - lower
                            if length > 0 {
                                (target.baseAddress! + position).update(from: source.baseAddress! + lower, count: length)
                            }
                            position += length
                            store.offsets.append(position)
                        }
                    }
                }
            }
        case .int96, .fixedLenByteArray:
            let width = store.width
            let (total, overflow) = indices.count.multipliedReportingOverflow(by: width)
            guard !overflow else { throw DecodeFailure(.limitExceeded, "dictionary values overflow") }
            try store.reserveBytes(total)
            if width > 0 {
                dictionary.bytes.withUnsafeBufferPointer { source in
                    for index in indices {
                        store.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[Int(index) * width..<(Int(index) + 1) * width]))
                    }
                }
            }
        }
        store.count += indices.count
    }
}
