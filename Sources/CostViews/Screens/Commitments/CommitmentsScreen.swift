import CostEngine
import CostModel

extension ScreenID {
    /// The commitments list (`c`).
    public static let commitments = ScreenID("commitments")
}

extension ExplorerCommand {
    public static let showCovered = ExplorerCommand("show-covered")
    public static let closeCommitments = ExplorerCommand("close-commitments")
}

/// The commitments screen (`c`): every commitment of the period with its utilization, and Enter
/// to see what one covered in the drill-down table. Its state: the list (computed when it opens,
/// not on every key), the selection and the scroll position.
final class CommitmentsScreen: Screen {
    static let id = ScreenID.commitments
    static let title = "Commitments screen"
    static let keyScopes: [ScreenID] = [.commitments, .lists, .everywhere]
    static let commands: [CommandRow] = [
        CommandRow(.showCovered, .commitments, keys: [.enter, .right, .character("l")],
                   "the table of the usage the selected commitment covered"),
        CommandRow(.closeCommitments, .commitments, keys: [.escape, .left, .character("h"), .backspace, .character("c")],
                   "back to the table"),
    ]

    private(set) var list: CommitmentList?
    private(set) var selection = 0
    private(set) var scroll = 0

    init() {}

    /// Computes the list. It covers the whole bill (only `:where` filters apply, not the drill
    /// path): a commitment bought in one account covers usage in others, and cutting it to one
    /// account's rows would misstate its utilization.
    func open(text: String?, context: ScreenContext) -> ScreenEffect {
        do {
            list = try context.queries.commitmentList(filters: context.state.filters, period: context.data.period,
                                                      currency: context.data.currency)
        } catch {
            return .all([.close, .message("commitments: \(error)")])
        }
        (selection, scroll) = (0, 0)
        return .none
    }

    func handle(_ input: ScreenInput, context: ScreenContext) -> ScreenEffect {
        guard case .command(let command) = input else {
            if case .unbound(let key) = input {
                return .message("\(key.name): not on this screen; Enter shows what a commitment covered, Esc returns")
            }
            return .none
        }
        let rows = list?.rows ?? []
        if let target = ListNavigation.target(of: command, from: selection, count: rows.count) {
            selection = target
            return .none
        }
        switch command {
        case .showCovered:
            guard rows.indices.contains(selection) else { return .close }
            return showCovered(rows[selection], metric: context.state.metric)
        case .closeCommitments: return .close
        case .help: return .open(.help)
        case .quit: return .quit
        default: return .message("\(command.rawValue): not on this screen")
        }
    }

    func settle(context: ScreenContext) {
        guard let viewport = context.viewport else { return }
        scroll = ListNavigation.scroll(current: scroll, selected: selection, count: list?.rows.count ?? 0,
                                       visible: Self.visibleRows(height: viewport.height))
    }

    /// Returns to the table, drilled into the usage the commitment covered, grouped by account, in
    /// effective cost when the metric was billed cost.
    ///
    /// The path restarts at the top, because the list is the whole bill: inside an earlier drill
    /// path the table would hold only part of the covered usage and disagree with the list. Two
    /// steps are pushed, `commitment=ID` then `commitment-status=Used` (the covered line items,
    /// not the fees), so Left goes back up through them like any drill-down, and drilling on
    /// continues the default path: service, then usage type.
    private func showCovered(_ commitment: CommitmentRow, metric: Metric) -> ScreenEffect {
        // Covered usage is paid through the commitment's fee: its billed cost is 0 for reservations
        // and is negated by other line items for Savings Plans. Effective cost is what it cost, and
        // sums to the commitment's used amount, so show that unless the user chose list cost.
        let switchMetric = metric == .billed
        let go = ScreenEffect.browse { state in
            state.levels.removeSubrange(1...)
            state.steps.removeAll()
            state.steps.append(DrillStep(dimension: .fixed(.commitment), key: commitment.id, name: nil))
            state.levels.append(DrillLevel(groupBy: .fixed(.commitmentStatus), regrouped: true, selectedKey: "Used"))
            state.steps.append(DrillStep(dimension: .fixed(.commitmentStatus), key: "Used", name: nil))
            state.levels.append(DrillLevel(groupBy: .fixed(.account), regrouped: false, selectedKey: nil))
            state.rowFilter = ""
            state.selection = 0
            if switchMetric { state.metric = .effective }
        }
        guard switchMetric else { return .all([.close, go]) }
        return .all([.close, go, .message("showing effective cost: covered usage is paid through the commitment (m changes it)")])
    }
}
