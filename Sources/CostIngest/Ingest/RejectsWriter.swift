import Foundation

/// Writes rejected line items to a CSV file (file, line, column, reason, raw line) with `--keep-going`,
/// so nothing is dropped silently. The file is created on the first reject only.
final class RejectsWriter {
    let path: String
    private var handle: FileHandle?
    private(set) var count = 0

    init(path: String) { self.path = path }

    func reject(file: String, line: Int, column: String, reason: String, raw: String) throws {
        if handle == nil {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            guard let opened = FileHandle(forWritingAtPath: path) else {
                throw IngestError.input(path: path, reason: "cannot create the rejects file")
            }
            handle = opened
            try write("file,line,column,reason,raw\n")
        }
        count += 1
        try write([file, String(line), column, reason, raw].map(RejectsWriter.quote).joined(separator: ",") + "\n")
    }

    func close() throws {
        try handle?.close()
        handle = nil
    }

    private func write(_ text: String) throws {
        do { try handle?.write(contentsOf: Data(text.utf8)) } catch {
            throw IngestError.input(path: path, reason: "cannot write the rejects file: \(error.localizedDescription)")
        }
    }

    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
