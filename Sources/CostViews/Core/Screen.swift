/// One screen of the explorer (the drill-down table, the anomalies list, help, the regroup
/// chooser, a prompt): it owns its state, turns commands into effects the router applies, and draws
/// itself. As in ncdu each screen is a `draw` and a `keyInput`; as in lazygit each feature is its
/// own controller with its own key bindings (rows of `CommandTable`).
///
/// To add a screen: a folder under `Screens/`, a type conforming to this, its commands and
/// `ScreenID` in that folder, and one line in `ScreenRegistry`.
protocol Screen: AnyObject {
    /// Which screen this is.
    static var id: ScreenID { get }
    /// Its heading in help.
    static var title: String { get }
    /// Its own commands.
    static var commands: [CommandRow] { get }
    /// Its rows in the command table, as help groups them (its own commands by default).
    static var commandGroups: [CommandTable.Group] { get }
    /// Where its keys are looked up, first match wins: its own id, then shared groups.
    static var keyScopes: [ScreenID] { get }
    /// Drawn over the table (the chooser, the prompts) rather than instead of it.
    static var isOverlay: Bool { get }
    /// Typed characters that no key binding claims are text (the prompts).
    static var takesText: Bool { get }

    init()

    /// The screen is shown. `text` is what the opener gave (a prompt's first text).
    func open(text: String?, context: ScreenContext) -> ScreenEffect

    /// One input while the screen is shown.
    func handle(_ input: ScreenInput, context: ScreenContext) -> ScreenEffect

    /// After every input, whichever screen it went to: a screen brings its own state in line with
    /// the shared state (a scroll position that keeps the selection in view).
    func settle(context: ScreenContext)

    /// Draws the screen. Pure: reads its state and the context, writes only the grid.
    func render(into grid: inout CellGrid, context: ScreenContext)
}

extension Screen {
    static var commandGroups: [CommandTable.Group] { [CommandTable.Group(screen: id, title: title, rows: commands)] }
    static var keyScopes: [ScreenID] { [id] }
    static var isOverlay: Bool { false }
    static var takesText: Bool { false }
    func open(text: String?, context: ScreenContext) -> ScreenEffect { .none }
    func settle(context: ScreenContext) {}
}

/// What reaches a screen: a command (by key or by name), a typed character, or a key no binding
/// of the screen claims.
enum ScreenInput: Equatable {
    case command(ExplorerCommand)
    case text(Character)
    case unbound(KeyEvent)
}
