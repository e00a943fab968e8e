/// The text `YYYY-MM-DDTHH:00:00Z` of one hour, reformatted only when the hour changes.
///
/// Lines arrive in hour order, so each writer keeps one of these per timestamp column and the
/// formatting cost is paid once per hour rather than once per line.
struct Timestamp {
    private var hour = Int.min
    private var bytes = [UInt8](repeating: 0, count: 20)

    /// Points the text at `newHour` (hours since the epoch).
    @inline(__always)
    mutating func set(hour newHour: Int) {
        if newHour == hour { return }
        hour = newHour
        bytes = Array(isoTimestamp(hour: newHour).utf8)
    }

    /// Appends the text to `output`.
    @inline(__always)
    func write(to output: OutputBuffer) {
        bytes.withUnsafeBufferPointer { output.raw($0) }
    }
}
