/// Carries a non-Sendable value into a worker thread that is its only user meanwhile (the two halves
/// of a parallel ingest or query scan write disjoint data). The caller vouches for that; the
/// compiler cannot check it.
public struct UncheckedSendable<T>: @unchecked Sendable {
    public let value: T
    public init(_ value: T) { self.value = value }
}
