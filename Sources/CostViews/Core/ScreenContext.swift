import CostCache
import CostEngine
import CostModel

/// What a screen may read while it handles an input or draws: the shared browse state, the
/// figures of the current level, anomaly findings, key bindings, and the engine's questions.
struct ScreenContext {
    let state: ExplorerState
    let data: ExplorerData
    let anomalies: AnomalyStatus
    let keyMap: KeyMap
    let queries: ExplorerQueries
    let cacheName: String
    let themeNames: [String]
    let gaugeThresholds: GaugeThresholds
    /// The terminal's size as last reported (`Explorer.resize`), for page sizes and scrolling;
    /// nil before the first report.
    let viewport: (width: Int, height: Int)?
    /// Block elements and box drawing, or ASCII only.
    var unicode = true

    var glyphs: Glyphs { Glyphs.forTerminal(unicode: unicode) }

    /// The current findings, when detection is done.
    var findings: AnomalyFindings? {
        if case .found(let findings) = anomalies { return findings }
        return nil
    }
}
