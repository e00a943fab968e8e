/// Every command of every screen, as rows grouped by screen: the one table that key bindings,
/// the help screen, the `:` verbs, the config file and the scripted tests all read.
public struct CommandTable: Sendable {
    /// A screen's rows, with the title help shows above them.
    public struct Group: Sendable {
        public let screen: ScreenID
        public let title: String
        public let rows: [CommandRow]
    }

    /// The groups in help order: keys that work everywhere, movement, then each registered screen.
    public let groups: [Group]
    private let byName: [String: CommandRow]
    private let byVerb: [String: CommandRow]

    /// The table of the registered screens.
    public static let standard = CommandTable(groups: ScreenRegistry.commandGroups)

    init(groups: [Group]) {
        self.groups = groups.filter { !$0.rows.isEmpty }
        var byName: [String: CommandRow] = [:]
        var byVerb: [String: CommandRow] = [:]
        for row in groups.flatMap(\.rows) {
            // The first row of a name wins; CommandTableTests checks there is only one.
            if byName[row.command.rawValue] == nil { byName[row.command.rawValue] = row }
            for verb in row.verbs where byVerb[verb] == nil { byVerb[verb] = row }
        }
        self.byName = byName
        self.byVerb = byVerb
    }

    /// Every row, in help order.
    public var rows: [CommandRow] { groups.flatMap(\.rows) }

    /// The rows of one screen or shared group.
    public func rows(of screen: ScreenID) -> [CommandRow] { groups.filter { $0.screen == screen }.flatMap(\.rows) }

    /// The row of a long name.
    public func row(named name: String) -> CommandRow? { byName[name] }

    /// The row a `:` verb runs (`period`, `q`).
    public func row(verb: String) -> CommandRow? { byVerb[verb] }

    /// Every verb, in help order, for messages.
    public var verbs: [String] { rows.compactMap(\.verbs.first) }
}
