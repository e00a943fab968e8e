import CostCache
import CostModel
import CosttopTestSupport
import Foundation
import Testing
@testable import CostEngine

/// Month-end forecasts on hand-made bills whose month-end total is known (docs/forecast.md).
@Suite("Forecast")
struct ForecastTests {
    let months = DayRange(from: .on("2024-03-01"), to: .on("2024-06-30"))

    /// Four months of weekly usage with an RI fee and tax posting on each 1st.
    func weeklyBillWithFees() -> ForecastBill {
        var bill = ForecastBill()
        bill.usage(months) { ForecastBill.weekly($0) }
        for month in ["2024-03-01", "2024-04-01", "2024-05-01", "2024-06-01"] {
            bill.posting("RIFee", on: .on(month), cost: 900)
            bill.posting("Tax", on: .on(month), cost: 150)
        }
        return bill
    }

    @Test("a weekly pattern with fees on the 1st: the forecast at mid-month is the real total, run-rate is not")
    func weeklyWithFees() throws {
        let bill = weeklyBillWithFees()
        let cache = try bill.cache()
        let june = DayRange(from: .on("2024-06-01"), to: .on("2024-06-30"))
        let actual = Double(bill.total(june)) / 1e9
        let result = try ForecastAnalysis(cache: cache).run(ForecastSpec(asOf: .on("2024-06-15")))
        let forecast = Double(result.total.current.forecast) / 1e9
        #expect(result.total.current.actualToDate == bill.total(DayRange(from: june.from, to: .on("2024-06-15"))))
        #expect(abs(forecast - actual) / actual < 0.005, "forecast \(forecast), actual \(actual)")
        let runRate = Double(result.total.current.actualToDate) / 1e9 / 15 * 30
        #expect(abs(runRate - actual) / actual > 0.2, "the fees doubled by the run rate")
        #expect(result.total.current.lower <= bill.total(june) && bill.total(june) <= result.total.current.upper)
        #expect(result.empiricalInterval && !result.shortHistory)
        // The fees do not post again before the month ends: nothing scheduled is expected.
        #expect(result.total.current.scheduledRemaining == 0)
        // Next month: the usage pattern over July's days plus the fees again.
        let july = Double(result.total.next.forecast) / 1e9
        var expectedJuly = 1050.0
        var day = Day.on("2024-07-01")
        while day <= .on("2024-07-31") { expectedJuly += ForecastBill.weekly(day); day = day.adding(days: 1) }
        #expect(abs(july - expectedJuly) / expectedJuly < 0.01, "July \(july), expected \(expectedJuly)")
    }

    @Test("tax that posts on the last day is carried from last month, not extrapolated")
    func taxOnTheLastDay() throws {
        var bill = ForecastBill()
        bill.usage(months) { _ in 50 }
        for last in ["2024-03-31", "2024-04-30", "2024-05-31", "2024-06-30"] { bill.posting("Tax", on: .on(last), cost: 300) }
        let result = try ForecastAnalysis(cache: try bill.cache()).run(ForecastSpec(asOf: .on("2024-06-20")))
        #expect(result.total.current.scheduledRemaining == 300_000_000_000)
        #expect(result.total.current.forecast == 30 * 50_000_000_000 + 300_000_000_000)
        #expect(result.notes.contains { $0.contains("scheduled charges") })
    }

    @Test("a level shift under way: the forecast follows the new level and says since when")
    func levelShift() throws {
        var bill = ForecastBill()
        bill.usage(months) { $0 < .on("2024-06-10") ? 100 + Double($0.index % 3) : 220 + Double($0.index % 3) }
        let result = try ForecastAnalysis(cache: try bill.cache()).run(ForecastSpec(asOf: .on("2024-06-16")))
        let remaining = Double(result.total.current.forecast - result.total.current.actualToDate) / 1e9
        #expect(abs(remaining / 14 - 221) < 5, "\(remaining / 14) a day")
        #expect(result.total.shiftSince == .on("2024-06-10"))
        #expect(result.notes.contains { $0.contains("level shift under way since 2024-06-10") })
    }

    @Test("a one-day spike is not a new level")
    func spike() throws {
        var bill = ForecastBill()
        bill.usage(months) { $0 == .on("2024-06-14") ? 5000 : 100 }
        let result = try ForecastAnalysis(cache: try bill.cache()).run(ForecastSpec(asOf: .on("2024-06-15")))
        let remaining = Double(result.total.current.forecast - result.total.current.actualToDate) / 1e9
        #expect(abs(remaining - 1500) < 15, "\(remaining)")
        #expect(result.total.shiftSince == nil)
    }

    @Test("short history: said, fallback interval, wider than with history")
    func shortHistory() throws {
        var bill = ForecastBill()
        bill.usage(DayRange(from: .on("2024-06-01"), to: .on("2024-06-10"))) { 100 + Double($0.index % 5) }
        let result = try ForecastAnalysis(cache: try bill.cache()).run(ForecastSpec())
        #expect(result.shortHistory && !result.empiricalInterval && result.historyDays == 10)
        #expect(result.notes.contains { $0.hasPrefix("short history: 10 days") })
        let usage = Double(result.total.current.forecast - result.total.current.actualToDate)
        let width = Double(result.total.current.upper - result.total.current.lower)
        // ±(15% + 60%/√10) doubled: about ±87% of the remaining usage.
        #expect(abs(width / usage - 2 * 2 * (0.15 + 0.6 / 10.0.squareRoot())) < 0.01)
    }

    @Test("rows add up to the total; the total's actual to date is the query's month to date")
    func rowsAddUp() throws {
        var bill = weeklyBillWithFees()
        bill.usage(months, account: "222222222222", service: "AmazonS3") { 30 + Double($0.index % 4) }
        bill.usage(DayRange(from: .on("2024-06-05"), to: months.to), account: "333333333333") { _ in 12 }
        let cache = try bill.cache()
        let result = try ForecastAnalysis(cache: cache).run(ForecastSpec(groupBy: .fixed(.account), asOf: .on("2024-06-20"), limit: 2))
        #expect(result.rows.map(\.key) == ["111111111111", "222222222222", "333333333333"])
        #expect(result.rows.reduce(0) { $0 + $1.current.forecast } == result.total.current.forecast)
        #expect(result.rows.reduce(0) { $0 + $1.current.actualToDate } == bill.total(DayRange(from: .on("2024-06-01"), to: .on("2024-06-20"))))
        let folded = try ForecastAnalysis(cache: cache).run(ForecastSpec(groupBy: .fixed(.account), asOf: .on("2024-06-20"), limit: 1))
        #expect(folded.rows.map(\.key) == ["111111111111", "(other 2)"])
        for row in result.rows + [result.total] {
            #expect(row.current.lower <= row.current.forecast && row.current.forecast <= row.current.upper, "\(row.key)")
        }
    }

    @Test("a complete month's forecast is its actual; a month before the data is an error")
    func completeMonth() throws {
        let cache = try weeklyBillWithFees().cache()
        let may = try ForecastAnalysis(cache: cache).run(ForecastSpec(month: .on("2024-05-01")))
        #expect(may.asOf == .on("2024-05-31"))
        #expect(may.total.current.forecast == may.total.current.actualToDate)
        #expect(may.total.current.lower == may.total.current.upper)
        #expect(throws: QueryError.self) { try ForecastAnalysis(cache: cache).run(ForecastSpec(month: .on("2023-01-01"))) }
    }

    @Test("weekday factors, change points and capping on plain series")
    func seriesParts() {
        let weekly = (0..<56).map { ForecastBill.weekly(Day(index: Int32($0))) }
        let factors = SeriesForecaster.weekdayFactors(weekly, end: 56, firstDayIndex: 0)
        #expect(abs(factors[Int(Day.on("2024-06-08").index) % 7] / factors[Int(Day.on("2024-06-10").index) % 7] - 0.4) < 1e-9)
        #expect(SeriesForecaster.weekdayFactors(weekly, end: 27, firstDayIndex: 0) == [Double](repeating: 1, count: 7))
        let shifted = [Double](repeating: 10, count: 20) + [Double](repeating: 30, count: 8)
        #expect(SeriesForecaster.changePoint(shifted) == 8)
        #expect(SeriesForecaster.changePoint([Double](repeating: 10, count: 28)) == nil)
        #expect(SeriesForecaster.capped([10, 11, 10, 11, 500]).max()! < 20)
    }
}
