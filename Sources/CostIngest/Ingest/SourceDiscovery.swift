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
/// (recursively), and applies AWS CUR manifests (`AWSManifest`): a restated billing period
/// replaces the older files of the same period.
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
            if let manifest = try AWSManifest.read(manifest) {
                superseded.formUnion(try manifest.supersededFiles(among: dataFiles))
            }
        }
        result.files = Array(Set(dataFiles).subtracting(superseded)).sorted()
        result.superseded = superseded.sorted()
        return result
    }
}
