/// Where the table's parts go at a terminal size: the gauge strip under the breadcrumb when there
/// are commitment figures, the detail pane on the right when wide, below when tall, else hidden.
/// Pure, so key handling (scrolling) and drawing agree.
struct TableLayout {
    typealias Frame = (x: Int, y: Int, width: Int, height: Int)

    /// The table pane: column titles, rows, total line.
    let table: Frame
    let detail: Frame?
    /// The gauge strip's row, when it is drawn.
    let strip: Int?
    let statusRow: Int

    init(width: Int, height: Int, state: ExplorerState, data: ExplorerData) {
        var tableTop = 3
        if data.commitmentSummary != nil || data.commitmentPending {
            strip = tableTop
            tableTop += 1
        } else {
            strip = nil
        }
        statusRow = height - 1
        var tableWidth = width
        var tableBottom = statusRow  // exclusive
        if state.showDetail && width >= 140 {
            tableWidth = width - 50
            detail = (tableWidth + 1, tableTop, width - tableWidth - 1, statusRow - tableTop)
        } else if state.showDetail && height >= 34 {
            tableBottom = statusRow - 13
            detail = (0, tableBottom, width, 13)
        } else {
            detail = nil
        }
        table = (0, tableTop, tableWidth, tableBottom - tableTop)
    }

    /// Rows of the level shown at once (the titles and the total take two lines).
    var visibleRows: Int { max(1, table.height - 2) }
}
