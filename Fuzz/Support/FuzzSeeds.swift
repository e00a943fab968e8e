import Glibc

/// Seeds a harness writes for its own corpus: `scripts/fuzz.sh` runs each harness once with
/// `COSTTOP_FUZZ_SEEDS=DIR` (and `-runs=0`) before the first fuzzing run of a target.
enum FuzzSeeds {
    /// Writes each of `seeds` into the folder named by `COSTTOP_FUZZ_SEEDS`, when it is set.
    static func writeIfAsked(_ seeds: @autoclosure () -> [[UInt8]]) {
        guard let folder = getenv("COSTTOP_FUZZ_SEEDS").map({ String(cString: $0) }) else { return }
        for (index, seed) in seeds().enumerated() {
            let path = "\(folder)/builtin-\(index)"
            guard let file = fopen(path, "wb") else { continue }
            _ = seed.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
            fclose(file)
        }
    }

    /// Text seeds as bytes.
    static func text(_ values: [String]) -> [[UInt8]] { values.map { Array($0.utf8) } }
}
