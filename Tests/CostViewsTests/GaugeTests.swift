import CostCache
@testable import CostEngine
import CostModel
import Foundation
import CosttopTestSupport
import Testing
@testable import CostViews

/// The commitment gauge strip: bars, figures, warning marks and theme roles at 80 and 200 columns,
/// with and without colour and Unicode, thresholds from the config file, and figures that follow the
/// drill context.
@Suite("Commitment gauges")
struct GaugeTests {
    /// A summary with the given coverage and utilization; $1,000 committed.
    func summary(coverage: Double?, utilization: Double?) -> CommitmentSummary {
        let total: Int128 = utilization == nil ? 0 : 1_000_000_000_000
        let used = Int128((utilization ?? 0) * 10_000_000_000)
        return CommitmentSummary(coverage: coverage, utilization: utilization, unused: total - used, totalCommitment: total,
                                 uncoveredOnDemand: 250_000_000_000, effectiveSavingsRate: 12.5,
                                 commitmentCount: utilization == nil ? 0 : 2)
    }

    func strip(_ summary: CommitmentSummary, width: Int, unicode: Bool = true,
               thresholds: GaugeThresholds = GaugeThresholds()) -> CellGrid {
        var grid = CellGrid(width: width, height: 1)
        GaugeStrip.render(summary, thresholds: thresholds, currency: "USD", y: 0, unicode: unicode, into: &grid)
        return grid
    }

    /// The role of the cell where `text` starts in the line (the strip has only one-column characters).
    func role(of text: String, in grid: CellGrid) -> StyleRole? {
        guard let range = grid.lines[0].range(of: text) else { return nil }
        return grid[grid.lines[0].distance(from: grid.lines[0].startIndex, to: range.lowerBound), 0].role
    }

    /// The role of the first bar cell after `label`.
    func barRole(after label: String, in grid: CellGrid) -> StyleRole? {
        guard let range = grid.lines[0].range(of: label + " ") else { return nil }
        return grid[grid.lines[0].distance(from: grid.lines[0].startIndex, to: range.upperBound), 0].role
    }

    @Test("each level has its role: healthy, warn and alarm on either side of the default thresholds", arguments: [80, 200])
    func rolesInColour(width: Int) throws {
        // Defaults: utilization warns below 90 and alarms below 70; coverage 60 and 40.
        let cases: [(coverage: Double, utilization: Double, coverageRole: StyleRole, utilizationRole: StyleRole)] = [
            (75, 95, .gaugeFill, .gaugeFill),
            (59.9, 89.9, .gaugeWarn, .gaugeWarn),
            (39.9, 69.9, .gaugeAlarm, .gaugeAlarm),
            (60, 70, .gaugeFill, .gaugeWarn),
            // Compared as shown: 89.96% reads 90.0% and does not warn; 39.96% reads 40.0%, a warning, not an alarm.
            (39.96, 89.96, .gaugeWarn, .gaugeFill),
        ]
        for item in cases {
            let grid = strip(summary(coverage: item.coverage, utilization: item.utilization), width: width)
            let line = grid.lines[0]
            #expect(DisplayWidth.of(line) == width)
            let coverageText = Gauge.percent(item.coverage)
            let utilizationText = Gauge.percent(item.utilization)
            #expect(role(of: coverageText, in: grid) == item.coverageRole, "\(line)")
            #expect(role(of: utilizationText, in: grid) == item.utilizationRole, "\(line)")
            #expect(barRole(after: "coverage", in: grid) == item.coverageRole, "\(line)")
            #expect(barRole(after: "utilization", in: grid) == item.utilizationRole, "\(line)")
            // Unused money takes utilization's colour; labels are muted.
            let unused = Formatting.money(summary(coverage: nil, utilization: item.utilization).unused, symbol: "$")
            #expect(role(of: unused, in: grid) == item.utilizationRole)
            #expect(role(of: "coverage", in: grid) == .muted)
        }
    }

    @Test("without colour the text alone tells the level: nothing, ! or !!", arguments: [80, 200])
    func readableWithoutColour(width: Int) {
        for unicode in [true, false] {
            let healthy = strip(summary(coverage: 75, utilization: 95), width: width, unicode: unicode).lines[0]
            #expect(healthy.contains("75.0%  ") && !healthy.contains("!"), "\(healthy)")
            let warn = strip(summary(coverage: 50, utilization: 80), width: width, unicode: unicode).lines[0]
            #expect(warn.contains("50.0% ! ") && warn.contains("80.0% ! ") && !warn.contains("!!"), "\(warn)")
            let alarm = strip(summary(coverage: 20, utilization: 65), width: width, unicode: unicode).lines[0]
            #expect(alarm.contains("20.0% !!") && alarm.contains("65.0% !!"), "\(alarm)")
            for line in [healthy, warn, alarm] {
                #expect(line.contains("coverage") && line.contains("utilization") && line.contains("unused $"))
                if unicode {
                    #expect(line.contains("█") && line.contains("░"), "block elements: \(line)")
                } else {
                    #expect(line.contains("#") && line.contains("-"))
                    #expect(!line.unicodeScalars.contains { $0.value > 127 }, "ASCII only: \(line)")
                }
            }
        }
        // The bar's length follows the value: 50% of a bar is half filled.
        let ascii = strip(summary(coverage: 50, utilization: 100), width: width, unicode: false).lines[0]
        let bar = ascii.drop { $0 != "#" }.prefix { $0 == "#" || $0 == "-" }
        #expect(bar.filter { $0 == "#" }.count * 2 == bar.count, "\(ascii)")
    }

    @Test("wide strips add uncovered spend, savings rate and the number of commitments; narrow ones keep the gauges")
    func widths() {
        let value = summary(coverage: 75, utilization: 95)
        let wide = strip(value, width: 200).lines[0]
        #expect(wide.contains("uncovered $250.00") && wide.contains("savings 12.5%") && wide.contains("2 commitments"))
        let narrow = strip(value, width: 80).lines[0]
        #expect(narrow.contains("75.0%") && narrow.contains("95.0%") && narrow.contains("unused $50.00"))
        let smallest = strip(value, width: ExplorerRenderer.minimumWidth).lines[0]
        #expect(smallest.contains("75.0%") && smallest.contains("95.0%") && smallest.contains("unused"), "\(smallest)")
    }

    @Test("nothing to measure shows —, muted, with an empty bar")
    func nothingToMeasure() {
        let grid = strip(summary(coverage: nil, utilization: nil), width: 80)
        let line = grid.lines[0]
        #expect(line.contains("coverage ░░░░") && line.contains(" —     utilization ░░░░") && line.contains("unused —"), "\(line)")
        #expect(!line.contains("█") && !line.contains("!"))
        #expect(role(of: "—", in: grid) == .muted)
        let ascii = strip(summary(coverage: nil, utilization: nil), width: 80, unicode: false).lines[0]
        #expect(ascii.contains("coverage ----------") && ascii.contains("unused -"))
    }

    @Test("thresholds from the config file change the role")
    func thresholdsFromConfig() throws {
        let folder = Support.temporaryFolder()
        let path = Support.write("gauges:\n  utilization_warn: 80\n  utilization_alarm: 60\n  coverage_warn: 30\n  coverage_alarm: 20\n",
                                 to: folder, "config.yaml")
        let config = try ExplorerConfig.load(path: path)
        #expect(config.gauges.utilizationWarn == 80 && config.gauges.coverageAlarm == 20)
        let value = summary(coverage: 35, utilization: 75)
        let defaults = strip(value, width: 80)
        #expect(role(of: "35.0%", in: defaults) == .gaugeAlarm && role(of: "75.0%", in: defaults) == .gaugeWarn)
        let configured = strip(value, width: 80, thresholds: config.gauges)
        #expect(role(of: "35.0%", in: configured) == .gaugeFill && role(of: "75.0%", in: configured) == .gaugeWarn)
        #expect(role(of: "55.0%", in: strip(summary(coverage: 35, utilization: 55), width: 80, thresholds: config.gauges))
                == .gaugeAlarm)
        // Missing settings keep their defaults.
        let partial = try ExplorerConfig.load(path: Support.write("gauges:\n  coverage_warn: 50\n", to: folder, "partial.yaml"))
        #expect(partial.gauges.coverageWarn == 50 && partial.gauges.utilizationWarn == 90 && partial.gauges.coverageAlarm == 40)
    }

    @Test("the explorer draws its gauges with the configured thresholds on the sample data")
    func explorerThresholds() throws {
        let (_, cache) = try Support.ingest([Support.repository + "/sample-data/aws-cur"])
        let period = PeriodSpec.last30Days.resolve(in: cache.dayRange!)
        let expected = try CommitmentAnalysis(cache: cache).summary(filters: [], period: period, currency: "USD")
        let coverage = try #require(expected.coverage)
        var thresholds = GaugeThresholds()
        thresholds.coverageWarn = Int(coverage.rounded(.down))
        thresholds.coverageAlarm = Int(coverage.rounded(.down))
        let explorer = try Explorer(cache: cache, cacheName: "sample.ctc", gauges: thresholds)
        #expect(explorer.data.commitmentSummary == expected)
        let grid = ExplorerRenderer.render(explorer, width: 100, height: 30, unicode: true)
        let line = grid.lines[3]
        let column = line.distance(from: line.startIndex, to: try #require(line.range(of: Gauge.percent(coverage))).lowerBound)
        #expect(grid[column, 3].role == .gaugeFill)
        explorer.gaugeThresholds.coverageWarn = 100
        let warned = ExplorerRenderer.render(explorer, width: 100, height: 30, unicode: true)
        #expect(warned[column, 3].role == .gaugeWarn)
    }

    @Test("the gauges follow the drill context and are computed once per context")
    func followsDrillContext() throws {
        let (_, cache) = try Support.ingest([Support.repository + "/sample-data/aws-cur"])
        let period = PeriodSpec.last30Days.resolve(in: cache.dayRange!)
        let analysis = CommitmentAnalysis(cache: cache)
        let explorer = try Explorer(cache: cache, cacheName: "sample.ctc")
        let session = ScriptedSession(explorer)
        #expect(explorer.data.commitmentSummary == (try analysis.summary(filters: [], period: period, currency: "USD")))
        let owner = "901234567890"
        let index = try #require(explorer.data.rows.firstIndex { $0.key == owner })
        for _ in 0..<index { session.run(.moveDown) }
        session.run(.drillDown)
        let atOwner = try analysis.summary(filters: [Filter("account=\(owner)")!], period: period, currency: "USD")
        #expect(explorer.data.commitmentSummary == atOwner)
        #expect(atOwner.commitmentCount == 1)
        let lines = ExplorerRenderer.render(explorer, width: 100, height: 30, unicode: true).lines
        #expect(lines[3].contains(Gauge.percent(try #require(atOwner.utilization))))
        session.run(.goUp)
        #expect(explorer.data.commitmentSummary == (try analysis.summary(filters: [], period: period, currency: "USD")))

        // Two contexts, two engine calls: keys that keep the context (sort, metric, moving, `/`,
        // going back up to a context seen before) ask the engine nothing.
        #expect(explorer.commitmentFigures.engineCalls == 2)
        for command in [ExplorerCommand.cycleSort, .cycleMetric, .moveDown, .moveUp, .toggleDetail] { session.run(command) }
        session.run(.filterRows, "9")
        session.run(.filterClear)
        session.run(.moveTop)
        #expect(explorer.commitmentFigures.engineCalls == 2)
        #expect(explorer.data.rows[0].key != owner)
        session.run(.drillDown)
        session.run(.goUp)
        #expect(explorer.commitmentFigures.engineCalls == 3, "only the newly drilled account")
        session.run(.periodLast7Days)
        #expect(explorer.commitmentFigures.engineCalls == 4, "a new period asks again")
    }

    @Test("config errors name the file and the setting")
    func configErrors() {
        let folder = Support.temporaryFolder()
        let cases = [
            ("gauges:\n  utilization_warn: 120\n", "utilization_warn: expected a whole percentage from 0 to 100"),
            ("gauges:\n  coverage_alarm: low\n", "coverage_alarm: expected a whole percentage from 0 to 100"),
            ("gauges:\n  utilisation_warn: 80\n", "unknown setting \"utilisation_warn\""),
            ("gauges:\n  coverage_warn: 30\n  coverage_alarm: 50\n", "coverage_alarm (50) is above coverage_warn (30)"),
            ("gauge:\n  coverage_warn: 30\n", "unknown setting \"gauge\" (settings: theme, keys, gauges, anomaly_marks, drill_path)"),
        ]
        for (index, (text, message)) in cases.enumerated() {
            let path = Support.write(text, to: folder, "config-\(index).yaml")
            do {
                _ = try ExplorerConfig.load(path: path)
                Issue.record("no error for \(text)")
            } catch {
                #expect("\(error)".hasPrefix(path) && "\(error)".contains(message), "\(error)")
            }
        }
    }
}
