#if canImport(Glibc)
import Glibc
#endif

/// The lock that makes ingests of one cache take turns: an advisory `flock` on `<cache>.lock`,
/// held around an ingest's read–merge–write. Without it, two ingests that start from the same old
/// cache each write their own new one, and the file read by the one that finishes first is lost.
///
/// Readers never take it: they keep working on the file they mapped, which a writer replaces by
/// rename, never in place. The lock file holds the holder's pid, for the message a second ingest
/// shows. The kernel drops the lock when its holder exits or is killed, so a crash never leaves
/// the cache locked.
public final class CacheLock {
    private let fileSystem: any FileSystem
    private var descriptor: Int32?
    /// The lock file's path.
    public let path: String

    /// Takes the lock of the cache at `cachePath`.
    /// - Parameters:
    ///   - wait: wait for another ingest to finish (true) or fail at once (false).
    ///   - onWait: called once, with the holder's pid when known, before waiting.
    /// - Throws: `CacheError.locked` when `wait` is false and another process holds the lock;
    ///   `CacheError.io` when the lock file cannot be made.
    public init(cachePath: String, fileSystem: any FileSystem = PosixFileSystem(), wait: Bool,
                onWait: (Int32?) -> Void = { _ in }) throws {
        self.fileSystem = fileSystem
        path = cachePath + ".lock"
        try fileSystem.makeDirectories(parentDirectory(of: cachePath))
        var held = try fileSystem.lockExclusive(path, wait: false)
        if held == nil {
            let holder = fileSystem.readSmallFile(path).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            guard wait else { throw CacheError.locked(path: cachePath, holder: holder) }
            onWait(holder)
            held = try fileSystem.lockExclusive(path, wait: true)
        }
        descriptor = held
        if let held { try fileSystem.overwrite(held, with: "\(getpid())\n", path: path) }
    }

    /// Removes the temporary files that writers of this cache left when they were killed
    /// (`<cache>.tmp.<pid>` whose process is gone). Only the lock's holder may do this; a live
    /// writer's file is never touched, since its pid still runs.
    /// - Returns: the paths removed.
    public func removeLeftovers() -> [String] {
        let cachePath = String(path.dropLast(".lock".count))
        let directory = parentDirectory(of: cachePath)
        let prefix = (CacheWriter.temporaryPrefix(of: cachePath) as NSString).lastPathComponent
        var removed: [String] = []
        for name in fileSystem.directoryEntries(directory) where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), pid != getpid(), !fileSystem.processExists(pid) else { continue }
            let leftover = directory + "/" + name
            fileSystem.removeIfPresent(leftover)
            removed.append(leftover)
        }
        return removed
    }

    /// Gives the lock up (also done when the lock is released from memory or the process ends).
    public func release() {
        if let descriptor { fileSystem.close(descriptor) }
        descriptor = nil
    }

    deinit { release() }
}

import Foundation
