import CosttopTestSupport
import Foundation
import Testing
@testable import CostIngest

/// Azure actual or amortized: told from a header column naming the kind, else the export's
/// manifest.json, else the path component nearest the file; said in the ingest summary; an actual
/// and an amortized export of one month refused together however their kinds were told.
@Suite("Azure actual or amortized", .serialized)
struct AzureCostKindTests {
    /// A small EA export of September 2023 (same columns for both kinds, as Cost Management writes them).
    static func eaExport(unusedReservation: Bool = false) -> String {
        var csv = "BillingAccountId,AccountOwnerId,AccountName,SubscriptionId,SubscriptionName,Date,MeterCategory,"
            + "MeterSubCategory,MeterName,Quantity,CostInBillingCurrency,BillingCurrencyCode,ChargeType,PricingModel,"
            + "ReservationId,ReservationName\n"
        for day in 1...5 {
            csv += "8611537,ops@contoso.com,Ops,sub-1,Production,09/0\(day)/2023,Virtual Machines,Dv3/DSv3 Series,D2 v3,24,"
                + "12.50,USD,Usage,OnDemand,,\n"
        }
        if unusedReservation {
            csv += "8611537,ops@contoso.com,Ops,sub-1,Production,09/05/2023,Virtual Machines,Dv3/DSv3 Series,D2 v3,10,"
                + "3.25,USD,UnusedReservation,Reservation,res-1,VM_RI\n"
        }
        return csv
    }

    @Test("the path component nearest the file names the kind; one naming both or neither says nothing")
    func pathRule() {
        #expect(AzureCostKind.pathKind("/b/costexports/amortizedcost/20230901-20230930/part_0_0001.csv")! == (true, "amortizedcost"))
        #expect(AzureCostKind.pathKind("/b/AmortizedCost_202309_0a1b.csv")! == (true, "AmortizedCost_202309_0a1b.csv"))
        #expect(AzureCostKind.pathKind("/b/amortized/ActualCost_202309.csv")! == (false, "ActualCost_202309.csv"))
        #expect(AzureCostKind.pathKind("/b/DailyActualCost/20230901-20230930/run-1/part_0.csv")! == (false, "DailyActualCost"))
        #expect(AzureCostKind.pathKind("/b/actual-vs-amortized/part_0.csv") == nil)
        #expect(AzureCostKind.pathKind("/data/exports/part_0.csv") == nil)
        // Words inside other words say nothing.
        #expect(AzureCostKind.pathKind("/b/amortized/contractual-2024/part_0.csv")! == (true, "amortized"))
        #expect(AzureCostKind.pathKind("/b/actualcost/unamortized/part_0.csv")! == (false, "actualcost"))
        #expect(AzureCostKind.pathKind("/b/EA_AMORTIZEDCOST_2024.csv")! == (true, "EA_AMORTIZEDCOST_2024.csv"))
    }

    @Test("a header column naming the kind wins over the path")
    func headerRule() throws {
        let header = try HeaderIndex(["Date", "MeterCategory", "CostInBillingCurrency", "AmortizedCost"])
        let (format, kind) = try ExportFormat.detectWithKind(header, path: "/exports/actualcost/part_0.csv")
        #expect(format == .azureMCAAmortized)
        #expect(kind?.evidence == .header(column: "AmortizedCost"))
        let plain = try HeaderIndex(["Date", "MeterCategory", "CostInBillingCurrency", "AccountOwnerId"])
        let (_, fromPath) = try ExportFormat.detectWithKind(plain, path: "/exports/actualcost/part_0.csv")
        #expect(fromPath == AzureCostKind(amortized: false, evidence: .path(component: "actualcost")))
        let (_, none) = try ExportFormat.detectWithKind(plain, path: "/exports/part_0.csv")
        #expect(none == AzureCostKind(amortized: false, evidence: .none))
    }

    @Test("a Cost Management manifest.json beside the parts names the kind; the summary says what told it")
    func manifestRule() throws {
        let folder = Support.temporaryFolder()
        let part = Support.write(Self.eaExport(), to: folder, "exports/daily/20230901-20230930/run-7/part_0_0001.csv")
        Support.write("{\"exportConfig\": {\"exportName\": \"daily\", \"type\": \"AmortizedCost\", \"dataVersion\": \"2021-10-01\"}}",
                      to: folder, "exports/daily/20230901-20230930/run-7/manifest.json")
        let ingest = Support.costtop(["ingest", part, "--cache", folder + "/a.ctc"])
        #expect(ingest.status == 0, "\(ingest.err)")
        #expect(ingest.out.contains("formats       azure-ea-amortized (1 file)"), "\(ingest.out)")
        #expect(ingest.out.contains("cost kind     azure-ea-amortized from the export's manifest.json"), "\(ingest.out)")
    }

    @Test("actual and amortized exports of one month told apart by folder only are refused in one ingest and in two")
    func refusedByPath() throws {
        let folder = Support.temporaryFolder()
        let actual = Support.write(Self.eaExport(), to: folder, "costexports/actualcost/20230901-20230930/part_0_0001.csv")
        let amortized = Support.write(Self.eaExport(), to: folder, "costexports/amortizedcost/20230901-20230930/part_0_0001.csv")
        let cache = folder + "/azure.ctc"

        let both = Support.costtop(["ingest", folder + "/costexports", "--cache", cache])
        #expect(both.status == 65, "\(both.out)\(both.err)")
        #expect(both.err.contains("amortized-cost Azure export of 2023-09"), "\(both.err)")
        #expect(both.err.contains(amortized) && both.err.contains(actual), "\(both.err)")
        #expect(both.err.contains("told by its path (amortizedcost) and by its path (actualcost)"), "\(both.err)")
        #expect(!FileManager.default.fileExists(atPath: cache))

        let first = Support.costtop(["ingest", actual, "--cache", cache])
        #expect(first.status == 0, "\(first.err)")
        #expect(first.out.contains("cost kind     azure-ea-actual from the path (actualcost)"), "\(first.out)")
        let before = try Data(contentsOf: URL(fileURLWithPath: cache))
        let second = Support.costtop(["ingest", amortized, "--cache", cache])
        #expect(second.status == 65)
        #expect(second.err.contains("amortized-cost Azure export of 2023-09"), "\(second.err)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: cache)) == before)
    }

    @Test("a file read as actual whose rows hold unused reservations is flagged")
    func unusedRowsWarn() throws {
        let folder = Support.temporaryFolder()
        let part = Support.write(Self.eaExport(unusedReservation: true), to: folder, "exports/part_0.csv")
        let ingest = Support.costtop(["ingest", part, "--cache", folder + "/a.ctc"])
        #expect(ingest.status == 0, "\(ingest.err)")
        #expect(ingest.out.contains("cost kind     azure-ea-actual by default"), "\(ingest.out)")
        #expect(ingest.out.contains("warning       \(part) was read as an actual-cost Azure export but has unused reservation"),
                "\(ingest.out)")
    }
}
