import CostModel

/// One kind of tabular input read record by record: a CSV file (or chunk of one), a Parquet row
/// group, a JSON Lines file. Format adapters read fields only through this protocol, so they work
/// on any container.
///
/// Values are read in their typed form: text as UTF-8 bytes, amounts as fixed point, timestamps as
/// UTC days, maps (tags) as key/value pairs. A textual container parses its text; a typed one
/// (Parquet) converts its stored values. Bytes returned are valid until the next call to `next()`.
///
/// Offsets (`nextRecordOffset`, `stopOffset`) are positions in the file in a unit the container
/// chooses (bytes for CSV, row-group starts for Parquet); they only need to grow through the file,
/// so the chunked read can check that one unit ended where the next began.
public protocol RecordSource: AnyObject {
    /// Advances to the next record; false at the end of the unit.
    /// - Throws: structural damage (`CSVError`, a container's own error) naming file and place.
    func next() throws -> Bool
    /// Fields of the current record (the header's width when the record is well formed).
    var fieldCount: Int { get }
    /// Where the current record is, counted from the start of this source: the line for text
    /// files, the row for columnar ones. The chunked read adds the lines of the units before.
    var line: Int { get }
    /// Lines (or rows) this source has read so far: the next unit's numbers start after them.
    var linesConsumed: Int { get }
    /// The current record as text, for the rejects file.
    var rawRecord: String { get }

    /// Where the next unread record starts.
    var nextRecordOffset: Int64 { get }
    /// When set, reading stops before the first record starting at or after this offset.
    var stopOffset: Int64? { get set }
    /// Bytes of the file consumed so far, for progress.
    var inputBytesConsumed: Int64 { get }

    /// The field's text as UTF-8 bytes; empty when the value is missing or null.
    func text(_ column: Int) -> UnsafeRawBufferPointer
    /// Whether the field is missing or null.
    func isNull(_ column: Int) -> Bool
    /// The field as a fixed-point integer with `scaleDigits` decimal digits (`12.5` at 3 digits is
    /// 12500); 0 when missing.
    func fixedPoint(_ column: Int, scaleDigits: Int) throws(FieldError) -> Int64
    /// The UTC day of a timestamp or date field; nil when missing.
    func utcDay(_ column: Int) throws(FieldError) -> Day?
    /// Calls `body` with each key and value of a map field (tags); nothing when missing. Null
    /// values are skipped, as an absent tag.
    func forEachEntry(_ column: Int,
                      _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Void) throws(FieldError)

    /// The current row's identity over `columns`, for the roll-up's `RowMemo`: two rows of one
    /// epoch with equal signatures hold the same values in those columns. Nil when this source
    /// cannot tell (the default: text containers, whose values have no identity but their bytes).
    /// The bytes stay valid until the next call to `next()`.
    func rowSignature(_ columns: UnsafeBufferPointer<Int>) -> UnsafeRawBufferPointer?
    /// The unit whose identities signatures are made of; a new value whenever they change meaning.
    var signatureEpoch: Int { get }
}

extension RecordSource {
    /// Text containers have no row signatures.
    public func rowSignature(_ columns: UnsafeBufferPointer<Int>) -> UnsafeRawBufferPointer? { nil }
    /// Text containers have no row signatures.
    public var signatureEpoch: Int { 0 }
}

/// Why one field's value could not be read as the type asked for (the caller adds the column).
public struct FieldError: Error, Equatable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}
