import EchoPlugin
import Foundation
import GRPCCore
import KioskDomain
import KioskPluginKit
import KioskProtos
import KioskTesting
import KioskTransport

/// The core services' tests run in the shared test county, with the echo plugin installed.
typealias CoreCounty = TestCounty

extension TestCounty {
    static var today: CalendarDate { try! CalendarDate(iso: TestCounty.defaultToday) }

    static func with<T: Sendable>(_ body: (TestCounty) async throws -> T) async throws -> T {
        try await self.with(plugins: [EchoPlugin.self], body)
    }
}
