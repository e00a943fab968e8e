import ArgumentParser

/// The `costtop` command: a terminal cloud-cost explorer and its scriptable subcommands.
@main
struct Costtop: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "costtop",
        abstract: "Explore cloud bills (AWS CUR, CUR 2.0, FOCUS, Google Cloud, Azure) from the terminal.",
        discussion: """
            With no subcommand, costtop opens the explorer on the default cache (building it from the \
            bundled sample data first when there is none); in a pipe it prints spend by account instead.

            Exit codes: 0 success; 64 bad usage; 65 invalid input data; 66 a file or cache that does \
            not exist; 74 an I/O error; 75 try again later (the cache is locked, an alert's --exec failed); \
            10 `alert` reported new anomalies, `budgets --check` found an alert crossed; 1 anything else.
            """,
        version: costtopVersionString,
        subcommands: [Explore.self, Overview.self, Ingest.self, Query.self, Coverage.self, Commitments.self, Anomalies.self, Alert.self,
                      Movers.self, Showback.self, RulesCommand.self, Metrics.self, ReportCommand.self, SQL.self,
                      Forecast.self, Budgets.self],
        defaultSubcommand: Explore.self
    )
}
