import CostModel
import Testing
@testable import CostViews

/// Drives an explorer by command name, as a user does by key, so tests read as the steps they
/// take and assert between them (as visidata's command logs and lazygit's integration tests do):
///
/// ```swift
/// let session = ScriptedSession(explorer)
/// session.run(.drillDown)
/// session.run(.regroup, "service")
/// #expect(session.lines()[2].contains("by service"))
/// ```
struct ScriptedSession {
    let explorer: Explorer

    init(_ explorer: Explorer) { self.explorer = explorer }

    /// Runs `command` on the active screen. With an argument: a `:` verb runs with it
    /// (`run(.groupBy, "service")`), `regroup` walks the chooser to that dimension and chooses it,
    /// and a command that opens a prompt (`filterRows`, `commandLine`) types it there.
    @discardableResult
    func run(_ command: ExplorerCommand, _ argument: String? = nil,
             sourceLocation: SourceLocation = #_sourceLocation) -> Explorer.Effect {
        guard let argument else { return explorer.perform(command) }
        if !command.row.verbs.isEmpty { return explorer.perform(command, argument: argument) }
        if command == .regroup {
            explorer.perform(.regroup)
            guard let target = CostDimension(argument), let index = explorer.groupChoices.firstIndex(of: target) else {
                Issue.record("no dimension \(argument) in the chooser", sourceLocation: sourceLocation)
                return .redraw
            }
            // Walk from the highlighted choice, as a user would, rather than setting it.
            let highlighted = explorer.screen(RegroupScreen.self).highlighted
            for _ in 0..<abs(index - highlighted) { explorer.perform(index > highlighted ? .regroupNext : .regroupPrevious) }
            return explorer.perform(.regroupChoose)
        }
        explorer.perform(command)
        type(argument)
        return .redraw
    }

    /// Types `text` into the active prompt, one key per character.
    func type(_ text: String) {
        for character in text { _ = explorer.handle(.character(character)) }
    }

    /// Presses a key (for the few steps that are about keys themselves, such as rebinding).
    @discardableResult
    func press(_ key: KeyEvent) -> Explorer.Effect { explorer.handle(key) }

    /// The screen keys go to now.
    var screen: ScreenID { explorer.activeScreen }

    /// The whole screen as a grid.
    func grid(_ width: Int = 100, _ height: Int = 30, unicode: Bool = true) -> CellGrid {
        ExplorerRenderer.render(explorer, width: width, height: height, unicode: unicode)
    }

    /// The whole screen as text lines.
    func lines(_ width: Int = 100, _ height: Int = 30, unicode: Bool = true) -> [String] {
        grid(width, height, unicode: unicode).lines
    }
}
