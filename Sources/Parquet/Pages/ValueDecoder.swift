/// Decodes the values section of one data page with the page's encoding.
enum ValueDecoder {
    /// Appends `count` non-null values from `bytes` to `store`.
    static func decode(_ bytes: UnsafeRawBufferPointer, encoding raw: Int32, count: Int,
                       dictionary: ValueStore?, into store: inout ValueStore) throws {
        let encoding = try Encoding.from(raw)
        if store.isIndexed && encoding != .plainDictionary && encoding != .rleDictionary {
            // A writer fell back from the dictionary (it grew too large): these values join the pool.
            var direct = ValueStore(physicalType: store.physicalType, width: store.width, byteLimit: store.byteLimit)
            try decode(bytes, encoding: raw, count: count, dictionary: dictionary, into: &direct)
            try store.appendIndexed(direct)
            return
        }
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
        let outOfRange = { (largest: UInt32) in
            DecodeFailure.data("dictionary index \(largest) is out of range (the dictionary holds \(dictionary.count) values)")
        }
        if store.physicalType == .byteArray {
            // Strings stay in the dictionary: only the indices are kept (see `ValueStore`).
            if !store.isIndexed { try store.becomeIndexed(dictionary: dictionary) }
            let start = store.indices.count
            let largest = try decoder.decode(count: count, maxValue: UInt32.max, into: &store.indices, what: "dictionary index")
            guard count == 0 || Int(largest) < dictionary.count else { throw outOfRange(largest) }
            let base = UInt32(store.dictionaryBase)
            if base != 0 {
                store.indices.withUnsafeMutableBufferPointer { indices in
                    for position in start..<indices.count { indices[position] += base }
                }
            }
            store.count += count
            return
        }
        var indices: [UInt32] = []
        let largest = try decoder.decode(count: count, maxValue: UInt32.max, into: &indices, what: "dictionary index")
        guard Int(largest) < dictionary.count else { throw outOfRange(largest) }
        try gather(indices, from: dictionary, into: &store)
    }

    /// Appends `dictionary[index]` for every index (all already checked to be in range), one tight loop
    /// per physical type (byte arrays are not gathered: they stay indexed).
    private static func gather(_ indices: [UInt32], from dictionary: ValueStore, into store: inout ValueStore) throws {
        func copy<T>(_ source: [T], _ target: inout [T]) {
            // Gathered into a new array, appended in one copy (a lazy map appends element by element).
            let gathered = source.withUnsafeBufferPointer { source in
                [T](unsafeUninitializedCapacity: indices.count) { buffer, initialized in
                    for (position, index) in indices.enumerated() { (buffer.baseAddress! + position).initialize(to: source[Int(index)]) }
                    initialized = indices.count
                }
            }
            target.append(contentsOf: gathered)
        }
        switch store.physicalType {
        case .boolean: copy(dictionary.booleans, &store.booleans)
        case .int32: copy(dictionary.int32s, &store.int32s)
        case .int64: copy(dictionary.int64s, &store.int64s)
        case .float: copy(dictionary.floats, &store.floats)
        case .double: copy(dictionary.doubles, &store.doubles)
        case .byteArray:
            preconditionFailure("dictionary-encoded byte arrays stay indexed")
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
