/// A consumer of generated line items: the CUR writer, the FOCUS writer, or a counter.
protocol LineItemSink: AnyObject {
    /// A new billing period starts; all following lines belong to it.
    func beginPeriod(_ period: BillingPeriod) throws
    /// One line of the current period.
    func write(_ item: LineItem) throws
    /// The current period is complete.
    func endPeriod() throws
}
