import KioskDomain

/// How often an arrangement in effect is reviewed: every 3 months at high risk, every 6 otherwise.
/// Without an assessment the risk counts as high. (DOMAIN.md: higher-risk children are visited
/// more often, others at least quarterly; reviews of the arrangement itself follow the same idea.)
enum ReviewSchedule {
    static func intervalMonths(for risk: RiskLevel?) -> Int {
        (risk ?? .high) == .high ? 3 : 6
    }

    /// The next review after one on `date` at `risk`.
    static func nextDue(after date: CalendarDate, risk: RiskLevel?) -> CalendarDate {
        date.adding(months: self.intervalMonths(for: risk))
    }

    /// Whether a review due on `due` is overdue on `today`.
    static func isOverdue(due: CalendarDate, today: CalendarDate) -> Bool {
        due < today
    }
}
