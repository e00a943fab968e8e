import CostCache

/// A `FileSystem` whose only file is bytes in memory: `mapReadOnly` hands out an exact-size heap
/// copy, so AddressSanitizer reports any read past the end of the "file" (a real mapping would
/// hide reads up to the end of the last page). Every other call is a harness bug.
// @unchecked: the bytes are the fuzzer input, alive and unchanged while one call reads them.
struct MemoryFileSystem: FileSystem, @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer

    func mapReadOnly(_ path: String) throws -> (UnsafeRawPointer?, Int) {
        guard !bytes.isEmpty else { return (nil, 0) }
        let copy = UnsafeMutableRawPointer.allocate(byteCount: bytes.count, alignment: 16)
        copy.copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
        return (UnsafeRawPointer(copy), bytes.count)
    }

    func unmap(_ base: UnsafeRawPointer?, _ length: Int) { base.map { UnsafeMutableRawPointer(mutating: $0).deallocate() } }

    func createExclusive(_ path: String) throws -> Int32 { unexpected() }
    func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int, path: String) throws { unexpected() }
    func sync(_ descriptor: Int32, path: String) throws { unexpected() }
    func close(_ descriptor: Int32) { unexpected() }
    func rename(_ from: String, _ to: String) throws { unexpected() }
    func syncDirectory(_ path: String) throws { unexpected() }
    func removeIfPresent(_ path: String) { unexpected() }
    func makeDirectories(_ path: String) throws { unexpected() }
    func lockExclusive(_ path: String, wait: Bool) throws -> Int32? { unexpected() }
    func overwrite(_ descriptor: Int32, with text: String, path: String) throws { unexpected() }
    func readSmallFile(_ path: String) -> String? { unexpected() }
    func directoryEntries(_ path: String) -> [String] { unexpected() }
    func processExists(_ pid: Int32) -> Bool { unexpected() }

    private func unexpected(_ function: String = #function) -> Never {
        fatalError("the cache reader called \(function) on a read-only in-memory file")
    }
}
