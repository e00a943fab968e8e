import CostConfig
import Testing
@testable import CostViews

/// The one XDG helper behind the cache's, the config file's and the rules file's default paths.
@Suite("XDG default paths")
struct XDGPathTests {
    @Test("XDG variables win when absolute; relative ones are ignored; HOME is the fallback")
    func paths() {
        let home = ["HOME": "/home/u"]
        #expect(XDGPath.file("rules.yaml", in: .config, environment: home) == "/home/u/.config/costtop/rules.yaml")
        #expect(XDGPath.file("default.ctc", in: .cache, environment: home) == "/home/u/.cache/costtop/default.ctc")
        let xdg = home.merging(["XDG_CONFIG_HOME": "/etc/x", "XDG_CACHE_HOME": "/var/c"]) { $1 }
        #expect(XDGPath.file("rules.yaml", in: .config, environment: xdg) == "/etc/x/costtop/rules.yaml")
        #expect(XDGPath.file("default.ctc", in: .cache, environment: xdg) == "/var/c/costtop/default.ctc")
        let relative = home.merging(["XDG_CONFIG_HOME": "conf"]) { $1 }
        #expect(XDGPath.file("rules.yaml", in: .config, environment: relative) == "/home/u/.config/costtop/rules.yaml")
        // The rules file and the config file agree on the folder.
        #expect(RulesFile.defaultPath(environment: xdg) == "/etc/x/costtop/rules.yaml")
        #expect(ExplorerConfig.path(environment: xdg) == "/etc/x/costtop/config.yaml")
    }
}
