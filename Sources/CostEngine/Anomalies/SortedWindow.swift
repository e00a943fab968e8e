/// A small multiset of values kept in ascending order, for a sliding window's median and median
/// absolute deviation.
///
/// Insertion and removal shift the values in place (a window holds at most 28 days): this runs
/// for every day of every series the detector examines, and `Array.insert(_:at:)` and
/// `remove(at:)` went through the generic range-replacement path, several times slower.
struct SortedWindow {
    private(set) var values: [Double] = []

    init(capacity: Int) { values.reserveCapacity(capacity + 1) }

    /// Empties the window, keeping its storage (one window serves every series of a scan).
    mutating func removeAll() { values.removeAll(keepingCapacity: true) }

    mutating func insert(_ value: Double) {
        values.append(value)
        values.withUnsafeMutableBufferPointer { buffer in
            var index = buffer.count - 1
            while index > 0 && buffer[index - 1] > value {
                buffer[index] = buffer[index - 1]
                index -= 1
            }
            buffer[index] = value
        }
    }

    /// Removes one occurrence of `value` (which must be present).
    mutating func remove(_ value: Double) {
        let found = values.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard var index = buffer.firstIndex(of: value) else { return false }
            while index + 1 < buffer.count {
                buffer[index] = buffer[index + 1]
                index += 1
            }
            return true
        }
        if found { values.removeLast() }
    }

    /// The median of |value − median| over the window: the deviations below the centre grow
    /// leftwards and those above it rightwards, so merging the two runs from the centre gives them
    /// in ascending order without sorting.
    func medianAbsoluteDeviation() -> Double {
        values.withUnsafeBufferPointer { values in
            let count = values.count
            guard count > 0 else { return 0 }
            let middleIndex = count / 2
            let center = count % 2 == 1 ? values[middleIndex] : (values[middleIndex - 1] + values[middleIndex]) / 2
            var right = 0
            while right < count && values[right] < center { right += 1 }
            var left = right - 1
            // Walk the deviations in ascending order up to the middle one, remembering the one before.
            var previous = 0.0
            var current = 0.0
            for _ in 0...middleIndex {
                previous = current
                let leftDeviation = left >= 0 ? abs(values[left] - center) : .infinity
                let rightDeviation = right < count ? abs(values[right] - center) : .infinity
                if leftDeviation <= rightDeviation {
                    current = leftDeviation
                    left -= 1
                } else {
                    current = rightDeviation
                    right += 1
                }
            }
            return count % 2 == 1 ? current : (previous + current) / 2
        }
    }
}
