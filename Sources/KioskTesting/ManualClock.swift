public import Foundation
public import KioskDomain
public import KioskPluginKit

import Synchronization

/// A clock that stands still until a test moves it, for rules about ages, months and due dates.
///
/// ```swift
/// let clock = ManualClock(today: try CalendarDate(iso: "2026-11-23"))
/// try await LiveKioskHost.with(plugins: [AllowancesPlugin.self], clock: clock) { host in
///     clock.set(today: try CalendarDate(iso: "2027-03-02"))
/// }
/// ```
public final class ManualClock: WallClock {
    private let current: Mutex<Date>

    /// A clock at `date`.
    public init(_ date: Date) {
        self.current = Mutex(date)
    }

    /// A clock at noon, China Standard Time, on `today`.
    public convenience init(today: CalendarDate) {
        self.init(Self.noon(of: today))
    }

    public func now() -> Date {
        self.current.withLock { $0 }
    }

    /// Moves the clock to `date`.
    public func set(_ date: Date) {
        self.current.withLock { $0 = date }
    }

    /// Moves the clock to noon, China Standard Time, on `today`.
    public func set(today: CalendarDate) {
        self.set(Self.noon(of: today))
    }

    /// Moves the clock to noon, China Standard Time, on `iso` (`YYYY-MM-DD`).
    public func set(today iso: String) throws {
        self.set(today: try CalendarDate(iso: iso))
    }

    /// Moves the clock on by `seconds`.
    public func advance(by seconds: TimeInterval) {
        self.current.withLock { $0 += seconds }
    }

    static func noon(of day: CalendarDate) -> Date {
        // 12:00 in UTC+8 is 04:00 UTC.
        Date(timeIntervalSince1970: TimeInterval(day.dayNumber) * 86_400 + 4 * 3600)
    }
}
