import CostEngine

extension ScreenID {
    /// The prompt for a mover's note.
    public static let moverNote = ScreenID("mover-note")
}

extension ExplorerCommand {
    public static let noteSave = ExplorerCommand("note-save")
    public static let noteCancel = ExplorerCommand("note-cancel")
    public static let noteErase = ExplorerCommand("note-erase")
}

/// The note prompt of the movers screen: the mover's path and the note typed so far; Enter writes
/// it to the notes file beside the cache (`MoverNotes`) and returns to the movers.
final class MoverNoteScreen: Screen {
    static let id = ScreenID.moverNote
    static let title = "Mover note (i on the movers screen)"
    static let takesText = true
    static let commands: [CommandRow] = [
        CommandRow(.noteSave, .moverNote, keys: [.enter], "save the note (an empty note removes it)"),
        CommandRow(.noteCancel, .moverNote, keys: [.escape], "return without saving"),
        CommandRow(.noteErase, .moverNote, keys: [.backspace, .delete], "erase the last character"),
    ]

    /// Separates the path from the note in the opening text.
    private static let separator: Character = "\u{1F}"

    private(set) var path = ""
    private(set) var text = ""

    init() {}

    /// What the movers screen opens the prompt with: the node and its current note.
    static func openingText(path: String, note: String?) -> String { path + String(separator) + (note ?? "") }

    func open(text: String?, context: ScreenContext) -> ScreenEffect {
        let parts = (text ?? "").split(separator: Self.separator, maxSplits: 1, omittingEmptySubsequences: false)
        path = parts.first.map(String.init) ?? ""
        self.text = parts.count > 1 ? String(parts[1]) : ""
        return .none
    }

    func handle(_ input: ScreenInput, context: ScreenContext) -> ScreenEffect {
        switch input {
        case .command(.noteSave):
            let (path, note, file) = (path, text, context.queries.moverNotesPath)
            return .all([.session { _ in
                do {
                    var notes = try MoverNotes(path: file)
                    try notes.set(note, for: path)
                    return .message(note.isEmpty ? "note removed" : "note saved")
                } catch {
                    return .message("note not saved: \(error)")
                }
            }, .open(.movers, text: "resume")])
        case .command(.noteCancel): return .open(.movers, text: "resume")
        case .command(.noteErase): if !text.isEmpty { text.removeLast() }
        case .text(let character): text.append(character)
        default: break
        }
        return .none
    }

    func render(into grid: inout CellGrid, context: ScreenContext) {
        grid.fill(x: 0, y: 0, width: grid.width, height: 2, role: .header)
        grid.put(" costtop  movers  note", x: 0, y: 0, role: .header)
        grid.putData(" " + path, x: 0, y: 1, role: .header, maxWidth: grid.width, unicode: context.unicode)
        grid.put("Note (Enter saves, Esc returns, an empty note removes it):", x: 1, y: 3, role: .title)
        grid.putData("> " + text + "_", x: 1, y: 5, maxWidth: grid.width - 2, unicode: context.unicode)
        grid.put("Notes live in \(context.queries.moverNotesPath.split(separator: "/").last ?? "")",
                 x: 1, y: 7, role: .muted, maxWidth: grid.width - 2, unicode: context.unicode)
    }
}
