/// One action of the explorer, known by its stable long name (`move-down`, `mark-expected`). The
/// names are what users write in the config file's `[keys]`, so they never change; the rows of
/// `CommandTable` say for each its screen, default keys and help.
///
/// A struct rather than an enum so that each screen declares its own commands in its own folder
/// (`extension ExplorerCommand { static let … }`) and adding a screen touches no shared list but
/// the registration in `ScreenRegistry`.
public struct ExplorerCommand: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The long name.
    public let rawValue: String

    /// The command of that long name, or nil when no screen registers one by that name.
    public init?(rawValue: String) {
        guard CommandTable.standard.row(named: rawValue) != nil else { return nil }
        self.rawValue = rawValue
    }

    /// A command name declared by a screen (checked once, by the table's tests, for uniqueness).
    init(_ name: String) { rawValue = name }

    public var description: String { rawValue }

    /// Every command, in help order.
    public static var allCases: [ExplorerCommand] { CommandTable.standard.rows.map(\.command) }

    /// The command's row in the table.
    public var row: CommandRow {
        guard let row = CommandTable.standard.row(named: rawValue) else {
            preconditionFailure("command \(rawValue) has no row: register its screen in ScreenRegistry")
        }
        return row
    }

    /// What the command does, for the help screen.
    public var help: String { row.help }

    /// The keys bound by default.
    public var defaultKeys: [KeyEvent] { row.defaultKeys }

    /// The screen (or shared group) whose keys it is.
    public var screen: ScreenID { row.screen }
}

/// One row of the command table: a command, where its keys work, its default keys and help.
public struct CommandRow: Sendable {
    public let command: ExplorerCommand
    /// The screen, or shared group of keys (`ScreenID.everywhere`, `ScreenID.lists`), it belongs to.
    public let screen: ScreenID
    public let defaultKeys: [KeyEvent]
    public let help: String
    /// The words that run it after `:` (`period`, `q`); empty for commands that only have keys.
    public let verbs: [String]
    /// What the verb takes, for help (`FROM..TO|last-7d|…`); nil when it takes nothing.
    public let argument: String?

    init(_ command: ExplorerCommand, _ screen: ScreenID, keys: [KeyEvent], _ help: String, verbs: [String] = [],
         argument: String? = nil) {
        self.command = command
        self.screen = screen
        self.defaultKeys = keys
        self.help = help
        self.verbs = verbs
        self.argument = argument
    }
}
