import Foundation
import CosttopTestSupport
import Testing

/// `costtop report` as a process on the bundled sample bill (the cache the README's first command
/// builds): the reports checked into docs/report/ come out byte for byte (re-recorded only with
/// COSTTOP_RECORD_REPORTS=1), two processes give the same bytes, `--output` writes them, errors
/// exit with the documented codes, and headless Chromium renders the HTML without errors.
@Suite("Report end to end", .serialized)
struct ReportEndToEndTests {
    static let cache: String = {
        let path = Support.temporaryFolder() + "/sample.ctc"
        _ = try? Support.ingest([Support.repository + "/sample-data/aws-cur"], cache: path)
        return path
    }()
    static let folder = Support.repository + "/docs/report"
    static let recording = ProcessInfo.processInfo.environment["COSTTOP_RECORD_REPORTS"] == "1"
    static let files: [(format: String, name: String)] = [("markdown", "sample-report.md"), ("text", "sample-report.txt"),
                                                          ("html", "sample-report.html")]
    /// The section headings of the sample report, in order.
    static let headings = ["Totals and change", "Top movers", "Anomalies", "Commitment coverage and utilization", "Tag coverage",
                           "Forecast"]

    static func report(_ format: String) -> String {
        let result = Support.costtop(["report", "--cache", cache, "--format", format])
        #expect(result.status == 0, "\(result.err)")
        return result.out
    }

    @Test("the sample reports in docs/report/ are what costtop writes today, byte for byte")
    func checkedIn() throws {
        for (format, name) in Self.files {
            let path = Self.folder + "/" + name
            let written = Self.report(format)
            if Self.recording {
                try FileManager.default.createDirectory(atPath: Self.folder, withIntermediateDirectories: true)
                try Data(written.utf8).write(to: URL(fileURLWithPath: path))
                continue
            }
            guard let recorded = FileManager.default.contents(atPath: path) else {
                Issue.record("no \(path); record it with COSTTOP_RECORD_REPORTS=1")
                continue
            }
            #expect(written == String(decoding: recorded, as: UTF8.self),
                    "\(name) differs from costtop's \(format) report; review the change and re-record with COSTTOP_RECORD_REPORTS=1")
        }
        if Self.recording, Self.chromium != nil {
            // The picture of the HTML report (fonts differ between machines, so it is not compared).
            let shot = Self.screenshot(Self.folder + "/sample-report.html", size: "1000,4600", to: Self.folder + "/sample-report.png")
            #expect(shot.status == 0, "\(shot.err)")
        }
    }

    @Test("two processes give the same bytes; --output writes exactly what stdout shows")
    func reproducible() throws {
        for format in ["markdown", "text", "html"] {
            let first = Self.report(format), second = Self.report(format)
            #expect(first == second, "\(format)")
            if format == "text" {
                for line in first.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
            }
            let file = Support.temporaryFolder() + "/report." + format
            let written = Support.costtop(["report", "--cache", Self.cache, "--format", format, "--output", file])
            #expect(written.status == 0 && written.out.isEmpty, "\(written.err)")
            #expect(FileManager.default.contents(atPath: file) == Data(first.utf8))
        }
        // Swift seeds its hashing per process: other windows and metrics, each in two processes, give
        // the same bytes too (no dictionary order reaches the report, not even through a float sum).
        for arguments in [["--period", "last-7d"], ["--period", "mtd", "--metric", "effective"], ["--period", "all", "--metric", "list"]] {
            let run = ["report", "--cache", Self.cache] + arguments
            let one = Support.costtop(run), two = Support.costtop(run)
            #expect(one.status == 0 && !one.out.isEmpty && one.out == two.out, "\(arguments)")
        }
        // Another period and comparison, through the same options the other subcommands take.
        let custom = ["report", "--cache", Self.cache, "--period", "2024-09-01..2024-09-28", "--compare", "last-month", "--format", "text"]
        let one = Support.costtop(custom), two = Support.costtop(custom)
        #expect(one.status == 0 && one.out == two.out)
        #expect(one.out.contains("Period 2024-09-01..2024-09-28 (28 days) against 2024-08-01..2024-08-28 (28 days)"))
    }

    @Test("bad usage exits 64, a missing cache 66, an unwritable --output 74, a broken rules file 64 at its line")
    func errors() {
        let format = Support.costtop(["report", "--cache", Self.cache, "--format", "pdf"])
        #expect(format.status == 64 && format.err.contains("markdown") && format.err.contains("html"), "\(format.err)")
        let period = Support.costtop(["report", "--cache", Self.cache, "--period", "fortnight"])
        #expect(period.status == 64 && period.err.contains("--period"))
        let compare = Support.costtop(["report", "--cache", Self.cache, "--compare", "yesterday"])
        #expect(compare.status == 64 && compare.err.contains("last-month"))
        let missing = Support.costtop(["report", "--cache", "/nonexistent/none.ctc"])
        #expect(missing.status == 66, "\(missing.err)")
        let unwritable = Support.costtop(["report", "--cache", Self.cache, "--output", "/nonexistent/folder/report.md"])
        #expect(unwritable.status == 74 && unwritable.err.contains("/nonexistent/folder/report.md"), "\(unwritable.err)")
        let rules = Support.write("categories:\n  - name: team\n    colour: blue\n", to: Support.temporaryFolder(), "rules.yaml")
        let broken = Support.costtop(["report", "--cache", Self.cache, "--rules", rules])
        #expect(broken.status == 64 && broken.err.contains("rules.yaml:3"), "\(broken.err)")
    }

    @Test("strings from the bill (service names, tag keys and values) reach no format as markup or terminal control")
    func hostile() throws {
        let folder = Support.temporaryFolder()
        let service = "<script>alert(1)</script>[x](https://example.com)|\u{1B}]0;pwned\u{07}"
        let tags = #"{""t<b>"":""\u001b[2J<img src=x>""}"#
        var csv = "SubAccountId,ServiceName,ChargePeriodStart,BilledCost,Tags\n"
        for day in 1...14 {
            let date = String(format: "2024-09-%02d", day)
            csv += "acct,\"\(service)\",\(date)T00:00:00Z,\(day <= 7 ? "1.00" : "25.00"),\"\(tags)\"\n"
            csv += "acct,plain,\(date)T00:00:00Z,2.00,\n"
        }
        let cache = folder + "/h.ctc"
        _ = try Support.ingest([Support.write(csv, to: folder, "hostile.csv")], cache: cache)
        for format in ["text", "markdown", "html"] {
            let result = Support.costtop(["report", "--cache", cache, "--period", "last-7d", "--format", format])
            #expect(result.status == 0, "\(result.err)")
            #expect(!result.out.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(format)")
            #expect(result.out.contains("alert(1)"), "\(format) shows the name, as text")
            switch format {
            case "markdown":
                // Every `<` is backslash-escaped (no tag can open), and the link's brackets too.
                #expect(!result.out.replacingOccurrences(of: "\\<", with: "").contains("<"))
                #expect(result.out.contains("\\<script\\>") && !result.out.contains("[x](https"))
            case "html":
                #expect(!result.out.contains("<script") && !result.out.contains("<img") && result.out.contains("&lt;script&gt;"))
            default:
                for line in result.out.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
            }
        }
    }

    // MARK: - Headless Chromium

    /// Debian's chromium, when installed (scripts/setup.sh installs it; CI runs setup.sh).
    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    static func chrome(_ arguments: [String]) -> (status: Int32, out: String, err: String) {
        // A profile of its own, so the test never touches (or waits on) anyone's browser profile.
        let profile = Support.temporaryFolder()
        return Support.run("/usr/bin/timeout", ["60", chromium!, "--headless", "--no-sandbox", "--disable-gpu",
                                                "--user-data-dir=\(profile)"] + arguments)
    }

    static func screenshot(_ html: String, size: String, to png: String) -> (status: Int32, out: String, err: String) {
        chrome(["--screenshot=\(png)", "--window-size=\(size)", "--hide-scrollbars", URL(fileURLWithPath: html).absoluteString])
    }

    @Test("headless Chromium renders the HTML report: every heading in the DOM, no console errors, a non-blank page, a few printed pages")
    func chromiumRenders() throws {
        guard Self.chromium != nil else {
            print("skipped: chromium is not installed (apt-get install -y chromium; scripts/setup.sh installs it)")
            return
        }
        let folder = Support.temporaryFolder()
        let html = Support.write(Self.report("html"), to: folder, "report.html")
        let dom = Self.chrome(["--enable-logging=stderr", "--v=0", "--dump-dom", URL(fileURLWithPath: html).absoluteString])
        #expect(dom.status == 0, "\(dom.err)")
        for heading in Self.headings { #expect(dom.out.contains("<h2>\(heading)</h2>"), "\(heading)") }
        #expect(dom.out.components(separatedBy: "<svg ").count == 3, "the daily series and the waterfall")
        let console = dom.err.split(separator: "\n").filter { $0.contains(":CONSOLE") || $0.contains("Uncaught") }
        #expect(console.isEmpty, "\(console)")

        let png = folder + "/report.png"
        let shot = Self.screenshot(html, size: "1000,1400", to: png)
        #expect(shot.status == 0, "\(shot.err)")
        let ink = Support.run("/usr/bin/env", ["python3", Support.repository + "/scripts/png-ink.py", png])
        #expect(ink.status == 0, "\(ink.err)")
        let fields = ink.out.split(separator: " ").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(fields.count == 3 && fields[0] == "1000" && fields[1] == "1400")
        // Text, tables and a chart cover several percent of the page; a blank page is 0.
        #expect((Double(fields.last ?? "") ?? 0) > 0.02, "\(ink.out)")

        // Printed (A4, the print stylesheet): a few pages, not one squeezed page or dozens of broken ones.
        let pdf = folder + "/report.pdf"
        let printed = Self.chrome(["--no-pdf-header-footer", "--print-to-pdf=\(pdf)", URL(fileURLWithPath: html).absoluteString])
        #expect(printed.status == 0, "\(printed.err)")
        let bytes = String(decoding: FileManager.default.contents(atPath: pdf) ?? Data(), as: UTF8.self)
        let pages = bytes.components(separatedBy: "/Type /Page").count - 1 - (bytes.components(separatedBy: "/Type /Pages").count - 1)
        #expect((2...8).contains(pages), "\(pages) pages")
    }
}
