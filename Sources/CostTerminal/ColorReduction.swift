import CostViews

/// Maps theme colours (256-colour palette indices) onto what a smaller terminal can show.
///
/// Themes are written for 256 colours; on a 16- or 8-colour terminal an index the terminal does
/// not have would be drawn as garbage or not at all, so it is replaced by the basic colour that
/// looks closest. Closeness is measured on the xterm default palette with the "redmean"
/// weighting, which tracks perceived difference far better than plain RGB distance for the
/// saturated colours themes use, at the cost of a few integer multiplications.
public enum ColorReduction {
    // MARK: - Reduction

    /// The colour a terminal with `colors` colours shows for `color`.
    ///
    /// - Parameters:
    ///   - color: a 256-colour palette index.
    ///   - colors: how many colours the terminal has (256, 16 or 8; anything from 16 to 255 is
    ///     treated as 16, because only the 16 basic colours are the same on every such terminal).
    /// - Returns: `color` itself when the terminal has it, else the nearest of the first 16 or 8
    ///   indices. With fewer than 8 colours the answer is meaningless; callers draw without colour.
    public static func nearest(_ color: ThemeColor, colors: Int) -> ThemeColor {
        let available = colors >= 256 ? 256 : (colors >= 16 ? 16 : 8)
        if Int(color.index) < available { return color }
        let target = rgb(color)
        // Greys stay grey: by distance alone a mid grey is nearer to cyan than to white on an
        // 8-colour terminal, and muted text would turn blue-green.
        let isGrey = max(target.red, target.green, target.blue) - min(target.red, target.green, target.blue) < 24
        let candidates = isGrey ? (available == 8 ? [0, 7] : [0, 7, 8, 15]) : Array(0..<available)
        var best = 0
        var bestDistance = Int.max
        for candidate in candidates {
            let distance = perceivedDistance(target, basicPalette[candidate])
            if distance < bestDistance {
                best = candidate
                bestDistance = distance
            }
        }
        return ThemeColor(UInt8(best))
    }

    /// A foreground the reader can tell apart from `background` after both were reduced.
    ///
    /// Two different theme colours can collapse into the same basic colour (dark grey text on a
    /// black band becomes black on black); the text would then vanish. In that case the result is
    /// black or white, whichever contrasts more with the background.
    ///
    /// - Parameters:
    ///   - foreground: the reduced foreground.
    ///   - background: the reduced background.
    /// - Returns: `foreground`, or a contrasting basic colour when the two are equal.
    public static func readableForeground(_ foreground: ThemeColor, on background: ThemeColor) -> ThemeColor {
        guard foreground == background else { return foreground }
        let (red, green, blue) = rgb(background)
        // Rec. 601 luma, scaled by 1000: light backgrounds get black text.
        let luma = 299 * red + 587 * green + 114 * blue
        return luma > 128_000 ? ThemeColor(0) : ThemeColor(7)
    }

    // MARK: - The palette

    /// The red, green and blue (0-255) that xterm shows for a 256-colour index by default.
    public static func rgb(_ color: ThemeColor) -> (red: Int, green: Int, blue: Int) {
        let index = Int(color.index)
        switch index {
        case 0..<16:
            return basicPalette[index]
        case 16..<232:
            // The 6×6×6 cube; its levels are not evenly spaced (0, 95, 135, 175, 215, 255).
            let cube = index - 16
            return (cubeLevel(cube / 36), cubeLevel(cube / 6 % 6), cubeLevel(cube % 6))
        default:
            // The grey ramp from 8 to 238 in steps of 10.
            let grey = 8 + 10 * (index - 232)
            return (grey, grey, grey)
        }
    }

    /// xterm's defaults for the 16 basic colours; terminals differ a little, but the nearest
    /// colour rarely changes with them.
    private static let basicPalette: [(red: Int, green: Int, blue: Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0),
        (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0),
        (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    private static func cubeLevel(_ step: Int) -> Int {
        step == 0 ? 0 : 55 + 40 * step
    }

    /// Squared "redmean" distance, scaled by 256 to stay in integers.
    private static func perceivedDistance(_ a: (red: Int, green: Int, blue: Int),
                                          _ b: (red: Int, green: Int, blue: Int)) -> Int {
        let meanRed = (a.red + b.red) / 2
        let red = a.red - b.red
        let green = a.green - b.green
        let blue = a.blue - b.blue
        return (512 + meanRed) * red * red + 1024 * green * green + (767 - meanRed) * blue * blue
    }
}
