import CostEngine

/// A mover's drivers as one stacked bar that reads without colour: each driver is a run of its
/// letter (`u` usage, `r` rate, `m` mix, `c` commitment, `k` credits, `f` refunds, `t` tax,
/// `e` fees, `n` new, `s` stopped, `a` allocation), as long as its share of the drivers' absolute sum; decreases
/// left of a `|`, increases right of it.
enum DriverBar {
    /// The letter of each driver kind.
    static func letter(_ kind: MoverDriverKind) -> Character {
        switch kind {
        case .usage: return "u"
        case .rate: return "r"
        case .mix: return "m"
        case .commitment: return "c"
        case .credits: return "k"
        case .refunds: return "f"
        case .tax: return "t"
        case .fees: return "e"
        case .new: return "n"
        case .stopped: return "s"
        case .allocation: return "a"
        }
    }

    /// The bar in `width` cells (at least 3): decreases, `|`, increases. Every driver that carries
    /// any of the change gets at least one cell when there is room; the cells go by largest
    /// remainder, so the runs add up to the width.
    static func text(_ drivers: [MoverDriver], width: Int) -> String {
        let cells = max(0, width - 1)
        let total = drivers.reduce(0.0) { $0 + abs(Double($1.amount)) }
        guard total > 0, cells > 0 else { return "|" }
        let shares = drivers.map { abs(Double($0.amount)) / total * Double(cells) }
        var counts = shares.map { max(cells >= drivers.count ? 1 : 0, Int($0)) }
        while counts.reduce(0, +) > cells, let largest = counts.indices.max(by: { counts[$0] < counts[$1] }) { counts[largest] -= 1 }
        let order = shares.indices.sorted { shares[$0] - Double(counts[$0]) > shares[$1] - Double(counts[$1]) }
        var position = 0
        while counts.reduce(0, +) < cells {
            counts[order[position % order.count]] += 1
            position += 1
        }
        var left = "", right = ""
        for (index, driver) in drivers.enumerated() {
            let run = String(repeating: letter(driver.kind), count: counts[index])
            if driver.amount < 0 { left += run } else { right += run }
        }
        return left + "|" + right
    }

    /// `u usage  m mix ...` for the kinds present.
    static func legend(_ kinds: [MoverDriverKind]) -> String {
        kinds.map { "\(letter($0)) \($0.rawValue)" }.joined(separator: "  ")
    }
}
