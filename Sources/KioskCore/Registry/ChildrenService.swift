import Foundation
public import GRPCCore
import KioskDomain
public import KioskPluginKit
import KioskRecords
public import KioskProtos

/// `kiosk.core.v1.Children`: the child registry over the wire. Rules, jurisdiction and audit live in
/// ``ChildRegistry``; this type only translates messages.
public struct ChildrenService: Kiosk_Core_V1_Children.SimpleServiceProtocol {
    private let store: PluginStore
    private let registry: any ChildRegistry
    private let clock: any WallClock

    /// Creates the service.
    public init(store: PluginStore, core: CoreServices, clock: any WallClock) {
        self.store = store
        self.registry = core.children
        self.clock = clock
    }

    public func createHousehold(
        request: Kiosk_Core_V1_CreateHouseholdRequest,
        context: ServerContext
    ) async throws -> Kiosk_Core_V1_CreateHouseholdResponse {
        let actor = try CoreActor.currentWorker()
        let village: DivisionCode
        do {
            village = try DivisionCode(request.village)
        } catch {
            throw invalid("village: \(error.message)")
        }
        let caregivers = try request.caregivers.map(Self.caregiver)
        let registry = self.registry
        return try await self.store.write { db in
            var response = Kiosk_Core_V1_CreateHouseholdResponse()
            response.household = Self.wire(
                try registry.createHousehold(village: village, address: request.address, caregivers: caregivers, in: db, actor: actor)
            )
            return response
        }
    }

    public func getHousehold(
        request: Kiosk_Core_V1_GetHouseholdRequest,
        context: ServerContext
    ) async throws -> Kiosk_Core_V1_GetHouseholdResponse {
        let actor = try CoreActor.currentWorker()
        let registry = self.registry
        return try await self.store.write { db in
            var response = Kiosk_Core_V1_GetHouseholdResponse()
            response.household = Self.wire(try registry.household(request.householdID, in: db, actor: actor, action: "households.get"))
            return response
        }
    }

    public func addCaregiver(
        request: Kiosk_Core_V1_AddCaregiverRequest,
        context: ServerContext
    ) async throws -> Kiosk_Core_V1_AddCaregiverResponse {
        let actor = try CoreActor.currentWorker()
        let caregiver = try Self.caregiver(request.caregiver)
        let registry = self.registry
        return try await self.store.write { db in
            var response = Kiosk_Core_V1_AddCaregiverResponse()
            response.household = Self.wire(try registry.addCaregiver(caregiver, to: request.householdID, in: db, actor: actor))
            return response
        }
    }

    public func registerChild(
        request: Kiosk_Core_V1_RegisterChildRequest,
        context: ServerContext
    ) async throws -> Kiosk_Core_V1_RegisterChildResponse {
        let actor = try CoreActor.currentWorker()
        let details = try ChildMessages.details(request.details, caregivers: request.caregivers, today: self.clock.today())
        let registry = self.registry
        return try await self.store.write { db in
            var response = Kiosk_Core_V1_RegisterChildResponse()
            switch try registry.register(details, confirmedNotDuplicate: request.confirmedNotDuplicate, in: db, actor: actor) {
            case .registered(let record):
                response.child = ChildMessages.wire(record)
            case .candidates(let candidates):
                var list = Kiosk_Core_V1_DuplicateCandidates()
                list.candidates = candidates.map(Self.wire)
                response.candidates = list
            }
            return response
        }
    }

    public func getChild(request: Kiosk_Core_V1_GetChildRequest, context: ServerContext) async throws -> Kiosk_Core_V1_GetChildResponse {
        let actor = try CoreActor.currentWorker()
        let registry = self.registry
        return try await self.store.write { db in
            var response = Kiosk_Core_V1_GetChildResponse()
            response.child = ChildMessages.wire(try registry.child(request.childID, in: db, actor: actor, action: "children.get"))
            return response
        }
    }

    public func updateChild(
        request: Kiosk_Core_V1_UpdateChildRequest,
        context: ServerContext
    ) async throws -> Kiosk_Core_V1_UpdateChildResponse {
        let actor = try CoreActor.currentWorker()
        guard request.expectedVersion > 0 else {
            throw invalid("expected_version is required: send the version of the record the change is based on")
        }
        let details = try ChildMessages.details(request.details, caregivers: request.caregivers, today: self.clock.today())
        let registry = self.registry
        return try await self.store.write { db in
            let record = try registry.update(
                request.childID, expectedVersion: request.expectedVersion, in: db, actor: actor, action: "children.update"
            ) { current in
                current = details
            }
            var response = Kiosk_Core_V1_UpdateChildResponse()
            response.child = ChildMessages.wire(record)
            return response
        }
    }

    public func searchChildren(
        request: Kiosk_Core_V1_SearchChildrenRequest,
        context: ServerContext
    ) async throws -> Kiosk_Core_V1_SearchChildrenResponse {
        let actor = try CoreActor.currentWorker()
        let query = ChildQuery(
            text: request.query,
            division: try ChildMessages.jurisdiction(request.division),
            category: try ChildMessages.kind(request.category),
            pageSize: try ChildMessages.pageSize(request.pageSize),
            pageToken: request.pageToken.isEmpty ? nil : request.pageToken
        )
        let registry = self.registry
        return try await self.store.write { db in
            let page = try registry.search(query, in: db, actor: actor)
            var response = Kiosk_Core_V1_SearchChildrenResponse()
            response.children = page.children.map(ChildMessages.summary)
            response.nextPageToken = page.nextPageToken ?? ""
            return response
        }
    }

    public func recordVisit(
        request: Kiosk_Core_V1_RecordVisitRequest,
        context: ServerContext
    ) async throws -> Kiosk_Core_V1_RecordVisitResponse {
        let actor = try CoreActor.currentWorker()
        guard let date = try ChildMessages.date(request.visitDate, field: "visit_date") else { throw invalid("visit_date is required") }
        let followUp = try ChildMessages.date(request.followUpDate, field: "follow_up_date")
        let risk = try Self.risk(request.riskLevel)
        let registry = self.registry
        return try await self.store.write { db in
            let visit = try registry.recordVisit(
                childID: request.childID, date: date, observations: request.observations, riskLevel: risk,
                followUpDate: followUp, in: db, actor: actor
            )
            var response = Kiosk_Core_V1_RecordVisitResponse()
            response.visit = Self.wire(visit)
            return response
        }
    }

    public func listVisits(
        request: Kiosk_Core_V1_ListVisitsRequest,
        context: ServerContext
    ) async throws -> Kiosk_Core_V1_ListVisitsResponse {
        let actor = try CoreActor.currentWorker()
        let registry = self.registry
        return try await self.store.write { db in
            var response = Kiosk_Core_V1_ListVisitsResponse()
            response.visits = try registry.visits(childID: request.childID, in: db, actor: actor).map(Self.wire)
            return response
        }
    }

    public func listOverdueVisits(
        request: Kiosk_Core_V1_ListOverdueVisitsRequest,
        context: ServerContext
    ) async throws -> Kiosk_Core_V1_ListOverdueVisitsResponse {
        let actor = try CoreActor.currentWorker()
        let division = try ChildMessages.jurisdiction(request.division)
        let pageSize = try ChildMessages.pageSize(request.pageSize)
        let registry = self.registry
        return try await self.store.write { db in
            let page = try registry.overdueVisits(
                division: division, pageSize: pageSize, pageToken: request.pageToken.isEmpty ? nil : request.pageToken,
                in: db, actor: actor
            )
            var response = Kiosk_Core_V1_ListOverdueVisitsResponse()
            response.visits = page.visits.map { overdue in
                var wire = Kiosk_Core_V1_OverdueVisit()
                wire.child = ChildMessages.summary(overdue.child)
                wire.dueDate = overdue.dueDate?.isoString ?? ""
                wire.lastVisitDate = overdue.lastVisit?.date.isoString ?? ""
                wire.lastRiskLevel = overdue.lastVisit.map { Self.wire($0.riskLevel) } ?? .unspecified
                return wire
            }
            response.nextPageToken = page.nextPageToken ?? ""
            return response
        }
    }
}

extension ChildrenService {
    static func caregiver(_ wire: Kiosk_Core_V1_Caregiver) throws -> Caregiver {
        let sex: Sex? =
            switch wire.sex {
            case .male: .male
            case .female: .female
            default: nil
            }
        return Caregiver(name: wire.name, sex: sex, birthYear: wire.birthYear == 0 ? nil : Int(wire.birthYear), phone: wire.phone)
    }

    static func wire(_ household: Household) -> Kiosk_Core_V1_Household {
        var wire = Kiosk_Core_V1_Household()
        wire.householdID = household.householdID
        wire.village = household.village.digits
        wire.address = household.address
        wire.version = household.version
        wire.caregivers = household.caregivers.map { caregiver in
            var entry = Kiosk_Core_V1_Caregiver()
            entry.caregiverID = caregiver.caregiverID
            entry.name = caregiver.name
            entry.sex = caregiver.sex.map(ChildMessages.wire) ?? .unspecified
            entry.birthYear = UInt32(caregiver.birthYear ?? 0)
            entry.phone = caregiver.phone
            return entry
        }
        return wire
    }

    static func wire(_ candidate: DuplicateCandidate) -> Kiosk_Core_V1_DuplicateCandidate {
        var wire = Kiosk_Core_V1_DuplicateCandidate()
        wire.reason = candidate.reason
        if let child = candidate.child {
            wire.childID = child.childID
            wire.name = child.details.name
            wire.birthDate = child.details.birthDate.isoString
            wire.village = child.details.village.digits
        } else {
            wire.reason += " (outside your jurisdiction: ask the township supervisor to compare)"
        }
        return wire
    }

    static func wire(_ visit: Visit) -> Kiosk_Core_V1_Visit {
        var wire = Kiosk_Core_V1_Visit()
        wire.visitID = visit.visitID
        wire.childID = visit.childID
        wire.visitDate = visit.date.isoString
        wire.workerID = visit.workerID
        wire.observations = visit.observations
        wire.riskLevel = self.wire(visit.riskLevel)
        wire.followUpDate = visit.followUpDate?.isoString ?? ""
        return wire
    }

    static func wire(_ risk: Visit.RiskLevel) -> Kiosk_Core_V1_RiskLevel {
        switch risk {
        case .low: .low
        case .medium: .medium
        case .high: .high
        }
    }

    static func risk(_ wire: Kiosk_Core_V1_RiskLevel) throws -> Visit.RiskLevel {
        switch wire {
        case .low: .low
        case .medium: .medium
        case .high: .high
        default: throw invalid("risk_level is required")
        }
    }
}
