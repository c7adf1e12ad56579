import KioskDomain

/// Monitoring visits over the records' months: every 90 days at low risk, 60 at medium, 30 at high
/// (DOMAIN.md: higher-risk children monthly, others at least quarterly), each set as the visit's
/// follow-up date. Visits come a few days early or late; 6% of gaps run one to five months over;
/// 1.5% of children stop being visited, 3% are never visited: the overdue list has work in it.
extension TownshipRun {
    func visits(_ children: [DemoChild]) throws {
        let levels = ["low", "medium", "high"]
        for child in children {
            guard !self.random.chance(0.03) else { continue }
            let interval = [90, 60, 30][child.risk]
            var day = self.day(from: max(child.registered, self.spec.start), to: max(child.registered, self.spec.start).adding(days: interval))
            while day <= self.spec.until {
                let followUp = day.adding(days: interval)
                try self.writer.insert(
                    "core_visit", "visit_id, child_id, visit_date, worker_id, observations, risk_level, follow_up_date, created_at",
                    [self.ids.make("V"), child.id, day.isoString, self.director(of: child.village), self.random.pick(DemoNames.observations),
                     levels[child.risk], followUp.isoString, DemoTime.office(day, &self.random)]
                )
                if self.random.chance(0.0015 * Double(interval) / 30) { break }
                let late = self.random.chance(0.06) ? self.random.int(30...150) : max(-10, min(20, Int(self.random.normal(deviation: 7))))
                day = followUp.adding(days: late)
            }
        }
    }
}
