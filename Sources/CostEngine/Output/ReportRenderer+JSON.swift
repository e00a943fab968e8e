import CostModel

extension ReportRenderer {
    /// One JSON object; money as JSON numbers rounded to the cent, percentages (deltaPct, share) as
    /// numbers rounded to 0.01, null where a figure does not exist.
    static func json(_ report: QueryReport) -> String {
        let result = report.result
        let spec = result.spec
        var out = "{"
        out += "\"by\":\(quote(spec.groupBy.description)),"
        out += "\"from\":\(quote(spec.period.from.description)),\"to\":\(quote(spec.period.to.description)),"
        out += "\"compareFrom\":\(spec.comparison.map { quote($0.from.description) } ?? "null"),"
        out += "\"compareTo\":\(spec.comparison.map { quote($0.to.description) } ?? "null"),"
        out += "\"metric\":\(quote(spec.metric.rawValue)),"
        out += "\"currency\":\(result.currency.map(quote) ?? "null"),"
        out += "\"filters\":[" + spec.filters.map { quote($0.description) }.joined(separator: ",") + "],"
        if result.currency != nil {
            out += "\"total\":{\"cost\":\(Money.plainString(result.total)),\"previous\":\(Money.plainString(result.previousTotal))},"
        } else {
            out += "\"total\":null,"
        }
        out += "\"otherCurrencies\":[" + result.otherCurrencies.map(quote).joined(separator: ",") + "],"
        out += "\"rows\":["
        out += report.lines.map { line in
            var row = "{\"key\":\(quote(line.key)),"
            if let name = line.name { row += "\"name\":\(quote(name)),"}
            row += "\"cost\":\(Money.plainString(line.cost)),\"previous\":\(Money.plainString(line.previous)),"
            row += "\"delta\":\(Money.plainString(line.delta)),"
            row += "\"deltaPct\":\(line.deltaPercent.map(format2) ?? "null"),"
            row += "\"share\":\(line.share.map(format2) ?? "null")}"
            return row
        }.joined(separator: ",")
        out += "]}\n"
        return out
    }

    /// A JSON string literal; control characters are escaped, so data cannot break the document.
    public static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                    || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
