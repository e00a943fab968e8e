import CostCache

/// Groups usage types whose quantities share a unit, so mix compares like with like.
///
/// AWS usage types are `REGION-Operation:Detail` (`USE1-BoxUsage:m5.xlarge`, `EU-DataTransfer-Out-Bytes`):
/// dropping the region prefixes and the `:detail` leaves the family (`BoxUsage`,
/// `DataTransfer-Out-Bytes`), whose members are all hours, or all GB. Mix within a family is a
/// shift between instance sizes or regions; between families (hours against GB) it would mean
/// nothing. Usage types of other providers without this shape are each their own family.
struct UsageFamilies {
    private var familyOfCode: [Int] = []

    init(cache: CacheFile) {
        let dictionary = cache.dictionary(.usageType)
        var ids: [String: Int] = [:]
        familyOfCode = (0..<dictionary.count).map { code in
            let family = Self.family(of: code == 0 ? "" : dictionary[code])
            if let id = ids[family] { return id }
            ids[family] = ids.count
            return ids.count - 1
        }
    }

    /// The family id of a usage-type code.
    func family(_ code: UInt32) -> Int { Int(code) < familyOfCode.count ? familyOfCode[Int(code)] : -1 }

    /// `USE1-USW2-AWS-Out-Bytes` → `Out-Bytes`... region-like prefixes (2–4 capitals and an
    /// optional digit, then `-`) dropped, and anything from the first `:`.
    static func family(of usageType: String) -> String {
        var rest = Substring(usageType.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        while let dash = rest.firstIndex(of: "-") {
            let token = rest[..<dash]
            let letters = token.prefix { $0.isUppercase && $0.isASCII }
            let digits = token.dropFirst(letters.count)
            guard (2...4).contains(letters.count), digits.count <= 1, digits.allSatisfy(\.isNumber),
                  rest.index(after: dash) < rest.endIndex else { break }
            rest = rest[rest.index(after: dash)...]
        }
        return String(rest)
    }
}
