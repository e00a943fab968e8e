import CostCache
import CosttopTestSupport
import Foundation
import Testing
@testable import CostIngest

@Suite("Hardening: small things")
struct SmallHardeningTests {
    @Test("lines ended by a bare CR are named as such, not as a duplicate column")
    func bareCR() throws {
        let folder = Support.temporaryFolder()
        let path = Support.write(minimalCUR.replacingOccurrences(of: "\n", with: "\r"), to: folder, "mac.csv")
        #expect {
            _ = try Support.ingest([path])
        } throws: { "\($0)".contains("bare CR") && !"\($0)".contains("duplicate") }
    }

    @Test("a folder or an empty string as the cache is a clear error")
    func cacheIsAFolder() throws {
        let folder = Support.temporaryFolder()
        #expect { _ = try CacheFile(path: folder) } throws: { "\($0)".contains("not a cache file") }
        #expect { _ = try CacheFile(path: "") } throws: { "\($0)".contains("empty path") }
    }
}
