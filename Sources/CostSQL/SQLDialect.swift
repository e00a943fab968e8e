import Foundation
import CostModel

/// What differs between engines in the roll-up SQL, and nothing else: every source mapping is
/// written once against these operations (`SourceMapping`), so 5 sources × 5 engines need 5
/// mappings and 4 dialects, not 25 hand-written queries.
///
/// Each operation takes SQL expressions as text and returns an expression.
public struct SQLDialect: Sendable {
    /// A map or key/value list that holds tags, and how its keys become costtop's tag keys.
    public struct TagSource: Sendable {
        /// The SQL expression of the map (or of the list of `key`/`value` structs, `isEntryList`).
        var expression: String
        /// Whether `expression` is a list of `key`/`value` structs (BigQuery labels) rather than a MAP.
        var isEntryList: Bool
        /// The costtop tag key for a key expression (`substr(k, 6)` to drop `user_`).
        var key: @Sendable (String) -> String
    }

    /// The dialect's name, for comments.
    let name: String
    /// Quotes an identifier (a column or an alias).
    let quote: @Sendable (String) -> String
    /// The UTC calendar day (DATE) of a TIMESTAMP expression.
    let day: @Sendable (String) -> String
    /// The DATE of a text expression written `MM/DD/YYYY` or `YYYY-MM-DD…` (Azure's `Date`).
    let parseDay: @Sendable (String) -> String
    /// The DATE after a DATE expression.
    let nextDay: @Sendable (String) -> String
    /// The SQL type of money: exact, nine decimals (costtop keeps nano-units).
    let moneyType: String
    /// The SQL type of quantities: exact, three decimals (costtop keeps thousandths).
    let quantityType: String
    /// A JSON object text (`{"team":"web"}`) of constant keys and text values, leaving out null and
    /// empty values, as the CUR adapter reads tag columns.
    let jsonObject: @Sendable ([(key: String, value: String)]) -> String
    /// A JSON object text of the entries of several tag maps, keys rewritten, empty values left out.
    let tagsJSON: @Sendable ([TagSource]) -> String
    /// The sum, as money, of `value` (an expression of `element`) over the elements of a list that
    /// satisfy `condition` (BigQuery's `credits`); 0 for an empty or null list.
    let listSum: @Sendable (_ list: String, _ element: String, _ value: String, _ condition: String?) -> String

    /// `CAST(x AS <money type>)`.
    func money(_ expression: String) -> String { "CAST(\(expression) AS \(moneyType))" }

    /// `CAST(x AS <quantity type>)`.
    func quantity(_ expression: String) -> String { "CAST(\(expression) AS \(quantityType))" }

    /// A DATE literal.
    func date(_ day: Day) -> String { "DATE '\(day)'" }

    /// A text literal, quotes doubled.
    func text(_ value: String) -> String { "'" + value.replacingOccurrences(of: "'", with: "''") + "'" }

    /// A column reference, each part of a dotted path quoted (`"service"."description"`).
    func column(_ path: String) -> String { path.split(separator: ".").map { quote(String($0)) }.joined(separator: ".") }
}
