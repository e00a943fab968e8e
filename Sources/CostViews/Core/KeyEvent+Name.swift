// Key names as help and the config file write them.

extension KeyEvent {
    /// The key as written in help and in the config file: `j`, `Enter`, `Up`, `F1`, `Space`, ...
    public var name: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let character): return String(character)
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .backspace: return "Backspace"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .delete: return "Delete"
        case .function(let number): return "F\(number)"
        case .resize: return "Resize"
        case .interrupt: return "Interrupt"
        }
    }

    /// Parses a key name as `name` writes it.
    public init?(name: String) {
        let named: [String: KeyEvent] = [
            "Space": .character(" "), "Up": .up, "Down": .down, "Left": .left, "Right": .right, "PgUp": .pageUp,
            "PgDn": .pageDown, "Home": .home, "End": .end, "Enter": .enter, "Backspace": .backspace, "Esc": .escape,
            "Tab": .tab, "Delete": .delete,
        ]
        if let key = named[name] { self = key; return }
        if name.hasPrefix("F"), let number = Int(name.dropFirst()), (1...12).contains(number) { self = .function(number); return }
        guard name.count == 1, let character = name.first else { return nil }
        self = .character(character)
    }
}
