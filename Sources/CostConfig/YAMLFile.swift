import CostModel
import Foundation
import Yams

/// The one way costtop reads a YAML file (config, themes, rules) into a `Decodable` type.
///
/// Every failure is a `ConfigError` naming the file, line and column: YAML syntax (from the
/// scanner's or parser's mark), a key written twice in one mapping, a value of the wrong type, a
/// missing value, an unknown key (types reject them with `Decoder.rejectUnknownKeys`), an
/// out-of-range value.
public enum YAMLFile {
    /// Reads and decodes the file at `path`.
    /// - Throws: `ConfigError`, also when the file cannot be read.
    public static func decode<T: Decodable>(_ type: T.Type, path: String) throws -> T {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigError(file: path, line: nil, column: nil,
                              reason: "cannot read the file (\((error as NSError).localizedDescription))")
        }
        return try decode(type, from: text, file: path)
    }

    /// Decodes `text`, naming `file` in errors. An empty document decodes as an empty mapping, so an
    /// empty config file means every default.
    /// - Throws: `ConfigError` naming `file`, the line and the column.
    public static func decode<T: Decodable>(_ type: T.Type, from text: String, file: String) throws -> T {
        let root: Node
        do {
            root = try Yams.compose(yaml: text) ?? Node.mapping(Node.Mapping([]))
        } catch let error as YamlError {
            throw syntaxError(error, text: text, file: file)
        }
        let locator = NodeLocator(root: root)
        do {
            return try YAMLDecoder().decode(type, from: root)
        } catch let problem as ConfigProblem {
            var reason = problem.reason
            // A key's problem is told from its mapping's point of view ("gauges: unknown setting
            // \"x\""); a value's from its own ("gauges.coverage_warn: expected ...").
            let shown = problem.target == .key ? Array(problem.codingPath.dropLast()) : problem.codingPath
            if !shown.isEmpty { reason = pathText(shown) + ": " + reason }
            throw positioned(locator.mark(at: problem.codingPath, target: problem.target), file: file, reason: reason)
        } catch let error as DecodingError {
            throw decodingError(error, locator: locator, file: file)
        }
    }

    // MARK: - Errors

    /// A scanner, parser or composer error at its problem mark, in libyaml's words.
    private static func syntaxError(_ error: YamlError, text: String, file: String) -> ConfigError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let reason = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            return positioned(mark, file: file, reason: "invalid YAML: " + reason)
        case .reader(let problem, let offset, _, _):
            // The reader reports a byte offset (invalid UTF-8, a control character): count lines to it.
            let prefix = text.utf8.prefix(offset ?? 0)
            let line = prefix.filter { $0 == UInt8(ascii: "\n") }.count + 1
            let column = (String(decoding: prefix.reversed().prefix { $0 != UInt8(ascii: "\n") }.reversed(), as: UTF8.self)
                .unicodeScalars.count) + 1
            return failure(file: file, line: line, column: column, reason: "invalid YAML: " + problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            // YAML forbids a key twice in one mapping; Yams reports the first place of the first one.
            let names = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            return positioned(context.mark, file: file, reason: "\(names) written more than once in the same mapping; keep one")
        default:
            return failure(file: file, line: nil, column: nil, reason: "invalid YAML: \(error)")
        }
    }

    /// The decoder's error at the node its coding path leads to, with what was expected and found.
    private static func decodingError(_ error: DecodingError, locator: NodeLocator, file: String) -> ConfigError {
        let path: [AnyCodingKey]
        var reason: String
        switch error {
        case .typeMismatch(let type, let context):
            path = context.codingPath.map(AnyCodingKey.init)
            reason = "expected \(expectation(type)), found \(locator.found(at: path))"
        case .valueNotFound(let type, let context):
            path = context.codingPath.map(AnyCodingKey.init)
            reason = "expected \(expectation(type)), found nothing"
        case .keyNotFound(let key, let context):
            path = context.codingPath.map(AnyCodingKey.init)
            reason = "missing \"\(key.stringValue)\""
        case .dataCorrupted(let context):
            path = context.codingPath.map(AnyCodingKey.init)
            reason = context.debugDescription
        @unknown default:
            path = []
            reason = "\(error)"
        }
        if !path.isEmpty { reason = pathText(path) + ": " + reason }
        return positioned(locator.mark(at: path), file: file, reason: reason)
    }

    private static func positioned(_ mark: Mark?, file: String, reason: String) -> ConfigError {
        failure(file: file, line: mark?.line, column: mark?.column, reason: reason)
    }

    /// Every error from a file's contents is made here. Messages quote the file's text (keys,
    /// values), and they go to a terminal: anything that could control it is escaped.
    private static func failure(file: String, line: Int?, column: Int?, reason: String) -> ConfigError {
        ConfigError(file: file, line: line, column: column, reason: TerminalSanitizer.sanitize(reason))
    }

    /// What a decoder expected, in a user's words rather than a Swift type's name.
    private static func expectation(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "text"
        case is Bool.Type: return "true or false"
        case is any BinaryInteger.Type: return "a whole number"
        case is any BinaryFloatingPoint.Type: return "a number"
        case is Node.Mapping.Type: return "a mapping (key: value lines)"
        case is Node.Sequence.Type: return "a list"
        case is Node.Scalar.Type: return "a single value"
        default: return "\(type)"
        }
    }

    /// A coding path as a user would write it: `keys.move-down[1]`.
    private static func pathText(_ path: [AnyCodingKey]) -> String {
        var text = ""
        for element in path {
            if let index = element.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + element.stringValue
            }
        }
        return text
    }
}
