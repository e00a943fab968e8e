/// Movement in the explorer's list screens (commitments, anomalies): the same keys as the table.
enum ListNavigation {
    /// The index `command` moves to from `index` in a list of `count`, or nil when it is not a
    /// movement command.
    static func target(of command: ExplorerCommand?, from index: Int, count: Int) -> Int? {
        let target: Int
        switch command {
        case .moveDown: target = index + 1
        case .moveUp: target = index - 1
        case .pageDown: target = index + 10
        case .pageUp: target = index - 10
        case .moveTop: target = 0
        case .moveBottom: target = count - 1
        default: return nil
        }
        return max(0, min(target, count - 1))
    }
}

extension ListNavigation {
    /// The first visible row of a list of `count` rows, `visible` at a time, that keeps `selected`
    /// in view and moves as little as possible from `current`.
    static func scroll(current: Int, selected: Int, count: Int, visible: Int) -> Int {
        var scroll = min(current, max(0, count - visible))
        if selected < scroll { scroll = selected }
        if selected >= scroll + visible { scroll = selected - visible + 1 }
        return max(0, scroll)
    }
}
