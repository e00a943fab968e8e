@preconcurrency import CNcurses
import CostViews
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Putting cells on the screen.
///
/// Slow links (SSH) set the budget: ncurses compares its virtual screen with what the terminal
/// shows and sends only the difference on `doupdate`, so a frame that changes one row costs one
/// row of bytes. The whole screen is cleared only after a resize, when the terminal's own
/// content can no longer be trusted. Rows equal to the last frame's are not even handed to
/// ncurses, which saves CPU on large terminals.
extension TerminalScreen {
    /// Draws a frame: `rows` are lines of cells from the top; the first cell of each row is the
    /// left column.
    ///
    /// Cells beyond the screen are cut off; lines and columns the rows do not reach are blanked.
    /// "" cells are the right halves of wide characters and are skipped. Text the terminal cannot
    /// show (control characters, or non-ASCII without a UTF-8 locale) is drawn as "?", so the
    /// columns stay where the views put them.
    ///
    /// - Parameter rows: the frame, normally `height` rows of `width` cells.
    public func draw(_ rows: [[Cell]]) {
        guard let window else { return }
        let (width, height) = size
        if needsClear {
            // wnoutrefresh passes the clear on to doupdate, which then repaints everything.
            _ = werase(window)
            _ = clearok(window, true)
            drawnRows = []
            needsClear = false
        }
        withUnsafeTemporaryAllocation(of: wchar_t.self, capacity: Int(CCHARW_MAX) + 2) { buffer in
            for y in 0..<height {
                let row = y < rows.count ? rows[y] : []
                if y < drawnRows.count && drawnRows[y] == row { continue }
                drawRow(row, y: y, width: width, window: window, buffer: buffer)
            }
        }
        drawnRows = Array(rows.prefix(height))
        _ = wnoutrefresh(window)
        _ = doupdate()
    }

    /// Switches to another theme at run time; the next `draw` repaints every row.
    ///
    /// - Parameter styles: the new theme, one style per role; missing roles draw as `.normal`.
    public func setStyles(_ styles: [StyleRole: Style]) {
        guard let window else { return }
        pairs = ColorPairs(styles: styles, colors: capabilities.colors, defaultColors: defaultColors)
        costtop_set_background(window, pairs[.normal].pair)
        // Attributes live in the cells, not in the pairs: every cell has to be put again.
        drawnRows = []
    }

    // MARK: - One row

    private func drawRow(_ row: [Cell], y: Int, width: Int, window: UnsafeMutablePointer<WINDOW>,
                         buffer: UnsafeMutableBufferPointer<wchar_t>) {
        let columns = min(row.count, width)
        // Whether the glyph to the left took two columns in ncurses' own measure; when the views
        // measured a character as wide and ncurses did not, the "" cell still needs a blank.
        var leftWasWide = false
        for x in 0..<columns {
            let cell = row[x]
            let look = pairs[cell.role]
            if cell.text.isEmpty {
                if !leftWasWide { put(" ", at: y, x, look, window: window, buffer: buffer) }
                leftWasWide = false
                continue
            }
            var glyphWidth = encode(cell.text, into: buffer)
            if glyphWidth == 2 && x + 1 >= columns {
                // Half a wide character does not fit; ncurses would refuse it and leave the cell stale.
                glyphWidth = encode(" ", into: buffer)
            }
            _ = costtop_put_cell(window, Int32(y), Int32(x), buffer.baseAddress, look.attributes, look.pair)
            leftWasWide = glyphWidth == 2
        }
        if columns < width {
            _ = wmove(window, Int32(y), Int32(columns))
            _ = wclrtoeol(window)
        }
    }

    private func put(_ text: String, at y: Int, _ x: Int, _ look: CellLook, window: UnsafeMutablePointer<WINDOW>,
                     buffer: UnsafeMutableBufferPointer<wchar_t>) {
        _ = encode(text, into: buffer)
        _ = costtop_put_cell(window, Int32(y), Int32(x), buffer.baseAddress, look.attributes, look.pair)
    }

    // MARK: - Text to wide characters

    /// Writes one grapheme as a NUL-terminated wide string (at most `CCHARW_MAX` characters, as
    /// ncurses keeps no more per cell) and returns the columns ncurses will give it, 1 or 2.
    func encode(_ text: String, into buffer: UnsafeMutableBufferPointer<wchar_t>) -> Int {
        let limit = Int(CCHARW_MAX)
        var count = 0
        var showable = true
        for scalar in text.unicodeScalars {
            if count == 0 {
                // Under a non-UTF-8 locale ncurses would print non-ASCII as escapes several columns wide.
                showable = KeyDecoding.isPrintable(scalar.value) && (capabilities.unicode || scalar.isASCII)
            } else if !capabilities.unicode && !scalar.isASCII {
                showable = false
            }
            if count < limit {
                buffer[count] = wchar_t(bitPattern: scalar.value)
                count += 1
            }
        }
        if count == 0 || !showable {
            buffer[0] = wchar_t(UInt8(ascii: "?"))
            count = 1
        }
        let columns = costtop_wcwidth(buffer[0])
        if columns < 0 {
            // Unknown to the C library (often an emoji newer than glibc's tables): ncurses would
            // draw it unpredictably.
            buffer[0] = wchar_t(UInt8(ascii: "?"))
            count = 1
        } else if columns == 0 {
            // A lone combining mark would join the cell to its left and leave this one stale:
            // give it a space to sit on.
            count = min(count + 1, limit)
            for index in stride(from: count - 1, to: 0, by: -1) { buffer[index] = buffer[index - 1] }
            buffer[0] = wchar_t(UInt8(ascii: " "))
        }
        buffer[count] = 0
        return columns == 2 ? 2 : 1
    }
}
