import Foundation

/// Where costtop keeps its files by default, after the XDG Base Directory rules: the one place
/// that reads `XDG_CONFIG_HOME`, `XDG_CACHE_HOME` and `HOME`, so the cache, the config file and the
/// rules file cannot drift apart in how they fall back.
public enum XDGPath {
    /// A base directory of the XDG specification.
    public enum Base: Sendable {
        /// `$XDG_CONFIG_HOME`, else `~/.config`: config, themes, rules.
        case config
        /// `$XDG_CACHE_HOME`, else `~/.cache`: the cache file.
        case cache

        var variable: String { self == .config ? "XDG_CONFIG_HOME" : "XDG_CACHE_HOME" }
        var fallback: String { self == .config ? "/.config" : "/.cache" }
    }

    /// `BASE/costtop/NAME`. A relative `XDG_*` value is ignored, as the specification asks.
    /// - Parameters:
    ///   - name: the file's name inside costtop's folder (`rules.yaml`, `default.ctc`).
    ///   - base: which base directory.
    ///   - environment: the process environment (tests pass their own).
    /// - Returns: an absolute path; the file may not exist.
    public static func file(_ name: String, in base: Base,
                            environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let root = environment[base.variable], root.hasPrefix("/") { return root + "/costtop/" + name }
        return (environment["HOME"] ?? NSHomeDirectory()) + base.fallback + "/costtop/" + name
    }
}
