import CosttopTestSupport
@testable import CostViews

extension TmuxDriver {
    /// Sends the default key of a command, looked up by its long name in the command table, so the
    /// end-to-end tests say what they do (`send(.drillDown)`) and follow the table if a key changes.
    func send(_ command: ExplorerCommand) throws {
        guard let key = KeyMap().keys(for: command).first else {
            throw Failure(description: "\(command.rawValue) has no key")
        }
        try send(keys: Self.tmuxName(key))
    }

    /// A key as `tmux send-keys` names it.
    static func tmuxName(_ key: KeyEvent) -> String {
        switch key {
        case .character(" "): return "Space"
        case .character(let character): return String(character)
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .pageUp: return "PPage"
        case .pageDown: return "NPage"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .backspace: return "BSpace"
        case .escape: return "Escape"
        case .tab: return "Tab"
        case .delete: return "DC"
        case .function(let number): return "F\(number)"
        case .resize, .interrupt: return "C-c"
        }
    }
}
