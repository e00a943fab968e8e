/// Finds each row's account, account/service and account/service/usage-type nodes for
/// `NodeSeries`, reading the day before instead of a hash table.
///
/// The rows of a day are clustered by account, service and usage type (cache format 2), and a
/// bill's leaves are nearly the same from one day to the next. So the cursor keeps the day
/// before's leaves in row order with their nodes, and walks it alongside today's rows: a leaf seen
/// yesterday is found a few steps ahead, in memory read in order. At 50M rows a leaf has one or
/// two rows a day, and a hash lookup per leaf and day (a cache miss in a table of 100,000 leaves)
/// was the largest part of building the series. Anything not found that way (a new leaf, rows in
/// another order) is asked of `create`, the hash table; which node a row gets never depends on
/// the order, only how fast it is found.
struct HierarchyCursor {
    /// A row's three nodes.
    typealias Nodes = (account: Int, service: Int, usage: Int)

    private var yesterday: [(key: UInt64, nodes: Nodes)] = []
    private var today: [(key: UInt64, nodes: Nodes)] = []
    private var position = 0
    private var day = Int.min
    private var last: (key: UInt64, nodes: Nodes)?

    /// The nodes of the leaf `key` (`NodeSeries.pack(3, …)`, ascending within a day when the rows
    /// are clustered) on `day`; `create` finds or makes them when the day before did not have it.
    mutating func nodes(day: Int, key: UInt64, create: () -> Nodes) -> Nodes {
        if day != self.day {
            swap(&yesterday, &today)
            today.removeAll(keepingCapacity: true)
            position = 0
            self.day = day
            last = nil
        }
        // Rows of one leaf follow each other (one per resource, region or tag set).
        if let last, last.key == key { return last.nodes }
        while position < yesterday.count && yesterday[position].key < key { position += 1 }
        let nodes: Nodes
        if position < yesterday.count && yesterday[position].key == key {
            nodes = yesterday[position].nodes
            position += 1
        } else {
            nodes = create()
        }
        today.append((key, nodes))
        last = (key, nodes)
        return nodes
    }
}
