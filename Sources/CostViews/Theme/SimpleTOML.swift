/// Reads the small part of TOML that costtop's themes and config file use: `# comments`,
/// `[table]` headers, and `key = value` with a string, an integer, a boolean or an array of strings.
///
/// Why not a TOML library: the one available here (TOMLKit) wraps the C++ toml++ library, which
/// would add a C++ build to every CI run for two small files whose format we control. Anything
/// outside this subset is an error naming the file and line, never silently ignored.
public enum SimpleTOML {
    /// A value of the subset.
    public enum Value: Equatable, Sendable {
        case string(String)
        case integer(Int)
        case boolean(Bool)
        case strings([String])
    }

    /// Parses `text`: table name ("" for the top) → key → value.
    /// - Throws: `ConfigError` naming `file` and the line.
    public static func parse(_ text: String, file: String) throws -> [String: [String: Value]] {
        var tables: [String: [String: Value]] = ["": [:]]
        var current = ""
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = stripComment(String(rawLine)).trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            func failure(_ reason: String) -> ConfigError { ConfigError("\(file):\(index + 1): \(reason)") }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), !line.hasPrefix("[[") else { throw failure("expected [table]") }
                current = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                guard !current.isEmpty else { throw failure("empty table name") }
                tables[current, default: [:]] = tables[current] ?? [:]
                continue
            }
            guard let equals = line.firstIndex(of: "=") else { throw failure("expected key = value") }
            var key = line[..<equals].trimmingCharacters(in: .whitespaces)
            if key.hasPrefix("\""), key.hasSuffix("\""), key.count >= 2 { key = String(key.dropFirst().dropLast()) }
            guard !key.isEmpty else { throw failure("missing key") }
            let valueText = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard let value = parseValue(valueText) else { throw failure("unsupported value: \(valueText)") }
            tables[current, default: [:]][key] = value
        }
        return tables
    }

    private static func parseValue(_ text: String) -> Value? {
        if text == "true" { return .boolean(true) }
        if text == "false" { return .boolean(false) }
        if let number = Int(text) { return .integer(number) }
        if let string = parseString(text) { return .string(string) }
        if text.hasPrefix("["), text.hasSuffix("]") {
            let inner = text.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
            if inner.isEmpty { return .strings([]) }
            var items: [String] = []
            for part in splitArray(inner) {
                guard let item = parseString(part.trimmingCharacters(in: .whitespaces)) else { return nil }
                items.append(item)
            }
            return .strings(items)
        }
        return nil
    }

    private static func parseString(_ text: String) -> String? {
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else { return nil }
        var result = ""
        var escaping = false
        for character in text.dropFirst().dropLast() {
            if escaping {
                switch character {
                case "n": result.append("\n")
                case "t": result.append("\t")
                default: result.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else if character == "\"" {
                return nil
            } else {
                result.append(character)
            }
        }
        return escaping ? nil : result
    }

    /// Splits an array body at commas outside quotes.
    private static func splitArray(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var quoted = false
        var previous: Character = " "
        for character in text {
            if character == "\"" && previous != "\\" { quoted.toggle() }
            if character == "," && !quoted {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
            previous = character
        }
        if !current.trimmingCharacters(in: .whitespaces).isEmpty { parts.append(current) }
        return parts
    }

    private static func stripComment(_ line: String) -> String {
        var quoted = false
        var result = ""
        for character in line {
            if character == "\"" { quoted.toggle() }
            if character == "#" && !quoted { break }
            result.append(character)
        }
        return result
    }
}

import Foundation
