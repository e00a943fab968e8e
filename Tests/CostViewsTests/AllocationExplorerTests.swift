import CostCache
import CostConfig
import CostEngine
import CostModel
import Foundation
import CosttopTestSupport
import Testing
@testable import CostViews

/// Categories in the explorer: offered by the regroup chooser, drilled into, and the detail pane's
/// direct cost and "from each split" lines.
@Suite("Explorer: cost categories", .serialized)
struct AllocationExplorerTests {
    static let rules = """
        categories:
          - name: team
            rules:
              - value: shared-platform
                match: { account: "123456789012" }
              - inherit: tag:team
            default: unallocated
        splits:
          - { category: team, source: shared-platform, targets: [data, mobile], method: proportional }

        """

    @Test("regroup by category:team; the detail pane shows direct cost and what came from each split")
    func categoryLevel() throws {
        let rules = try RulesFile.decode(Self.rules, file: "rules.yaml")
        let explorer = try Explorer(cache: ExplorerTests.cache, cacheName: "sample.ctc", rules: rules)
        let session = ScriptedSession(explorer)
        #expect(explorer.groupChoices.contains(.category("team")))
        session.run(.regroup, "category:team")
        #expect(explorer.state.level.groupBy == .category("team"))
        let plain = try QueryEngine(cache: ExplorerTests.cache).run(QuerySpec(
            groupBy: .fixed(.account), period: explorer.data.period, comparison: nil))
        #expect(explorer.data.total == plain.total)
        let index = try #require(explorer.data.rows.firstIndex { $0.key == "data" })
        for _ in 0..<index { session.run(.moveDown) }
        let text = session.lines(160, 40).joined(separator: "\n")
        #expect(text.contains("from shared-platform, proportional"), "\(text)")
        #expect(text.contains("direct"))
        // Drilling into a value keeps the category as a filter.
        session.run(.drillDown)
        #expect(explorer.state.activeFilters.contains(Filter("category:team=data")!))
        #expect(!explorer.data.rows.isEmpty)
    }
}
