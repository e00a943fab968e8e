import CostEngine
import Foundation

/// Views people share: the current view as text, opening a view, back and forward, bookmarks.
extension Explorer {
    /// The view shown now (with the screen, when one is open over the table that a view can name).
    public var currentView: ExplorerView {
        ExplorerView(state: state, screen: activeScreen == MoversScreen.id ? MoversScreen.id.rawValue : nil)
    }

    /// Shows `view`: the table at its place, then its screen. Recorded as a visit. A question the
    /// cache cannot answer (an unknown tag key) shows its error in the status line, as `:by` does.
    public func open(_ view: ExplorerView) {
        let before = ExplorerView(state: state)
        view.apply(to: &state, defaultPath: queries.defaultPath(tagKey: state.tagKey))
        recompute()
        if before.place != view.place { history.visit(from: before) }
        apply(.close)
        if let screen = view.screen, screen == MoversScreen.id.rawValue { apply(.open(.movers)) }
    }

    /// Back to the view before (nil: nothing to go back to).
    func goBack() -> ScreenEffect {
        guard let previous = history.goBack(from: ExplorerView(state: state)) else { return .message("no view to go back to") }
        return show(previous)
    }

    /// Forward again after going back.
    func goForward() -> ScreenEffect {
        guard let next = history.goForward(from: ExplorerView(state: state)) else { return .message("no view to go forward to") }
        return show(next)
    }

    /// Shows a view from the history without recording a visit.
    private func show(_ view: ExplorerView) -> ScreenEffect {
        view.apply(to: &state, defaultPath: queries.defaultPath(tagKey: state.tagKey))
        recompute()
        return .none
    }

    /// Opens a view's text (`:view`).
    func openView(text: String) -> ScreenEffect {
        do {
            open(try ExplorerView(text: text))
            return .none
        } catch {
            return .message("\(error)")
        }
    }

    /// Saves the current view under `name` (`:bookmark NAME`).
    func saveBookmark(_ name: String) -> ScreenEffect {
        guard let bookmarksPath else { return .message("bookmarks: no config folder") }
        guard !name.isEmpty else { return .message("bookmark: give a name") }
        var bookmarks = Bookmarks(path: bookmarksPath)
        do {
            try bookmarks.save(currentView, as: name)
            return .message("bookmarked \(name)")
        } catch {
            return .message("bookmark not saved: \(error)")
        }
    }

    /// Opens a bookmark (`:go NAME`); alone, lists the names.
    func openBookmark(_ name: String) -> ScreenEffect {
        let bookmarks = bookmarksPath.map(Bookmarks.init)
        guard let views = bookmarks?.views, !views.isEmpty else { return .message("no bookmarks yet (:bookmark NAME saves one)") }
        guard let text = views[name] else { return .message("bookmarks: " + views.keys.sorted().joined(separator: ", ")) }
        return openView(text: text)
    }
}
