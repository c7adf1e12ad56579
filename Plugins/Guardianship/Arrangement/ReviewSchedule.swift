import KioskDomain

/// How often an arrangement in effect is reviewed: every `highRiskMonths` months at high risk, every
/// `otherMonths` otherwise (settings `review-months-high-risk`, 3, and `review-months-other`, 6).
/// Without an assessment the risk counts as high. (DOMAIN.md: higher-risk children are visited
/// more often, others at least quarterly; reviews of the arrangement itself follow the same idea.)
struct ReviewSchedule: Sendable, Hashable {
    var highRiskMonths: Int
    var otherMonths: Int

    func intervalMonths(for risk: RiskLevel?) -> Int {
        (risk ?? .high) == .high ? self.highRiskMonths : self.otherMonths
    }

    /// The next review after one on `date` at `risk`.
    func nextDue(after date: CalendarDate, risk: RiskLevel?) -> CalendarDate {
        date.adding(months: self.intervalMonths(for: risk))
    }

    /// Whether a review due on `due` is overdue on `today`.
    static func isOverdue(due: CalendarDate, today: CalendarDate) -> Bool {
        due < today
    }
}
