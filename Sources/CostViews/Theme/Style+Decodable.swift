import CostConfig

/// One role of a theme file: `fg` and `bg` as 256-colour palette indexes, `bold`, `underline` and
/// `reverse` as true or false. Keys left out are off (the terminal's default colour, no attribute).
extension Style: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case fg, bg, bold, underline, reverse
    }

    /// Reads a role's mapping; an empty value (`normal:` or `normal: {}`) is the plain style.
    /// - Throws: `ConfigProblem` at an unknown key or a colour outside 0-255; `DecodingError` for a
    ///   flag that is not true or false.
    public init(from decoder: any Decoder) throws {
        self.init()
        if (try? decoder.singleValueContainer().decodeNil()) == true { return }
        try decoder.rejectUnknownKeys(CodingKeys.self, kind: "key")
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let palette = "a 256-colour palette index from 0 to 255"
        foreground = try container.decodeIfPresent(Int.self, forKey: .fg, in: 0...255, expected: palette).map { ThemeColor(UInt8($0)) }
        background = try container.decodeIfPresent(Int.self, forKey: .bg, in: 0...255, expected: palette).map { ThemeColor(UInt8($0)) }
        bold = try container.decodeIfPresent(Bool.self, forKey: .bold) ?? false
        underline = try container.decodeIfPresent(Bool.self, forKey: .underline) ?? false
        reverse = try container.decodeIfPresent(Bool.self, forKey: .reverse) ?? false
    }
}
