import CosttopTestSupport
import Testing

/// `costtop sql` as a process: what it prints and its usage errors.
@Suite("costtop sql")
struct SQLCommandTests {
    @Test("prints the header comment and one SELECT, nothing on stderr")
    func prints() {
        let result = Support.costtop(["sql", "--engine", "athena", "--source", "cur2", "--table", "cur_db.cur2",
                                      "--from", "2024-07-01", "--to", "2024-07-31"])
        #expect(result.status == 0)
        #expect(result.err.isEmpty)
        #expect(result.out.hasPrefix("-- costtop daily roll-up: cur2 export"))
        #expect(result.out.contains("FROM cur_db.cur2\n"))
        #expect(result.out.contains("UNLOAD (<this SELECT>) TO 's3://"))
        #expect(result.out.components(separatedBy: "\nSELECT\n").count == 2)
    }

    static let usageErrors: [([String], String)] = [
        (["--engine", "redshift", "--source", "cur"], "'bigquery', 'spark' or 'duckdb'"),
        (["--engine", "athena", "--source", "oracle"], "'focus', 'gcp' or 'azure'"),
        (["--engine", "athena", "--source", "cur", "--from", "2024-07-01"], "give --from and --to together"),
        (["--engine", "athena", "--source", "cur", "--from", "2024-07-31", "--to", "2024-07-01"], "is before --from"),
        (["--engine", "athena", "--source", "cur", "--from", "2024-02-30", "--to", "2024-03-01"], "bad --from"),
        (["--engine", "athena", "--source", "cur2", "--tags", "team"], "--tags is for --source cur"),
        (["--engine", "athena", "--source", "cur", "--tags", "team;drop"], "bad tag key 'team;drop'"),
    ]

    @Test("bad values are usage errors (exit 64) that say what is allowed", arguments: usageErrors)
    func usage(arguments: [String], message: String) {
        let result = Support.costtop(["sql"] + arguments)
        #expect(result.status == 64, "\(arguments)")
        #expect(result.err.contains(message), "\(result.err)")
    }
}
