import Foundation
import Testing
@testable import Parquet

/// Inputs the libFuzzer harness (`Fuzz/Harnesses/parquet.swift`) once crashed on, kept in
/// Tests/Fixtures/fuzz/parquet/ and read here the way the harness reads them.
@Suite("Parquet fuzz regressions")
struct FuzzRegressionFileTests {
    static let folder = TestPaths.repository + "/Tests/Fixtures/fuzz/parquet"

    static var inputs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    @Test("each input is refused with a ParquetError or reads, never a trap", arguments: inputs)
    func input(_ name: String) throws {
        let fixture = try ParquetFixture(path: Self.folder + "/" + name)
        let file: ParquetFile
        do { file = try fixture.open() } catch let error as ParquetError { return #expect(error.path.hasSuffix(name)) }
        var refused: [ParquetError] = []
        for index in file.rowGroups.indices {
            do {
                _ = try file.readRowGroup(index, columns: Array(file.schema.columns.indices))
            } catch let error as ParquetError {
                refused.append(error)
            }
        }
        #expect(refused.allSatisfy { $0.path.hasSuffix(name) })
        if name == "delta-count-past-int" {
            // The header of a DELTA_BINARY_PACKED run claims more values than Int holds.
            #expect(refused.contains { $0.description.contains("value count") && $0.description.contains("out of range") },
                    "\(refused)")
        }
    }

    @Test("the folder holds the regression inputs")
    func folderIsThere() {
        #expect(Self.inputs.contains("delta-count-past-int"))
    }
}
