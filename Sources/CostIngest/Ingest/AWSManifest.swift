import Foundation

/// An AWS Cost and Usage Report manifest, and the data files it makes current.
///
/// A legacy CUR manifest (`<report>-Manifest.json`, with `assemblyId` and `reportKeys`) names the
/// current assembly of its billing period: data in sibling assembly folders is a superseded
/// restatement. AWS writes a copy of it inside the assembly folder too. A CUR 2.0 (Data Exports)
/// manifest under `metadata/BILLING_PERIOD=…` lists the `dataFiles` of that period; other files of
/// the period's data folder are superseded.
///
/// Keys are S3 keys or URLs (`s3://bucket/prefix/...`, `/prefix/...`, `prefix/...`), and the local
/// folder a user synced may be the bucket, the report prefix or anything in between, so a key is
/// resolved to the local file whose path ends with the longest run of the key's last components.
struct AWSManifest {
    /// What kind of manifest, and what it says is current.
    enum Kind {
        case legacy(assemblyId: String)
        case dataExport
    }

    let path: String
    let kind: Kind
    let keys: [String]

    /// Reads a manifest; nil for a JSON file that is neither kind.
    /// - Throws: `IngestError.input` when the file cannot be read or is not a JSON object.
    static func read(_ path: String) throws -> AWSManifest? {
        let object: [String: Any]
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard let parsed = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw IngestError.input(path: path, reason: "manifest is not a JSON object")
            }
            object = parsed
        } catch let error as IngestError {
            throw error
        } catch {
            throw IngestError.input(path: path, reason: "cannot read manifest: \(error.localizedDescription)")
        }
        if let assembly = object["assemblyId"] as? String, !assembly.isEmpty, let keys = object["reportKeys"] as? [String] {
            return AWSManifest(path: path, kind: .legacy(assemblyId: assembly), keys: keys)
        }
        if let keys = object["dataFiles"] as? [String] {
            return AWSManifest(path: path, kind: .dataExport, keys: keys)
        }
        return nil
    }

    /// The files among `files` this manifest makes superseded.
    /// - Throws: `IngestError.input` naming every listed file that is not there (an incomplete
    ///   download would otherwise give wrong totals without a word).
    func supersededFiles(among files: [String]) throws -> Set<String> {
        let resolver = ManifestKeyResolver(files: files)
        var current: [String] = []
        var missing: [String] = []
        for key in keys {
            if let file = resolver.resolve(key, near: path) { current.append(file) } else { missing.append(key) }
        }
        if !missing.isEmpty {
            let shown = missing.prefix(5).joined(separator: ", ") + (missing.count > 5 ? ", … (\(missing.count) in all)" : "")
            throw IngestError.input(path: path, reason: "lists \(missing.count == 1 ? "a file" : "\(missing.count) files") "
                                    + "not found under the paths given: \(shown) (incomplete download?)")
        }
        let currentSet = Set(current)
        var superseded = Set<String>()
        for file in current {
            guard let scope = supersededScope(of: file) else { continue }
            for other in files where other.hasPrefix(scope.folder) && !currentSet.contains(other) {
                if let kept = scope.keptFolder, other.hasPrefix(kept) { continue }
                // Only files in a subfolder of a legacy period are other assemblies.
                if scope.keptFolder != nil && !other.dropFirst(scope.folder.count).contains("/") { continue }
                superseded.insert(other)
            }
        }
        return superseded
    }

    /// The folder whose other files a current file supersedes, and (legacy) the current assembly's
    /// folder inside it, which is never superseded.
    private func supersededScope(of file: String) -> (folder: String, keptFolder: String?)? {
        let components = file.split(separator: "/", omittingEmptySubsequences: false)
        switch kind {
        case .legacy(let assembly):
            // <period>/<assemblyId>/<files>: without an assembly folder (an overwriting report)
            // there is nothing to supersede.
            guard let index = components.lastIndex(where: { $0 == assembly }), index > 0 else { return nil }
            let period = components[..<index].joined(separator: "/") + "/"
            return (period, period + assembly + "/")
        case .dataExport:
            if let index = components.lastIndex(where: { $0.hasPrefix("BILLING_PERIOD=") }) {
                return (components[...index].joined(separator: "/") + "/", nil)
            }
            return ((file as NSString).deletingLastPathComponent + "/", nil)
        }
    }
}

/// Finds the local file an S3 key names: the one whose path ends with the longest run of the
/// key's last components (the file name at least); among equals, the one sharing the longest
/// folder with the manifest.
struct ManifestKeyResolver {
    private var byName: [Substring: [[Substring]]] = [:]

    init(files: [String]) {
        for file in files {
            let components = file.split(separator: "/")
            if let name = components.last { byName[name, default: []].append(components) }
        }
    }

    func resolve(_ key: String, near manifest: String) -> String? {
        var keyPath = Substring(key)
        if let scheme = keyPath.range(of: "://") { keyPath = keyPath[scheme.upperBound...] }
        let keyComponents = keyPath.split(separator: "/")
        guard let name = keyComponents.last, let candidates = byName[name] else { return nil }
        let manifestComponents = manifest.split(separator: "/")
        var best: (suffix: Int, shared: Int, path: [Substring])?
        for candidate in candidates {
            let suffix = zip(candidate.reversed(), keyComponents.reversed()).prefix { $0 == $1 }.count
            let shared = zip(candidate, manifestComponents).prefix { $0 == $1 }.count
            if best == nil || (suffix, shared) > (best!.suffix, best!.shared) { best = (suffix, shared, candidate) }
        }
        return best.map { "/" + $0.path.joined(separator: "/") }
    }
}
