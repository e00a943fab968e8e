import ByteStreams

/// One piece of the input read by a single worker: a whole file, or a chunk of a large plain file.
///
/// A chunk's bounds are guesses (byte offsets) moved to just after the next line break when the
/// chunk is read. Whether that line break really ends a record (it could sit inside a quoted field)
/// is only known once the chunk before has been read; `ChunkedRead` checks it afterwards.
struct WorkUnit: Sendable {
    /// Index of the file among those being read.
    let file: Int
    /// Position of this chunk in its file, and how many chunks the file has.
    let chunk: Int
    let chunkCount: Int
    /// Guessed start of this chunk (unused for chunk 0, which continues after the header).
    let guessStart: Int64
    /// Guessed start of the next chunk; nil for a file's last chunk.
    let guessEnd: Int64?
}

/// Cuts the files to read into work units.
enum WorkPlan {
    /// - Parameters:
    ///   - sizes: each file's size in bytes.
    ///   - splittable: whether each file may be cut into chunks (plain CSV, not proven to confuse
    ///     the guessed bounds before).
    ///   - chunkBytes: the size a chunk aims at; a file is cut only when it is at least twice that.
    static func units(sizes: [Int64], splittable: [Bool], chunkBytes: Int) -> [WorkUnit] {
        units(sizes: sizes, splittable: splittable, chunkBytes: sizes.map { _ in chunkBytes })
    }

    /// The same with a chunk size per file (`InputContainer.unitBytes`).
    static func units(sizes: [Int64], splittable: [Bool], chunkBytes: [Int]) -> [WorkUnit] {
        var units: [WorkUnit] = []
        for (file, size) in sizes.enumerated() {
            let count = splittable[file] ? max(1, Int(size / Int64(max(1, chunkBytes[file])))) : 1
            for chunk in 0..<count {
                units.append(WorkUnit(
                    file: file, chunk: chunk, chunkCount: count,
                    guessStart: size * Int64(chunk) / Int64(count),
                    guessEnd: chunk + 1 < count ? size * Int64(chunk + 1) / Int64(count) : nil))
            }
        }
        return units
    }

    /// The offset just after the first line break at or after `guess` (the end of the file when none).
    static func boundary(in mapping: MappedFile, after guess: Int64) -> Int64 {
        let start = Int(min(max(0, guess), Int64(mapping.count)))
        guard start < mapping.count,
              let found = memchr(mapping.base + start, 0x0A, mapping.count - start) else { return Int64(mapping.count) }
        return Int64(UnsafeRawPointer(found) - mapping.base) + 1
    }
}

#if canImport(Glibc)
import Glibc
#endif
