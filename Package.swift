// swift-tools-version:6.0
import PackageDescription

// The ingest and query loops touch class-owned buffers millions of times; Swift's dynamic
// exclusivity checks cost a quarter of ingest time there (measured with perf). Those loops never
// overlap accesses, so release builds skip the runtime checks; debug builds and tests keep them.
let hotLoops: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "costtop",
    // Linux only: the terminal edge uses ncursesw and glibc, the ingest Linux's mmap advice and
    // AVX2/SSE2 intrinsics; no Apple platform is built or tested.
    products: [
        .executable(name: "costtop", targets: ["costtop"]),
        .executable(name: "costtop-samplegen", targets: ["costtop-samplegen"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Config, themes and rules files are YAML read into Codable types (CostConfig).
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // zlib, for gzip streams and CRC-32 (Debian: zlib1g-dev).
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(name: "ByteStreams", dependencies: ["CZlib"]),
        // Parquet codecs from Debian (libsnappy-dev, libzstd-dev, liblz4-dev); GZIP reuses CZlib.
        .systemLibrary(name: "CSnappy", path: "Sources/CSnappy"),
        .systemLibrary(name: "CZstd", path: "Sources/CZstd"),
        .systemLibrary(name: "CLZ4", path: "Sources/CLZ4"),
        // Our own Parquet decoder: no Swift Parquet library is among our dependencies (docs/parquet.md).
        .target(name: "Parquet", dependencies: ["CZlib", "CSnappy", "CZstd", "CLZ4"], swiftSettings: hotLoops),
        // The CSV reader's SSE2 record scan (Swift has no movemask); everything else is Swift.
        .target(name: "CSVScan"),
        .target(name: "CostModel"),
        .target(name: "CostCache", dependencies: ["CostModel"], swiftSettings: hotLoops),
        // The one way to read a YAML file into a Codable type, with errors at file:line:column.
        .target(name: "CostConfig", dependencies: ["CostModel", .product(name: "Yams", package: "Yams")]),
        .target(name: "CostIngest", dependencies: ["CostModel", "CostCache", "ByteStreams", "CSVScan", "Parquet"],
                swiftSettings: hotLoops),
        // The warehouse roll-up SQL `costtop sql` prints: one mapping per export, one dialect per engine.
        .target(name: "CostSQL", dependencies: ["CostModel"]),
        .target(name: "CostEngine", dependencies: ["CostModel", "CostCache"], swiftSettings: hotLoops),
        // Every output: results described once as a table and a JSON document, written as table,
        // CSV, JSON or Markdown.
        .target(name: "CostReports", dependencies: ["CostModel", "CostCache", "CostEngine"]),
        // The explorer: views render into a cell grid (testable without a terminal); only
        // CostTerminal talks to ncurses (Debian: libncurses-dev).
        .target(name: "CostViews", dependencies: ["CostModel", "CostCache", "CostEngine", "CostReports", "CostConfig"]),
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        .target(name: "CostTerminal", dependencies: ["CostViews", "CNcurses"]),
        .executableTarget(
            name: "costtop",
            dependencies: [
                "ByteStreams", "CostModel", "CostCache", "CostIngest", "CostEngine", "CostReports", "CostConfig", "CostViews", "CostTerminal", "CostSQL",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "costtop-samplegen",
            dependencies: [
                "ByteStreams",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Parquet decoder inspection and throughput measurement; not part of the test suite.
        .executableTarget(name: "parquet-tool", dependencies: ["Parquet"], swiftSettings: hotLoops),
        // Query latency measurement for scripts/bench.py; not part of the test suite.
        .executableTarget(name: "costtop-bench", dependencies: ["CostModel", "CostCache", "CostEngine", "CostViews"]),
        // Tests: one target per module, one for the built binary end to end (tmux, processes), and
        // the helpers they share.
        .target(name: "CosttopTestSupport",
                dependencies: ["ByteStreams", "CostModel", "CostCache", "CostIngest", "CostEngine"],
                path: "Tests/TestSupport"),
        .testTarget(name: "ByteStreamsTests", dependencies: ["ByteStreams"]),
        .testTarget(name: "CostCacheTests", dependencies: ["CostModel", "CostCache", "CosttopTestSupport"]),
        .testTarget(name: "CostIngestTests",
                    dependencies: ["ByteStreams", "CostModel", "CostCache", "CostIngest", "CostEngine", "CosttopTestSupport"]),
        .testTarget(name: "CostEngineTests",
                    dependencies: ["CostModel", "CostCache", "CostIngest", "CostEngine", "CostReports", "CostConfig", "CosttopTestSupport"]),
        .testTarget(name: "CostReportsTests",
                    dependencies: ["CostModel", "CostCache", "CostEngine", "CostReports", "CostViews", "CosttopTestSupport"]),
        .testTarget(name: "CostViewsTests",
                    dependencies: ["CostModel", "CostCache", "CostEngine", "CostConfig", "CostViews", "CostTerminal",
                                   "CosttopTestSupport"],
                    exclude: ["Snapshots"]),
        .testTarget(name: "CostTerminalTests", dependencies: ["CostViews", "CostTerminal", "CosttopTestSupport"]),
        .testTarget(name: "EndToEndTests",
                    dependencies: ["ByteStreams", "CostModel", "CostCache", "CostIngest", "CostEngine", "CostViews", "CosttopTestSupport"]),
        .testTarget(name: "ParquetTests", dependencies: ["Parquet"]),
        .testTarget(name: "CostSQLTests", dependencies: ["CostModel", "CostSQL"]),
    ],
    swiftLanguageModes: [.v6]
)
