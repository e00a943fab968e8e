/// Stops the fuzzer on a broken invariant, so libFuzzer saves the input that broke it.
///
/// A crash is what libFuzzer records; `fatalError` traps in every build mode, with the message
/// (the two disagreeing outcomes) in the log next to the saved input.
@inline(never)
func fuzzFailure(_ message: @autoclosure () -> String, file: StaticString = #file, line: UInt = #line) -> Never {
    fatalError("fuzz invariant broken: \(message())", file: file, line: line)
}

/// `fuzzFailure` unless `condition` holds.
@inline(__always)
func fuzzCheck(_ condition: Bool, _ message: @autoclosure () -> String,
               file: StaticString = #file, line: UInt = #line) {
    if !condition { fuzzFailure(message(), file: file, line: line) }
}
