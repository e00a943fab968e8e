/// Runs `SeriesDetector` over every node's series and returns the episodes that can be reported.
///
/// Two things make it fast at tens of millions of rows (about 100,000 usage-type leaves), neither
/// changing what is reported:
/// - **Series too small to be reported are not examined.** An anomaly is reported when
///   |actual − expected| reaches `minimumImpact`, both summed over its days. Every day's actual
///   value and every expected value (a median, a level, or zero) is at most the series' largest
///   magnitude M, and an anomaly spans at most the N days from the first that may start one to the
///   last, so |actual − expected| ≤ 2·N·M. A series with 2·N·M below `minimumImpact` (with a margin
///   for rounding) cannot give one. At 50M rows the minimum is 0.5% of the median day's bill, and
///   most leaves are far below it.
/// - **Baselines are filled as needed** (`DayBaselines`): the robust scale only for days that could
///   be above their band, and with buffers reused from series to series.
///
/// `exhaustive` examines every series with every day's baseline in full, as the detector did
/// before these: the tests compare the two on generated bills.
struct EpisodeScan {
    let settings: AnomalySettings
    var exhaustive = false

    /// What a scan found.
    struct Result {
        /// Each examined node's episodes (those with any), in node order.
        var found: [(node: Int, episodes: [SeriesDetector.Episode])] = []
        /// How many series were examined.
        var examined = 0
    }

    /// Every node's episodes.
    /// - Parameter from: the first day index that may start an anomaly.
    func run(_ nodes: NodeSeries, from: Int) -> Result {
        let detector = SeriesDetector(settings: settings)
        let days = nodes.dayCount
        var baselines = DayBaselines()
        var result = Result()
        nodes.missing.withUnsafeBufferPointer { missing in
            nodes.withAllSeries { all in
                for node in 0..<nodes.count {
                    let series = UnsafeBufferPointer(rebasing: all[(node * days)..<((node + 1) * days)])
                    guard exhaustive || Self.canReach(settings.minimumImpact, series, days: days - max(1, from)) else { continue }
                    result.examined += 1
                    let episodes = detector.episodes(series, missing: missing, partialLast: nodes.partialLast, from: from,
                                                     baselines: &baselines, everyDay: exhaustive)
                    if !episodes.isEmpty { result.found.append((node, episodes)) }
                }
            }
        }
        return result
    }

    /// Whether any anomaly of `series` spanning at most `days` days could reach `minimumImpact`:
    /// 2 × days × the largest magnitude in the series, with a relative margin far above the
    /// rounding of sums over a few hundred days.
    static func canReach(_ minimumImpact: Double, _ series: UnsafeBufferPointer<Double>, days: Int) -> Bool {
        var largest = 0.0
        for value in series { largest = max(largest, abs(value)) }
        return 2 * Double(max(0, days)) * largest * (1 + 1e-6) >= minimumImpact
    }
}
