extension Duration {
    /// The duration in seconds, for timings people read (`--timings`, benchmarks).
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
