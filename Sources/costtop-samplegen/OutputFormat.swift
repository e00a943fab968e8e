import ArgumentParser

/// Which exports to write.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
    case cur, focus, both

    var writesCUR: Bool { self != .focus }
    var writesFOCUS: Bool { self != .cur }
}
