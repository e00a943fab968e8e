import CostEngine
import CostModel

/// How the shared browse state reads in headers: period and sort names, breadcrumb steps.
enum BrowseText {
    static func periodName(_ period: PeriodSpec) -> String {
        switch period {
        case .last7Days: return "last 7 days"
        case .last30Days: return "last 30 days"
        case .monthToDate: return "month to date"
        case .lastMonth: return "last month"
        case .all: return "all data"
        case .custom: return "custom"
        }
    }

    static func sortName(_ sort: RowOrder) -> String {
        switch sort {
        case .cost: return "cost"
        case .delta: return "Δ"
        case .absoluteDelta: return "|Δ|"
        case .name: return "name"
        }
    }

    /// A step of the breadcrumb: the key with the account name when known; a commitment's
    /// id by its distinctive end, so the rest of the path still fits.
    static func crumbLabel(_ step: DrillStep, unicode: Bool) -> String {
        if step.dimension == .fixed(.commitment) {
            return "commitment " + DisplayWidth.truncateHead(TerminalSanitizer.sanitize(step.key), to: 24, unicode: unicode)
        }
        return step.name.map { "\(step.key) (\($0))" } ?? step.key
    }
}
