/// The help screen (generated from the command table and the current key map) and the regroup chooser.
enum HelpOverlay {
    static func render(_ explorer: Explorer, into grid: inout CellGrid, unicode: Bool) {
        grid.fill(x: 0, y: 0, width: grid.width, height: 1, role: .header)
        grid.put(" costtop help — any key returns", x: 0, y: 0, role: .header, unicode: unicode)
        var y = 2
        let keyWidth = 18
        for command in ExplorerCommand.allCases where y < grid.height - 1 {
            let keys = explorer.keyMap.keys(for: command).map(\.name).joined(separator: " ")
            grid.put(keys, x: 2, y: y, role: .statusKey, maxWidth: keyWidth, unicode: unicode)
            grid.put(command.rawValue, x: 2 + keyWidth, y: y, role: .title, maxWidth: 20, unicode: unicode)
            grid.put(command.help, x: 2 + keyWidth + 20, y: y, role: .normal, maxWidth: grid.width - keyWidth - 24, unicode: unicode)
            y += 1
        }
        if y < grid.height - 1 {
            grid.put("Rebind keys in $XDG_CONFIG_HOME/costtop/config.yaml (keys: then long-name: key).", x: 2, y: y + 1,
                     role: .muted, unicode: unicode)
        }
    }
}

enum RegroupOverlay {
    static func render(_ explorer: Explorer, selected: Int, into grid: inout CellGrid, top: Int, unicode: Bool) {
        let choices = explorer.groupChoices
        let width = min(32, grid.width - 4)
        let height = min(choices.count + 2, grid.height - top - 2)
        let x = 2
        grid.fill(x: x, y: top, width: width, height: height, role: .header)
        grid.put(" group this level by (g g: top)", x: x, y: top, role: .title, maxWidth: width, unicode: unicode)
        let visible = height - 2
        let first = max(0, min(selected - visible / 2, choices.count - visible))
        for (offset, choice) in choices[first..<min(choices.count, first + visible)].enumerated() {
            let y = top + 1 + offset
            let marker = first + offset == selected ? (unicode ? "▸ " : "> ") : "  "
            grid.putData(marker + choice.description, x: x + 1, y: y, role: first + offset == selected ? .selection : .header,
                         maxWidth: width - 2, unicode: unicode)
        }
    }
}
