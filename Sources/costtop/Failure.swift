import ArgumentParser
import ByteStreams
import CostCache
import CostConfig
import CostEngine
import CostIngest
import CostModel
import Foundation

/// Exit codes scripts can rely on (BSD sysexits values).
enum ExitStatus {
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let noInput: Int32 = 66
    static let ioError: Int32 = 74
    /// Another ingest holds the cache (`--no-wait`): try again later.
    static let temporaryFailure: Int32 = 75
    /// `costtop alert` reported new anomalies (not an error: cron and scripts branch on it).
    static let alertReported: Int32 = 10
}

/// Prints an error as `costtop: error: …` on stderr and maps it to an exit code.
func reportFailure(_ error: Error) -> ExitCode {
    let (message, code): (String, Int32)
    switch error {
    case let error as IngestError:
        switch error {
        case .missing, .nothingToRead: (message, code) = (error.description, ExitStatus.noInput)
        default: (message, code) = (error.description, ExitStatus.dataError)
        }
    case let error as CacheError:
        switch error {
        case .missing, .empty: (message, code) = (error.description, ExitStatus.noInput)
        case .io: (message, code) = (error.description, ExitStatus.ioError)
        case .locked: (message, code) = (error.description, ExitStatus.temporaryFailure)
        default: (message, code) = (error.description, ExitStatus.dataError)
        }
    case let error as CSVError: (message, code) = (error.description, ExitStatus.dataError)
    case let error as ByteStreamError: (message, code) = (error.description, ExitStatus.dataError)
    case let error as QueryError: (message, code) = (error.description, ExitStatus.usage)
    // A broken config or theme file is a usage error, like a bad option: the user fixes the file.
    case let error as ConfigError: (message, code) = (error.description, ExitStatus.usage)
    case let error as ReportWriteError: (message, code) = (error.description, ExitStatus.ioError)
    default: (message, code) = ("\(error)", 1)
    }
    // Messages quote values from billing files: escape control characters before they reach a terminal.
    FileHandle.standardError.write(Data("costtop: error: \(TerminalSanitizer.sanitize(message))\n".utf8))
    return ExitCode(code)
}

let costtopVersionString = costtopVersion
