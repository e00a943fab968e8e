/// A colour as a 256-colour palette index (0-15 the classic 16 colours).
public struct ThemeColor: Hashable, Sendable {
    public var index: UInt8
    public init(_ index: UInt8) { self.index = index }
}

/// How a role is drawn: colours (nil = terminal default) and attributes.
public struct Style: Hashable, Sendable {
    public var foreground: ThemeColor?
    public var background: ThemeColor?
    public var bold = false
    public var underline = false
    public var reverse = false

    public init(foreground: ThemeColor? = nil, background: ThemeColor? = nil, bold: Bool = false,
                underline: Bool = false, reverse: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
    }
}

/// What the terminal can show, decided once at start-up by the terminal layer and passed to the
/// views so they pick glyphs (Unicode or ASCII) and the theme picks colours.
public struct TerminalCapabilities: Hashable, Sendable {
    /// 256, 16, 8, or 0 (no colour: `NO_COLOR`, `TERM=dumb`-like terminals).
    public var colors: Int
    /// Whether the locale is UTF-8 (block elements, box drawing); ASCII otherwise.
    public var unicode: Bool

    public init(colors: Int, unicode: Bool) {
        self.colors = colors
        self.unicode = unicode
    }
}
