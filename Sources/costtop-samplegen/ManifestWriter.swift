import Foundation

/// Writes a legacy CUR manifest (`<report>-Manifest.json`) naming one assembly of a period.
enum ManifestWriter {
    /// Writes the manifest of `period`, listing `assembly`'s data file as the current report.
    static func write(layout: OutputLayout, period: BillingPeriod, assembly: String, seed: UInt64, columns: [String]) throws {
        let columnObjects = columns.map { column -> String in
            let parts = column.split(separator: "/", maxSplits: 1)
            return "    {\"category\": \(json(String(parts[0]))), \"name\": \(json(String(parts[1])))}"
        }
        var reportId = SplitMix64(seed: SplitMix64.hash(seed, 0x4E90, 0, 0))
        let lines = [
            "{",
            "  \"assemblyId\": \(json(assembly)),",
            "  \"account\": \(json(AccountCatalog.payerId)),",
            "  \"columns\": [",
            columnObjects.joined(separator: ",\n"),
            "  ],",
            "  \"charset\": \"UTF-8\",",
            "  \"compression\": \(json(layout.gzip ? "GZIP" : "NONE")),",
            "  \"contentType\": \"text/csv\",",
            "  \"reportId\": \(json(Identifiers.hex(64, &reportId))),",
            "  \"reportName\": \(json(OutputLayout.reportName)),",
            "  \"billingPeriod\": {",
            "    \"start\": \(json(period.start.compactText + "T000000.000Z")),",
            "    \"end\": \(json(period.end.compactText + "T000000.000Z"))",
            "  },",
            "  \"bucket\": \(json(OutputLayout.bucket)),",
            "  \"reportKeys\": [",
            "    \(json(layout.dataKey(period, assembly: assembly)))",
            "  ],",
            "  \"additionalArtifactKeys\": []",
            "}",
        ]
        let key = layout.manifestKey(period)
        try layout.prepare(key)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: layout.path(key)))
    }

    /// A JSON string literal (the values here never need more than quote and backslash escapes).
    private static func json(_ value: String) -> String {
        "\"" + value.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
    }
}
