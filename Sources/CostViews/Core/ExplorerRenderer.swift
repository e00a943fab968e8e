/// Draws the explorer into a cell grid: the active screen, or the table with an overlay screen
/// (the regroup chooser, a prompt) over it. Pure: the same explorer and size give the same grid,
/// and nothing is written back (screens keep their scroll positions in `settle`).
public enum ExplorerRenderer {
    /// Smallest usable size; below it the screen says so instead of drawing garbage.
    public static let minimumWidth = 60
    public static let minimumHeight = 12

    /// Draws the whole screen.
    public static func render(_ explorer: Explorer, width: Int, height: Int, unicode: Bool) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        guard width >= minimumWidth, height >= minimumHeight else {
            let message = "Terminal too small: \(width)×\(height) (costtop needs \(minimumWidth)×\(minimumHeight))"
            grid.put(unicode ? message : message.replacingOccurrences(of: "×", with: "x"),
                     x: 0, y: min(height / 2, max(0, height - 1)), role: .error, unicode: unicode)
            return grid
        }
        let context = explorer.context(unicode: unicode)
        let active = explorer.active
        if type(of: active).isOverlay || type(of: active).id == TableScreen.id {
            explorer.screen(TableScreen.self).render(into: &grid, context: context)
        }
        if type(of: active).id != TableScreen.id { active.render(into: &grid, context: context) }
        return grid
    }
}
