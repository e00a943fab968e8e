import CostEngine
import CostModel
import CostReports
import Foundation
import CosttopTestSupport
import Testing

/// `costtop movers` as a command: help and option values, every format with the same cent
/// figures, hostile strings, notes in the table, CSV and Markdown.
@Suite("Movers output", .serialized)
struct MoversOutputTests {
    static let cache: String = {
        let path = Support.temporaryFolder() + "/sample.ctc"
        _ = try? Support.ingest([Support.repository + "/sample-data/aws-cur"], cache: path)
        return path
    }()

    @Test("--help has examples and lists formats and metrics; bad values exit 64 naming the allowed ones")
    func help() {
        let help = Support.costtop(["movers", "--help"])
        #expect(help.status == 0 && help.out.contains("Examples:"))
        let text = help.out.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        for value in ["table", "csv", "json", "markdown", "billed", "effective", "list", "--per-day", "--depth"] {
            #expect(text.contains(value), "movers --help lists \(value)")
        }
        for (arguments, named) in [(["--format", "xml"], "markdown"), (["--metric", "amortized"], "effective"),
                                   (["--compare", "yesterday"], "last-month"), (["--by", "day"], "usage-type"),
                                   (["--by", "a,b,c,d,e"], "--by"), (["--depth", "0"], "--depth")] {
            let result = Support.costtop(["movers", "--cache", Self.cache] + arguments)
            #expect(result.status == 64 && result.err.contains(named), "\(arguments): \(result.err)")
        }
    }

    @Test("table, CSV, Markdown and JSON print the same movers with the same cents; the note shows in all but JSON")
    func formats() throws {
        let arguments = ["movers", "--cache", Self.cache, "--period", "2024-08-14..2024-08-20", "--limit", "8"]
        let json = Support.costtop(arguments + ["--format", "json"])
        let document = try JSONDecoder().decode(MoversDocument.self, from: Data(json.out.utf8))
        #expect(document.movers.count == 8)
        let first = document.movers[0]
        let path = first.path.map { "\($0.dimension)=\($0.key)" }.joined(separator: " > ")
        var notes = try MoverNotes(path: MoverNotes.path(forCache: Self.cache))
        try notes.set("egress test, ask \"web\"", for: path)
        let csv = CSVRecords.objects(Support.costtop(arguments + ["--format", "csv"]).out)
        #expect(csv.count == 8)
        for (row, mover) in zip(csv, document.movers) {
            #expect(row["path"] == mover.path.map { "\($0.dimension)=\($0.key)" }.joined(separator: " > "))
            #expect(row["cost"] == mover.cost.text && row["previous"] == mover.previous.text && row["delta"] == mover.delta.text)
            for kind in MoverDriverKind.allCases {
                let amount = mover.drivers.first { $0.kind == kind.rawValue }?.amount.text ?? "0.00"
                #expect(row[kind.rawValue] == amount, "\(kind) of \(row["path"] ?? "")")
            }
        }
        #expect(csv[0]["note"] == "egress test, ask \"web\"" && csv[1]["note"] == "")
        let table = Support.costtop(arguments).out
        #expect(table.contains("+\(first.delta.text)") && table.contains("egress test, ask \"web\""))
        let markdown = Support.costtop(arguments + ["--format", "markdown"]).out
        #expect(markdown.contains("| +\(first.delta.text) |") && markdown.contains("egress test"))
        #expect(!Support.costtop(arguments + ["--format", "json"]).out.contains("egress"))
    }

    @Test("hostile keys: CSV keeps them whole, the table and Markdown sanitize and escape pipes")
    func hostile() throws {
        let header = "ChargePeriodStart,SubAccountId,ServiceName,x_UsageType,BilledCost,ConsumedQuantity\n"
        let key = "=cmd|' /C calc'!A0\u{1b}[2J"
        let text = header + "2024-03-01T00:00:00Z,a,S,\(key),1,1\n2024-03-02T00:00:00Z,a,S,\(key),5,5\n"
        let folder = Support.temporaryFolder()
        _ = try Support.ingest([Support.write(text, to: folder, "h.csv")], cache: folder + "/h.ctc")
        let arguments = ["movers", "--cache", folder + "/h.ctc", "--period", "2024-03-02..2024-03-02", "--by", "usage-type"]
        let csv = CSVRecords.parse(Support.costtop(arguments + ["--format", "csv"]).out)
        // The path field starts with the dimension, so no formula can start it; the key is kept whole.
        #expect(csv[1][0] == "usage-type=" + key, "\(csv)")
        let table = Support.costtop(arguments).out
        #expect(!table.contains("\u{1b}") && table.contains("usage +4.00"))
        let markdown = Support.costtop(arguments + ["--format", "markdown"]).out
        #expect(!markdown.contains("\u{1b}") && markdown.contains("=cmd\\|"))
    }
}
