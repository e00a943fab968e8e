import CostEngine
import CostModel

extension ScreenID {
    /// The month's burn-down of the current node (`b`).
    public static let burnDown = ScreenID("burn-down")
}

extension ExplorerCommand {
    public static let burnDown = ExplorerCommand("burn-down")
    public static let closeBurnDown = ExplorerCommand("close-burn-down")
}

/// The burn-down screen (`b`): the current node's month so far, day by day, against the straight
/// line to its budget's amount and the forecast to the month's end, with the budget's status.
/// A node without a budget shows its forecast alone. Everything it draws is in the table's
/// figures already (`ExplorerData.forecast`, computed off the render path with the table), so the
/// screen has no state of its own.
final class BurnDownScreen: Screen {
    static let id = ScreenID.burnDown
    static let title = "Burn-down screen"
    static let keyScopes: [ScreenID] = [.burnDown, .everywhere]
    static let commands: [CommandRow] = [
        CommandRow(.closeBurnDown, .burnDown, keys: [.escape, .left, .character("h"), .backspace, .character("b")],
                   "back to the table"),
    ]

    init() {}

    func open(text: String?, context: ScreenContext) -> ScreenEffect {
        context.data.forecast == nil ? .all([.close, .message("burn-down: this node has no cost to forecast")]) : .none
    }

    func handle(_ input: ScreenInput, context: ScreenContext) -> ScreenEffect {
        guard case .command(let command) = input else {
            if case .unbound(let key) = input { return .message("\(key.name): not on this screen; Esc returns") }
            return .none
        }
        switch command {
        case .closeBurnDown: return .close
        case .help: return .open(.help)
        case .quit: return .quit
        default: return .message("\(command.rawValue): not on this screen")
        }
    }
}
