@testable import CostIngest
import CostModel
import Testing

/// The timestamp forms Google Cloud and Azure exports add: BigQuery's ` UTC` suffix and Azure's
/// month-first US dates.
@Suite("Cloud timestamps")
struct CloudTimestampTests {
    @Test("BigQuery and Azure forms give the UTC day", arguments: [
        ("2024-09-01 00:00:00 UTC", "2024-09-01"), ("2024-09-30 23:59:59 UTC", "2024-09-30"),
        ("09/01/2023", "2023-09-01"), ("9/2/2023", "2023-09-02"), ("12/31/2023", "2023-12-31"), ("2/29/2024", "2024-02-29"),
    ])
    func accepted(text: String, expected: String) throws {
        let day = try Array(text.utf8).withUnsafeBytes { bytes throws(TimestampParser.Failure) in try TimestampParser.utcDay(bytes) }
        #expect(day.description == expected)
    }

    @Test("impossible or ambiguous US dates are rejected", arguments: [
        "02/29/2023", "13/01/2024", "1/32/2024", "1/1/24", "001/01/2024", "2024-09-01 00:00:00 UTCX", "2024-09-01 UTC",
    ])
    func rejected(text: String) {
        #expect(throws: TimestampParser.Failure.self) {
            try Array(text.utf8).withUnsafeBytes { bytes throws(TimestampParser.Failure) in try TimestampParser.utcDay(bytes) }
        }
    }
}
