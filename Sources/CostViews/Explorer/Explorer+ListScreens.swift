// Key handling the list screens (commitments, anomalies) share.
extension Explorer {
    /// The keys every list screen (commitments, anomalies) shares: the move keys, Enter (`enter`
    /// with the selected index), Esc, Left or the key that opened the screen (back to the table),
    /// help and quit; any other key shows `hint`.
    /// - Parameter screen: the screen's input mode at a given selected index.
    func handleListKey(_ key: KeyEvent, _ index: Int, count: Int, screen: (Int) -> InputMode,
                       opener: ExplorerCommand, enter: (Int) -> Void, hint: String) -> Effect {
        switch key {
        case .interrupt: return .quit
        case .resize: return .redraw
        case .escape:
            state.mode = .browse
            return .redraw
        default: break
        }
        let command = keyMap.command(for: key)
        if let target = ListNavigation.target(of: command, from: index, count: count) {
            state.mode = screen(target)
            return .redraw
        }
        switch command {
        case .drillDown: enter(index)
        case .goUp: state.mode = .browse
        case .help: state.mode = .help
        case .quit: return .quit
        case opener?: state.mode = .browse
        default: state.message = "\(key.name): not on this screen; \(hint)"
        }
        return .redraw
    }
}
