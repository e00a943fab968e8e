import CostConfig
import CostModel
@testable import CostViews
import Foundation
import CosttopTestSupport
import Testing

/// The config file's `drill_path:`: the front of the explorer's drill path, checked strictly.
@Suite("Config file: drill_path")
struct DrillPathConfigTests {
    @Test("drill_path lists dimensions by their query --by names")
    func reads() throws {
        let config = try YAMLFile.decode(ExplorerConfig.self, from: "drill_path: [provider, account, tag:team]\n", file: "c.yaml")
        #expect(config.drillPath == [.fixed(.provider), .fixed(.account), .tag("team")])
        #expect(try YAMLFile.decode(ExplorerConfig.self, from: "theme: light\n", file: "c.yaml").drillPath == nil)
    }

    @Test("an unknown or repeated dimension is an error at its line and column")
    func errors() throws {
        for (text, column, reason) in [("drill_path: [provider, acount]\n", 24, "unknown dimension 'acount'"),
                                       ("drill_path:\n  - region\n  - region\n", 5, "region is named twice")] {
            do {
                _ = try YAMLFile.decode(ExplorerConfig.self, from: text, file: "c.yaml")
                Issue.record("no error for \(text)")
            } catch let error as CostConfig.ConfigError {
                #expect(error.description.contains(reason), "\(error)")
                #expect(error.column == column, "\(error)")
                #expect(error.line == (text.hasPrefix("drill_path: [") ? 1 : 3), "\(error)")
            }
        }
    }
}
