/// Back and forward through the views visited, like a browser: a new visit drops the forward
/// history. Bounded, so a long session does not grow without end.
struct ViewHistory {
    private(set) var back: [ExplorerView] = []
    private(set) var forward: [ExplorerView] = []
    /// Most views kept behind.
    let limit = 100

    /// Records leaving `view` for a new one.
    mutating func visit(from view: ExplorerView) {
        if back.last?.place != view.place { back.append(view) }
        if back.count > limit { back.removeFirst(back.count - limit) }
        forward.removeAll()
    }

    /// The view before `current`, which becomes the next forward one; nil at the start.
    mutating func goBack(from current: ExplorerView) -> ExplorerView? {
        guard let previous = back.popLast() else { return nil }
        forward.append(current)
        return previous
    }

    /// The view after `current`; nil when nothing was gone back from.
    mutating func goForward(from current: ExplorerView) -> ExplorerView? {
        guard let next = forward.popLast() else { return nil }
        back.append(current)
        return next
    }
}
