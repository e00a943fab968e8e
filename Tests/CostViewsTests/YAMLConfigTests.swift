import CostConfig
@testable import CostViews
import Foundation
import CosttopTestSupport
import Testing

/// The explorer's config file in YAML: what each setting does, the defaults when there is no file,
/// and the message for a `config.toml` left from before.
@Suite("Config file in YAML")
struct YAMLConfigTests {
    @Test("theme, keys (one key, a list, quoted punctuation) and gauges")
    func settings() throws {
        let text = """
            # my costtop settings
            theme: colorblind   # a comment after a value
            keys:
              move-down: [n, Down]
              quit: Q
              help: "?"
              filter-rows: F1
            gauges:
              utilization_warn: 95
              coverage_alarm: 10
            """
        let config = try ExplorerConfig.load(path: Support.write(text, to: Support.temporaryFolder(), "config.yaml"))
        #expect(config.theme == "colorblind")
        #expect(Set(config.keyMap.keys(for: .moveDown)) == [.character("n"), .down])
        #expect(config.keyMap.command(for: .character("j")) == nil, "a rebound command loses its default keys")
        #expect(config.keyMap.command(for: .character("Q")) == .quit && config.keyMap.command(for: .character("q")) == nil)
        #expect(config.keyMap.command(for: .character("?")) == .help)
        #expect(config.keyMap.command(for: .function(1)) == .filterRows)
        #expect(config.keyMap.command(for: .up) == .moveUp, "commands left out keep their keys")
        var gauges = GaugeThresholds()
        gauges.utilizationWarn = 95
        gauges.coverageAlarm = 10
        #expect(config.gauges == gauges)
    }

    @Test("keys are bound in file order: a key named twice goes to the later command")
    func laterBindingWins() throws {
        let config = try YAMLFile.decode(ExplorerConfig.self, from: "keys:\n  quit: x\n  help: x\n", file: "c.yaml")
        #expect(config.keyMap.command(for: .character("x")) == .help)
        #expect(config.keyMap.keys(for: .quit).isEmpty)
        let reversed = try YAMLFile.decode(ExplorerConfig.self, from: "keys:\n  help: x\n  quit: x\n", file: "c.yaml")
        #expect(reversed.keyMap.command(for: .character("x")) == .quit)
    }

    @Test("no file, an empty file or only comments: the defaults")
    func defaults() throws {
        let folder = Support.temporaryFolder()
        let defaults = KeyMap()
        for config in [try ExplorerConfig.load(path: folder + "/config.yaml"),
                       try ExplorerConfig.load(path: Support.write("", to: folder, "empty.yaml")),
                       try ExplorerConfig.load(path: Support.write("# nothing yet\n", to: folder, "comments.yaml"))] {
            #expect(config.theme == nil && config.gauges == GaugeThresholds())
            for command in ExplorerCommand.allCases {
                #expect(config.keyMap.keys(for: command) == defaults.keys(for: command))
            }
        }
    }

    @Test("the file is config.yaml in the XDG config folder, else in ~/.config")
    func path() {
        #expect(ExplorerConfig.path(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == "/x/costtop/config.yaml")
        #expect(ExplorerConfig.path(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/h"]) == "/h/.config/costtop/config.yaml")
        #expect(ExplorerConfig.path(environment: ["HOME": "/h"]) == "/h/.config/costtop/config.yaml")
    }

    @Test("an old config.toml without config.yaml is an error saying which file is read now")
    func oldTOML() throws {
        let folder = Support.temporaryFolder()
        let old = Support.write("theme = \"light\"\n", to: folder, "config.toml")
        do {
            _ = try ExplorerConfig.load(path: folder + "/config.yaml")
            Issue.record("config.toml passed silently")
        } catch let error as CostConfig.ConfigError {
            #expect(error.description == "\(old): config.toml is no longer read; costtop reads \(folder)/config.yaml "
                        + "(YAML, see docs/explorer.md): convert the file, or remove it to use the defaults")
        }
        // Once config.yaml exists, it is read and the old file is left alone.
        _ = Support.write("theme: light\n", to: folder, "config.yaml")
        #expect(try ExplorerConfig.load(path: folder + "/config.yaml").theme == "light")
    }
}
