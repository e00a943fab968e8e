/// What a screen asks the router to do after an input. Screens never change another screen or the
/// shared browse state themselves; the router applies these in order.
enum ScreenEffect {
    /// Nothing beyond a redraw.
    case none
    case quit
    /// Switch to the theme of that name.
    case theme(String)
    /// Show another screen (or overlay) on top of the table, with its first text.
    case open(ScreenID, text: String? = nil)
    /// Back to the table.
    case close
    /// A message for the status line, until the next key.
    case message(String)
    /// Select the table's row at this index (clamped); the detail pane follows.
    case select(Int)
    /// Change the drill context, period, metric or filters; the router recomputes the figures.
    case browse((inout ExplorerState) -> Void)
    /// Change the shared browse state without asking the engine again (the detail pane switch).
    case browseView((inout ExplorerState) -> Void)
    /// Work on the session the screens share (anomaly verdicts, export): the router runs it.
    case session((Explorer) -> ScreenEffect)
    /// Copy text to the clipboard (the terminal does it, OSC 52) and show it in the status line.
    case copy(String)
    /// Several effects, in order.
    case all([ScreenEffect])
}
