import CostEngine
import CostModel

/// The commitments screen (`c`): every commitment of the period with its utilization, and Enter
/// to see what one covered in the drill-down table.
extension Explorer {
    /// Opens the screen. The list covers the whole bill (only `:where` filters apply, not the drill
    /// path): a commitment bought in one account covers usage in others, and cutting it to one
    /// account's rows would misstate its utilization. It is computed here, not on every key.
    func openCommitments() {
        do {
            data.commitmentList = try commitmentFigures.list(filters: state.filters, period: data.period,
                                                            currency: data.currency)
        } catch {
            state.message = "commitments: \(error)"
            return
        }
        state.commitmentScroll = 0
        state.mode = .commitments(0)
    }

    /// A key on the commitments screen: moves, Enter shows what the commitment covered, Esc, `c`
    /// (the key that opened it) or Left returns to the table.
    func handleCommitments(_ key: KeyEvent, _ index: Int) -> Effect {
        handleListKey(key, index, count: data.commitmentList?.rows.count ?? 0, screen: InputMode.commitments,
                      opener: .commitments, enter: showCovered, hint: "Enter shows what a commitment covered, Esc returns")
    }

    /// Returns to the table, drilled into the usage the commitment covered, grouped by account, in
    /// effective cost when the metric was billed cost.
    ///
    /// The path restarts at the top, because the list is the whole bill: inside an earlier drill
    /// path the table would hold only part of the covered usage and disagree with the list. Two
    /// steps are pushed, `commitment=ID` then `commitment-status=Used` (the covered line items,
    /// not the fees), so Left goes back up through them like any drill-down, and drilling on
    /// continues the default path: service, then usage type.
    private func showCovered(_ index: Int) {
        state.mode = .browse
        guard let rows = data.commitmentList?.rows, rows.indices.contains(index) else { return }
        let commitment = rows[index]
        state.levels.removeSubrange(1...)
        state.steps.removeAll()
        state.steps.append(DrillStep(dimension: .fixed(.commitment), key: commitment.id, name: nil))
        state.levels.append(DrillLevel(groupBy: .fixed(.commitmentStatus), regrouped: true, selectedKey: "Used"))
        state.steps.append(DrillStep(dimension: .fixed(.commitmentStatus), key: "Used", name: nil))
        state.levels.append(DrillLevel(groupBy: .fixed(.account), regrouped: false, selectedKey: nil))
        state.rowFilter = ""
        state.selection = 0
        // Covered usage is paid through the commitment's fee: its billed cost is 0 for reservations
        // and is negated by other line items for Savings Plans. Effective cost is what it cost, and
        // sums to the commitment's used amount, so show that unless the user chose list cost.
        if state.metric == .billed {
            state.metric = .effective
            recompute()
            state.message = "showing effective cost: covered usage is paid through the commitment (m changes it)"
        } else {
            recompute()
        }
    }

    /// Remembers the commitments screen's scroll position (the renderer keeps the selection in view).
    func setCommitmentScroll(_ scroll: Int) { state.commitmentScroll = scroll }
}
