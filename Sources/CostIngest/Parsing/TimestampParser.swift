import CostModel

/// Parses the timestamp forms real billing exports use and returns the UTC day they fall on.
///
/// Accepted: `2024-01-01`, `2024-01-01T00:00:00Z`, `2024-01-01T00:00:00.000Z`, `2024-01-01 00:00:00`
/// (no zone means UTC, as in the FOCUS sample), `2024-09-01 00:00:00 UTC` (BigQuery's exports),
/// minutes-only times, and offsets `+00:00`, `+0530`, `-08`, converted to UTC; and the US dates of
/// Azure exports, `09/01/2023` and `9/1/2023` (month first, as Cost Management writes them). Impossible dates and times (`2024-02-30`, `25:00`) are errors, never rolled over.
enum TimestampParser {
    /// Why a timestamp was rejected.
    struct Failure: Error {
        var reason: String
    }

    static func utcDay(_ bytes: UnsafeRawBufferPointer) throws(Failure) -> Day {
        let count = bytes.count
        @inline(__always) func digits(_ start: Int, _ length: Int) -> Int? {
            guard start + length <= count else { return nil }
            var value = 0
            for index in start..<(start + length) {
                let byte = bytes[index]
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        if count >= 6 && count <= 10 && bytes[count - 5] == UInt8(ascii: "/") { return try usDate(bytes) }
        guard count >= 10, let year = digits(0, 4), bytes[4] == 45, let month = digits(5, 2), bytes[7] == 45,
              let dayOfMonth = digits(8, 2)
        else { throw Failure(reason: "not a date (expected YYYY-MM-DD…)") }
        guard let date = Day(year: year, month: month, day: dayOfMonth) else {
            throw Failure(reason: "no such date")
        }
        if count == 10 { return date }

        var index = 10
        guard bytes[index] == UInt8(ascii: "T") || bytes[index] == UInt8(ascii: " ") else {
            throw Failure(reason: "unexpected text after the date")
        }
        index += 1
        guard let hour = digits(index, 2), index + 2 < count, bytes[index + 2] == 58,
              let minute = digits(index + 3, 2)
        else { throw Failure(reason: "not a time (expected HH:MM)") }
        index += 5
        var second = 0
        if index < count && bytes[index] == 58 {
            guard let value = digits(index + 1, 2) else { throw Failure(reason: "bad seconds") }
            second = value
            index += 3
            if index < count && (bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",")) {
                index += 1
                let fractionStart = index
                while index < count && bytes[index] >= 48 && bytes[index] <= 57 { index += 1 }
                guard index > fractionStart else { throw Failure(reason: "bad fraction of a second") }
            }
        }
        guard hour < 24, minute < 60, second <= 60 else { throw Failure(reason: "no such time of day") }

        var offsetMinutes = 0
        if index < count {
            let marker = bytes[index]
            if marker == UInt8(ascii: "Z") || marker == UInt8(ascii: "z") {
                index += 1
            } else if count - index == 4 && bytes[index] == 0x20 && bytes[index + 1] == UInt8(ascii: "U")
                        && bytes[index + 2] == UInt8(ascii: "T") && bytes[index + 3] == UInt8(ascii: "C") {
                // BigQuery writes TIMESTAMP values as `2024-09-01 00:00:00 UTC`.
                index += 4
            } else if marker == UInt8(ascii: "+") || marker == UInt8(ascii: "-") {
                guard let offsetHours = digits(index + 1, 2) else { throw Failure(reason: "bad UTC offset") }
                index += 3
                var extraMinutes = 0
                if index < count && bytes[index] == 58 {
                    guard let value = digits(index + 1, 2) else { throw Failure(reason: "bad UTC offset") }
                    extraMinutes = value
                    index += 3
                } else if let value = digits(index, 2) {
                    extraMinutes = value
                    index += 2
                }
                guard offsetHours <= 18, extraMinutes < 60 else { throw Failure(reason: "bad UTC offset") }
                offsetMinutes = (offsetHours * 60 + extraMinutes) * (marker == UInt8(ascii: "-") ? -1 : 1)
            }
        }
        guard index == count else { throw Failure(reason: "unexpected text after the time") }
        if offsetMinutes == 0 { return date }
        // Local time minus the offset is UTC; only the day can change.
        let minuteOfDay = hour * 60 + minute - offsetMinutes
        if minuteOfDay < 0 { return date.adding(days: -1) }
        if minuteOfDay >= 24 * 60 { return date.adding(days: 1) }
        return date
    }

    /// `MM/DD/YYYY` or `M/D/YYYY` (Azure Cost Management): month first, a four-digit year, no time.
    private static func usDate(_ bytes: UnsafeRawBufferPointer) throws(Failure) -> Day {
        var parts: [Int] = []
        var value = 0
        var width = 0
        for byte in bytes {
            if byte == UInt8(ascii: "/") {
                guard width >= 1 && width <= 2 else { throw Failure(reason: "not a date (expected MM/DD/YYYY)") }
                parts.append(value)
                value = 0
                width = 0
            } else if byte >= 48 && byte <= 57 {
                value = value * 10 + Int(byte - 48)
                width += 1
            } else {
                throw Failure(reason: "not a date (expected MM/DD/YYYY)")
            }
        }
        guard parts.count == 2, width == 4 else { throw Failure(reason: "not a date (expected MM/DD/YYYY)") }
        guard let date = Day(year: value, month: parts[0], day: parts[1]) else { throw Failure(reason: "no such date") }
        return date
    }
}
