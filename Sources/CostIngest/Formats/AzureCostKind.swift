import Foundation

/// Whether an Azure Cost Management export (EA or MCA columns) holds actual or amortized cost, and
/// what told it (docs/formats/azure.md, *Actual or amortized*).
///
/// Cost Management writes both kinds with exactly the same columns, so the header decides only when
/// it names a kind (a column such as `AmortizedCost`); otherwise the export's own `manifest.json`
/// (exports v2 write one beside the parts, its `exportConfig.type` is `ActualCost` or
/// `AmortizedCost`), then the file's path as Cost Management builds it from the export's name and
/// type (`…/amortizedcost/…`, `AmortizedCost_…`, `EA_ActualCost_…`): the component nearest the
/// file that names exactly one kind wins. Nothing saying either is actual, the default export type.
struct AzureCostKind: Sendable, Equatable {
    /// What told the kind, for the ingest summary.
    enum Evidence: Sendable, Equatable {
        /// A header column named after the kind.
        case header(column: String)
        /// The export's manifest.json beside the file.
        case manifest(path: String)
        /// A component of the file's path (the file name or a folder).
        case path(component: String)
        /// Nothing said; actual is Cost Management's default export type.
        case none

        /// The summary's grouping of files told the same way (the path's component left out).
        var group: String {
            if case .path = self { return "from the path" }
            return description
        }

        /// How the summary says it.
        var description: String {
            switch self {
            case .header(let column): return "from the header (column \(column))"
            case .manifest: return "from the export's manifest.json"
            case .path(let component): return "from the path (\(component))"
            case .none: return "by default (neither the header, a manifest nor the path names a kind)"
            }
        }
    }

    let amortized: Bool
    let evidence: Evidence

    /// Header columns that name one kind (matched ignoring case).
    static let amortizedColumns = ["AmortizedCost", "AmortizedCostInBillingCurrency", "AmortizedCostUSD"]
    static let actualColumns = ["ActualCost", "ActualCostInBillingCurrency", "ActualCostUSD"]

    /// Tells the kind of the file at `path` with these columns.
    static func decide(header: HeaderIndex, path: String) -> AzureCostKind {
        let amortizedColumn = amortizedColumns.first { header.contains($0) }
        let actualColumn = actualColumns.first { header.contains($0) }
        if let amortizedColumn, actualColumn == nil { return AzureCostKind(amortized: true, evidence: .header(column: amortizedColumn)) }
        if let actualColumn, amortizedColumn == nil { return AzureCostKind(amortized: false, evidence: .header(column: actualColumn)) }
        if let (amortized, manifest) = manifestKind(besides: path) {
            return AzureCostKind(amortized: amortized, evidence: .manifest(path: manifest))
        }
        if let (amortized, component) = pathKind(path) {
            return AzureCostKind(amortized: amortized, evidence: .path(component: component))
        }
        return AzureCostKind(amortized: false, evidence: .none)
    }

    /// The kind the nearest path component names: the file name first, then each folder up. A
    /// component naming both kinds (`actual-vs-amortized`) or neither says nothing.
    static func pathKind(_ path: String) -> (amortized: Bool, component: String)? {
        for component in path.split(separator: "/").reversed() {
            let amortized = names("amortized", in: component) || names("amortised", in: component)
            let actual = names("actual", in: component)
            if amortized != actual { return (amortized, String(component)) }
        }
        return nil
    }

    /// Whether `component` names `word` (lowercase ASCII) as a word of its own: at the start, after
    /// a character that is not a letter (`EA_ActualCost`, `part-amortized`), or capitalized inside
    /// a camel-case name (`DailyActualCost`); so `contractual` and `unamortized` say nothing.
    static func names(_ word: String, in component: Substring) -> Bool {
        let text = Array(component.utf8)
        let target = Array(word.utf8)
        guard text.count >= target.count else { return false }
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
        for start in 0...(text.count - target.count) {
            guard (0..<target.count).allSatisfy({ text[start + $0] | 0x20 == target[$0] }) else { continue }
            if start == 0 || !isLetter(text[start - 1]) || (text[start] >= 0x41 && text[start] <= 0x5A) { return true }
        }
        return false
    }

    /// The kind a Cost Management manifest.json in the file's folder names (`exportConfig.type`),
    /// when there is one that parses and names ActualCost or AmortizedCost.
    static func manifestKind(besides path: String) -> (amortized: Bool, manifest: String)? {
        let manifest = (path as NSString).deletingLastPathComponent + "/manifest.json"
        guard let data = FileManager.default.contents(atPath: manifest), data.count < 1 << 20,
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let config = object["exportConfig"] as? [String: Any],
              let type = (config["type"] as? String)?.lowercased() else { return nil }
        switch type {
        case "amortizedcost": return (true, manifest)
        case "actualcost", "usage": return (false, manifest)
        default: return nil
        }
    }
}
