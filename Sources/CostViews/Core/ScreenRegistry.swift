/// The explorer's screens. Adding a screen is its folder under `Screens/` and one line here.
enum ScreenRegistry {
    static var screens: [any Screen.Type] {
        [
            TableScreen.self,
            CommitmentsScreen.self,
            AnomaliesScreen.self,
            MoversScreen.self,
            MoverNoteScreen.self,
            BurnDownScreen.self,
            RegroupScreen.self,
            FilterScreen.self,
            CommandLineScreen.self,
            HelpScreen.self,
        ]
    }

    /// The command table's groups: shared keys first, then each screen's.
    static var commandGroups: [CommandTable.Group] {
        [CoreCommands.everywhere, CoreCommands.lists] + screens.flatMap { $0.commandGroups }
    }
}
