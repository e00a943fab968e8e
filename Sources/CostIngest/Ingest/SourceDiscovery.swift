import Foundation

/// The export files to read under the paths a user gave, after AWS manifests have had their say.
public struct DiscoveredSources: Sendable {
    /// Data files to read, absolute paths, sorted.
    public var files: [String] = []
    /// Data files left out because a manifest names a later assembly of the same billing period.
    public var superseded: [String] = []
    /// Paths that hold no export file at all (reported, not an error).
    public var emptyPaths: [String] = []
}

/// Finds the files some container reads (`.csv`, `.csv.gz`, ...) under files and folders
/// (recursively), and applies AWS CUR
/// manifests: a legacy `*-Manifest.json` names the current assembly of its billing period, so data
/// in sibling assembly folders is a superseded restatement; a CUR 2.0 manifest under
/// `metadata/BILLING_PERIOD=…` lists the data files of that period, and unlisted ones are superseded.
public enum SourceDiscovery {
    /// - Throws: `IngestError.input` for a path that does not exist or a manifest that cannot be read.
    public static func discover(_ paths: [String],
                                containers: [any InputContainer] = InputContainers.standard) throws -> DiscoveredSources {
        func isDataFile(_ path: String) -> Bool { InputContainers.container(for: path, among: containers) != nil }
        var dataFiles: [String] = []
        var manifests: [String] = []
        var result = DiscoveredSources()
        let manager = FileManager.default
        for path in paths {
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
                throw IngestError.missing(path: path)
            }
            let before = dataFiles.count
            if isDirectory.boolValue {
                guard let walker = manager.enumerator(atPath: absolute) else {
                    throw IngestError.input(path: path, reason: "cannot list folder")
                }
                while let relative = walker.nextObject() as? String {
                    let full = absolute + "/" + relative
                    if isDataFile(relative) { dataFiles.append(full) }
                    else if relative.hasSuffix("-Manifest.json") { manifests.append(full) }
                }
            } else if isDataFile(absolute) {
                dataFiles.append(absolute)
            } else {
                let kinds = containers.map(\.fileNames).joined(separator: ", ")
                throw IngestError.input(path: path, reason: "not a file costtop reads (\(kinds))")
            }
            if dataFiles.count == before { result.emptyPaths.append(path) }
        }
        var superseded = Set<String>()
        for manifest in manifests {
            superseded.formUnion(try supersededFiles(manifest: manifest, among: dataFiles))
        }
        result.files = Array(Set(dataFiles).subtracting(superseded)).sorted()
        result.superseded = superseded.sorted()
        return result
    }

    private static func supersededFiles(manifest: String, among files: [String]) throws -> Set<String> {
        let object: [String: Any]
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: manifest))
            guard let parsed = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw IngestError.input(path: manifest, reason: "manifest is not a JSON object")
            }
            object = parsed
        } catch let error as IngestError {
            throw error
        } catch {
            throw IngestError.input(path: manifest, reason: "cannot read manifest: \(error.localizedDescription)")
        }
        let folder = (manifest as NSString).deletingLastPathComponent
        if let assembly = object["assemblyId"] as? String, !assembly.isEmpty, let keys = object["reportKeys"] as? [String] {
            // Legacy CUR: <period>/<manifest> beside <period>/<assemblyId>/<files>.
            let prefix = folder + "/"
            let current = prefix + assembly + "/"
            for key in keys {
                let name = (key as NSString).lastPathComponent
                if !files.contains(where: { $0.hasPrefix(current) && $0.hasSuffix("/" + name) }) {
                    throw IngestError.input(path: manifest, reason: "lists \(key), which is not under \(current) (incomplete download?)")
                }
            }
            return Set(files.filter { file in
                guard file.hasPrefix(prefix) else { return false }
                let rest = file.dropFirst(prefix.count)
                return rest.contains("/") && !file.hasPrefix(current)
            })
        }
        if let dataFiles = object["dataFiles"] as? [String] {
            // CUR 2.0: <export>/metadata/BILLING_PERIOD=X/<manifest> describes <export>/data/BILLING_PERIOD=X/.
            let period = (folder as NSString).lastPathComponent
            let exportFolder = ((folder as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
            let dataFolder = exportFolder + "/data/" + period + "/"
            let listed = Set(dataFiles.compactMap { key -> String? in
                guard let range = key.range(of: "/data/" + period + "/") else { return nil }
                return dataFolder + key[range.upperBound...]
            })
            return Set(files.filter { $0.hasPrefix(dataFolder) && !listed.contains($0) })
        }
        return []
    }
}
