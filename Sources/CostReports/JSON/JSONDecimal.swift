import CostModel

/// A JSON number written with a fixed number of decimals (`4344.50`, `20.88`), as the documented
/// output has always shown money and percentages.
///
/// `JSONWriter` writes its text as is; other encoders (a test's `JSONEncoder`) see a `Double`, and
/// decoding reads any number back.
public struct JSONDecimal: Codable, Sendable, Equatable {
    /// The number's text, e.g. `-58.03`.
    public let text: String

    /// Money rounded to the cent from nano-units.
    public init(money nanos: Int128) { text = Money.plainString(nanos) }

    /// A percentage or other figure rounded to 0.01.
    public init(_ value: Double) { text = NumberText.twoDecimals(value) }

    /// A cost per unit of a business metric, as `NumberText.unitCost` writes it (`0.0123`).
    /// (A static function: another unlabeled-looking `init` would make `map(JSONDecimal.init)` ambiguous.)
    public static func unitCost(_ value: Double) -> JSONDecimal { JSONDecimal(text: NumberText.unitCost(value)) }

    private init(text: String) { self.text = text }

    /// The value as a `Double`.
    public var value: Double { Double(text) ?? .nan }

    public init(from decoder: Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(Double.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

/// An optional JSON value written as `null` when absent (`deltaPct` when the previous cost is 0),
/// where a plain optional property would drop the field.
public struct Nullable<Wrapped: Codable & Sendable>: Codable, Sendable {
    public var value: Wrapped?

    /// `value`, or `null` when nil.
    public init(_ value: Wrapped?) { self.value = value }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        value = container.decodeNil() ? nil : try container.decode(Wrapped.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value { try container.encode(value) } else { try container.encodeNil() }
    }
}

extension Nullable: Equatable where Wrapped: Equatable {}
