import CostEngine
import CostModel

/// `costtop commitments`: utilization and unused money of every commitment, per type and overall
/// (docs/commitments.md). CSV lists the commitments only; the table and JSON add the sums.
public struct CommitmentsOutput: Report {
    public var rows: [CommitmentRow]
    public var period: DayRange
    public var currency: String?

    /// Total and used commitment of a set of commitments, nano-units.
    struct Sum {
        var total: Int128 = 0
        var used: Int128 = 0
        var unused: Int128 { total - used }
        var utilization: Double? { total == 0 ? nil : Double(used) / Double(total) * 100 }

        init(_ rows: some Sequence<CommitmentRow>) {
            for row in rows {
                total += row.totalCommitment
                used += row.used
            }
        }
    }

    /// The output of the commitments of `period`, in the order given (the engine's: largest first).
    public init(_ rows: [CommitmentRow], period: DayRange, currency: String?) {
        self.rows = rows
        self.period = period
        self.currency = currency
    }

    /// Every type (Savings Plan, Reservation, ...) with the sum of its commitments, A to Z.
    var types: [(type: String, sum: Sum)] {
        Dictionary(grouping: rows, by: \.type).map { ($0.key, Sum($0.value)) }.sorted { $0.type < $1.type }
    }

    public var table: ReportTable {
        let columns = [
            ReportColumn("COMMITMENT", field: "id", alignment: .left),
            ReportColumn("TYPE", field: "type", alignment: .left),
            ReportColumn.display("SCOPE", alignment: .left),
            ReportColumn("TOTAL", field: "total_commitment"),
            ReportColumn("USED", field: "used"),
            ReportColumn("UNUSED", field: "unused"),
            ReportColumn("UTILIZATION", field: "utilization"),
            ReportColumn.data("accounts_covered"),
        ]
        func sumCells(_ sum: Sum) -> [ReportValue] {
            [.money(sum.total), .money(sum.used), .money(sum.unused), .percent(sum.utilization, missing: "—"), .text("")]
        }
        var lines = rows.map { row in
            ReportRow([.text(row.id), .text(row.type),
                       .text("\(row.accountsCovered) account\(row.accountsCovered == 1 ? "" : "s")"),
                       .money(row.totalCommitment), .money(row.used), .money(row.unused),
                       .percent(row.utilization, missing: "—"), .integer(row.accountsCovered)])
        }
        let types = types
        for entry in types where types.count > 1 {
            lines.append(ReportRow([.text("all of type"), .text(entry.type), .text("")] + sumCells(entry.sum),
                                   kind: .subtotal, shownIn: .display))
        }
        lines.append(ReportRow([.text("TOTAL"), .text(""), .text("")] + sumCells(Sum(rows)), kind: .total, shownIn: .display))
        return ReportTable(title: "commitments · \(currency ?? "none") · \(period) · utilization = used ÷ total commitment",
                           columns: columns, rows: lines)
    }

    public var document: CommitmentsDocument {
        func figures(_ sum: Sum) -> CommitmentsDocument.Figures {
            CommitmentsDocument.Figures(totalCommitment: JSONDecimal(money: sum.total), used: JSONDecimal(money: sum.used),
                                        unused: JSONDecimal(money: sum.unused),
                                        utilization: Nullable(sum.utilization.map(JSONDecimal.init)))
        }
        return CommitmentsDocument(
            from: period.from.description, to: period.to.description, currency: Nullable(currency), total: figures(Sum(rows)),
            byType: types.map { entry in
                CommitmentsDocument.TypeFigures(type: entry.type, totalCommitment: JSONDecimal(money: entry.sum.total),
                                                used: JSONDecimal(money: entry.sum.used), unused: JSONDecimal(money: entry.sum.unused),
                                                utilization: Nullable(entry.sum.utilization.map(JSONDecimal.init)))
            },
            rows: rows.map { row in
                CommitmentsDocument.Row(id: row.id, type: row.type, totalCommitment: JSONDecimal(money: row.totalCommitment),
                                        used: JSONDecimal(money: row.used), unused: JSONDecimal(money: row.unused),
                                        utilization: Nullable(row.utilization.map(JSONDecimal.init)),
                                        accountsCovered: row.accountsCovered)
            })
    }
}
