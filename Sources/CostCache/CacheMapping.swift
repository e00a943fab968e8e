/// A mapped cache file, unmapped when the last table reading it (the raw rows or an aggregate)
/// is gone.
final class CacheMapping: @unchecked Sendable {
    let base: UnsafeRawPointer?
    let length: Int
    private let fileSystem: any FileSystem

    init(path: String, fileSystem: any FileSystem) throws {
        (base, length) = try fileSystem.mapReadOnly(path)
        self.fileSystem = fileSystem
    }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: length) }

    deinit { fileSystem.unmap(base, length) }
}
