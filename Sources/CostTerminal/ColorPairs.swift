@preconcurrency import CNcurses
import CostViews

/// How ncurses draws one role: attribute bits and a colour pair.
struct CellLook: Equatable {
    var attributes: attr_t
    var pair: Int16
}

/// One ncurses colour pair per style role, built from a theme.
///
/// Pair numbers are fixed per role (pair 0 is ncurses' default and cannot be redefined), so
/// switching themes only redefines pairs: ncurses then repaints the cells that use them.
@MainActor
struct ColorPairs {
    /// The look of every role; roles missing from the theme draw as `.normal` would.
    private(set) var looks: [StyleRole: CellLook] = [:]

    /// Defines the pairs for `styles` on a terminal with `colors` colours (0: no colour at all).
    ///
    /// - Parameters:
    ///   - styles: the theme; roles it omits fall back to its `.normal` style, then to plain text.
    ///   - colors: 256, 16, 8 or 0, as decided in `TerminalCapabilities`.
    ///   - defaultColors: whether the terminal accepted `use_default_colors`; without it "no
    ///     colour" in a theme has to become white on black.
    init(styles: [StyleRole: Style], colors: Int, defaultColors: Bool) {
        let fallback = styles[.normal] ?? Style()
        let pairLimit = colors > 0 ? Int(costtop_color_pairs()) : 0
        for (offset, role) in StyleRole.allCases.enumerated() {
            let style = styles[role] ?? fallback
            var attributes = Self.attributes(of: style)
            // Without colour, a selected row would look like any other row; reverse video is
            // the one highlight every terminal has.
            if colors == 0 && role == .selection { attributes |= costtop_attr_reverse() }
            var pair: Int16 = 0
            if colors > 0 && offset + 1 < pairLimit {
                pair = Int16(offset + 1)
                let (foreground, background) = Self.colors(of: style, colors: colors, defaultColors: defaultColors)
                _ = init_pair(pair, foreground, background)
            }
            looks[role] = CellLook(attributes: attributes, pair: pair)
        }
    }

    /// The look for `role`.
    subscript(role: StyleRole) -> CellLook {
        looks[role] ?? CellLook(attributes: costtop_attr_normal(), pair: 0)
    }

    // MARK: - Translating a style

    private static func attributes(of style: Style) -> attr_t {
        var attributes = costtop_attr_normal()
        if style.bold { attributes |= costtop_attr_bold() }
        if style.underline { attributes |= costtop_attr_underline() }
        if style.reverse { attributes |= costtop_attr_reverse() }
        return attributes
    }

    /// The ncurses colour numbers for a style: -1 is the terminal's own default colour.
    private static func colors(of style: Style, colors: Int, defaultColors: Bool) -> (Int16, Int16) {
        let foreground = style.foreground.map { ColorReduction.nearest($0, colors: colors) }
        let background = style.background.map { ColorReduction.nearest($0, colors: colors) }
        var resolvedForeground = foreground
        if let foreground, let background, style.foreground != style.background {
            resolvedForeground = ColorReduction.readableForeground(foreground, on: background)
        }
        let defaultForeground: Int16 = defaultColors ? -1 : Int16(COLOR_WHITE)
        let defaultBackground: Int16 = defaultColors ? -1 : Int16(COLOR_BLACK)
        return (resolvedForeground.map { Int16($0.index) } ?? defaultForeground,
                background.map { Int16($0.index) } ?? defaultBackground)
    }
}
