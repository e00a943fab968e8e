#if canImport(Glibc)
import Glibc
#endif

/// Hands memory the allocator holds but no longer uses back to the system.
///
/// The ingest frees its day tables as their rows are written, but glibc keeps freed heap memory
/// for later allocations (and most day tables, 1–30 MB each, come from the heap once the first
/// frees have raised its `mmap` threshold), so the resident size would stay at the roll-up's peak
/// while the cache is written. `malloc_trim` returns the free pages; it is looked up at run time
/// because Swift's Glibc module does not declare it (and a C library without it simply keeps the
/// memory).
enum SystemMemory {
    private typealias Trim = @convention(c) (Int) -> Int32

    #if canImport(Glibc)
    private static let trim: Trim? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: Trim.self)
    }()
    #else
    private static let trim: Trim? = nil
    #endif

    /// Returns freed heap memory to the system (a few milliseconds at most).
    /// Returns freed heap memory to the system: 15–200 ms with a heap of 1–12 GB, so callers do it
    /// after freeing a lot, not after every free.
    static func returnFreed() {
        _ = trim?(0)
    }
}
