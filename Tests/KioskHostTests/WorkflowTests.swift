import KioskRecords
import EchoPlugin
import GRPCCore
import KioskDomain
import KioskPluginKit
import KioskProtos
import KioskTesting
import SwiftProtobuf
import Testing

@Suite("The shared application workflow")
struct WorkflowTests {
    typealias Client = Kiosk_Core_V1_Applications.Client<KioskClientTransportAlias>

    /// Registers a child in village A1 and submits an echo application for it as the village director.
    static func submitted(_ county: CoreCounty, note: String = "please", name: String = "王小莲") async throws -> (child: String, application: String) {
        let child = try await county.register(childDetails(name))
        let id = try await county.as(.directorA1) { client in
            var request = Kiosk_Testing_Echo_V1_SubmitNoteApplicationRequest()
            request.childID = child.childID
            request.note = note
            return try await Kiosk_Testing_Echo_V1_Echo.Client(wrapping: client).submitNoteApplication(request).applicationID
        }
        return (child.childID, id)
    }

    static func move(
        _ county: CoreCounty,
        _ id: String,
        _ action: Kiosk_Core_V1_ApplicationAction,
        as who: CoreCounty.Who,
        reason: String = "",
        version: Int64 = 0
    ) async throws -> Kiosk_Core_V1_Application {
        try await county.as(who) { client in
            var request = Kiosk_Core_V1_TransitionApplicationRequest()
            request.applicationID = id
            request.action = action
            request.reason = reason
            request.expectedVersion = version
            return try await Kiosk_Core_V1_Applications.Client(wrapping: client).transitionApplication(request).application
        }
    }

    @Test("the workflow's table: every action from every state leads where the documented table says, or nowhere")
    func rules() {
        let allowed: [ApplicationAction: [ApplicationState: ApplicationState]] = [
            .beginReview: [.submitted: .townshipReview],
            .forward: [.townshipReview: .countyReview],
            .returnForInformation: [.submitted: .returned, .townshipReview: .returned, .countyReview: .returned],
            .resubmit: [.returned: .submitted],
            .withdraw: [.submitted: .withdrawn, .townshipReview: .withdrawn, .countyReview: .withdrawn, .returned: .withdrawn],
            .approve: [.countyReview: .approved],
            .reject: [.countyReview: .rejected],
            .appeal: [.rejected: .countyReview],
            .activate: [.approved: .active],
            .suspend: [.active: .suspended],
            .resume: [.suspended: .active],
            .close: [.active: .closed, .suspended: .closed],
        ]
        for action in ApplicationAction.allCases {
            for state in ApplicationState.allCases {
                #expect(WorkflowRules.target(of: action, from: state) == allowed[action]?[state], "\(action) from \(state)")
            }
        }
        #expect(WorkflowRules.decide(.approve, from: .countyReview, level: .township, reason: "") == .failure(.wrongLevel(.approve, .countyReview, allowed: [.county])))
        #expect(WorkflowRules.decide(.reject, from: .countyReview, level: .county, reason: "  ") == .failure(.reasonRequired(.reject)))
        #expect(WorkflowRules.decide(.reject, from: .countyReview, level: nil, reason: "no") == .success(.rejected))
        #expect(WorkflowRules.decide(.approve, from: .closed, level: nil, reason: "") == .failure(.notFromState(.approve, .closed)))
    }

    @Test("submitted → township review → county review → approved → active → suspended → active → closed, each by its role")
    func happyPath() async throws {
        try await CoreCounty.with { county in
            let (_, id) = try await Self.submitted(county)
            var application = try await Self.move(county, id, .beginReview, as: .supervisorA)
            #expect(application.state == .townshipReview)
            application = try await Self.move(county, id, .forward, as: .supervisorA)
            application = try await Self.move(county, id, .approve, as: .officer)
            application = try await Self.move(county, id, .activate, as: .officer)
            #expect(application.state == .active)
            application = try await Self.move(county, id, .suspend, as: .officer, reason: "moved away for a month")
            application = try await Self.move(county, id, .resume, as: .officer)
            application = try await Self.move(county, id, .close, as: .officer, reason: "child turned 18")
            #expect(application.state == .closed)
            #expect(application.version == 8)
            #expect(application.kind == "echo.note")
            #expect(application.checks.map(\.rule) == ["echo-check"])
            #expect(application.history.map(\.action) == [.submit, .beginReview, .forward, .approve, .activate, .suspend, .resume, .close])
            #expect(application.history.map(\.actorLevel) == ["village", "township", "township", "county", "county", "county", "county", "county"])
            #expect(application.history[5].reason == "moved away for a month")
            #expect(application.history.allSatisfy { $0.kioskID == county.kiosk.id })
            let payload = try Kiosk_Testing_Echo_V1_SubmitNoteApplicationRequest(serializedBytes: application.payload)
            #expect(payload.note == "please")

            let notes = try await county.as(.directorA1) { client in
                try await Kiosk_Testing_Echo_V1_Echo.Client(wrapping: client).listNotes(.init()) { response in
                    try await response.messages.reduce(into: []) { $0.append($1.text) }
                }
            }
            #expect(notes.filter { $0.hasPrefix("transition \(id)") }.count == 7)
        }
    }

    @Test("refusals: wrong state FAILED_PRECONDITION naming it, wrong role PERMISSION_DENIED, other township NOT_FOUND")
    func refusals() async throws {
        try await CoreCounty.with { county in
            let (_, id) = try await Self.submitted(county)
            let early = await rpcError { _ = try await Self.move(county, id, .approve, as: .officer) }
            #expect(early?.code == .failedPrecondition)
            #expect(early?.message.contains("the application is submitted") == true)
            #expect(early?.message.contains("begin-review") == true)
            #expect(await rpcCode { _ = try await Self.move(county, id, .beginReview, as: .directorA1) } == .permissionDenied)
            #expect(await rpcCode { _ = try await Self.move(county, id, .beginReview, as: .officer) } == .permissionDenied)
            #expect(await rpcCode { _ = try await Self.move(county, id, .beginReview, as: .supervisorB) } == .notFound)
            #expect(await rpcCode { _ = try await Self.move(county, id, .beginReview, as: .directorA2) } == .notFound)
            #expect(await rpcCode { _ = try await Self.move(county, id, .beginReview, as: .operatorWorker) } == .permissionDenied)
            #expect(await rpcCode { _ = try await Self.move(county, id, .unspecified, as: .supervisorA) } == .invalidArgument)
            #expect(await rpcCode { _ = try await Self.move(county, id, .submit, as: .supervisorA) } == .invalidArgument)
            #expect(await rpcCode { _ = try await Self.move(county, "A000", .beginReview, as: .supervisorA) } == .notFound)

            let stale = await rpcError { _ = try await Self.move(county, id, .beginReview, as: .supervisorA, version: 7) }
            #expect(stale?.code == .aborted)
            _ = try await Self.move(county, id, .beginReview, as: .supervisorA, version: 1)
            _ = try await Self.move(county, id, .forward, as: .supervisorA)
            var noReason: RPCError?
            do {
                _ = try await Self.move(county, id, .reject, as: .officer, reason: " ")
            } catch let error as RPCError {
                noReason = error
            }
            #expect(noReason?.code == .invalidArgument, "\(noReason?.message ?? "")")
            #expect(noReason?.message.contains("needs a reason") == true)
            var application = try await Self.move(county, id, .reject, as: .officer, reason: "income above the line")
            #expect(application.state == .rejected)
            #expect(await rpcCode { _ = try await Self.move(county, id, .appeal, as: .directorA1) } == .invalidArgument)
            application = try await Self.move(county, id, .appeal, as: .directorA1, reason: "income fell in October")
            #expect(application.state == .countyReview)
            application = try await Self.move(county, id, .returnForInformation, as: .officer, reason: "need the income certificate")
            #expect(application.state == .returned)
            application = try await Self.move(county, id, .resubmit, as: .directorA1)
            #expect(application.state == .submitted)
            application = try await Self.move(county, id, .withdraw, as: .directorA1, reason: "family moved")
            #expect(application.state == .withdrawn)
            let final = await rpcError { _ = try await Self.move(county, id, .resubmit, as: .directorA1) }
            #expect(final?.code == .failedPrecondition)
            #expect(final?.message.contains("withdrawn (final)") == true)
        }
    }

    @Test("a plugin's failed check refuses the submission with the rule in plain words; its hook can refuse a transition")
    func pluginChecksAndHooks() async throws {
        try await CoreCounty.with { county in
            let child = try await county.register(childDetails("王小莲"))
            let error = await rpcError {
                try await county.as(.directorA1) { client in
                    var request = Kiosk_Testing_Echo_V1_SubmitNoteApplicationRequest()
                    request.childID = child.childID
                    request.failCheck = true
                    _ = try await Kiosk_Testing_Echo_V1_Echo.Client(wrapping: client).submitNoteApplication(request)
                }
            }
            #expect(error?.code == .failedPrecondition)
            #expect(error?.message == "not eligible: echo-check: the request asked this check to fail")

            let (_, id) = try await Self.submitted(county, note: "block-activation", name: "李红")
            _ = try await Self.move(county, id, .beginReview, as: .supervisorA)
            _ = try await Self.move(county, id, .forward, as: .supervisorA)
            _ = try await Self.move(county, id, .approve, as: .officer)
            let refused = await rpcError { _ = try await Self.move(county, id, .activate, as: .officer) }
            #expect(refused?.code == .failedPrecondition)
            #expect(refused?.message == "echo: this application cannot be activated")
            let after = try await county.as(.officer) { client in
                var request = Kiosk_Core_V1_GetApplicationRequest()
                request.applicationID = id
                return try await Kiosk_Core_V1_Applications.Client(wrapping: client).getApplication(request).application
            }
            #expect(after.state == .approved)
        }
    }

    @Test("a kiosk that was offline catches up from its cursor; a following stream gets new changes as they happen")
    func followAndCatchUp() async throws {
        try await CoreCounty.with { county in
            let (_, id) = try await Self.submitted(county)
            _ = try await Self.move(county, id, .beginReview, as: .supervisorA)
            let first = try await county.as(.directorA1) { client in
                try await Kiosk_Core_V1_Applications.Client(wrapping: client).followApplications(.init()) { response in
                    try await response.messages.reduce(into: []) { $0.append($1) }
                }
            }
            #expect(first.map(\.transition.action) == [.submit, .beginReview])
            #expect(first.allSatisfy { $0.applicationID == id })
            let cursor = first.last!.cursor

            // While the kiosk is away: two more changes, and one in another township it must not see.
            _ = try await Self.move(county, id, .forward, as: .supervisorA)
            _ = try await Self.move(county, id, .approve, as: .officer)
            let otherChild = try await county.register(childDetails("张伟", village: CoreCounty.villageB1), as: .directorB1)
            try await county.as(.directorB1) { client in
                var request = Kiosk_Testing_Echo_V1_SubmitNoteApplicationRequest()
                request.childID = otherChild.childID
                _ = try await Kiosk_Testing_Echo_V1_Echo.Client(wrapping: client).submitNoteApplication(request)
            }

            let caughtUp = try await county.as(.directorA1) { client in
                var request = Kiosk_Core_V1_FollowApplicationsRequest()
                request.afterCursor = cursor
                return try await Kiosk_Core_V1_Applications.Client(wrapping: client).followApplications(request) { response in
                    try await response.messages.reduce(into: []) { $0.append($1) }
                }
            }
            #expect(caughtUp.map(\.transition.action) == [.forward, .approve])
            #expect(caughtUp.map(\.transition.toState) == [.countyReview, .approved])
            #expect(caughtUp.allSatisfy { $0.cursor > cursor })

            // Following live: the activation arrives on the open stream.
            let live = try await county.as(.directorA1) { client in
                var request = Kiosk_Core_V1_FollowApplicationsRequest()
                request.afterCursor = caughtUp.last!.cursor
                request.follow = true
                return try await Kiosk_Core_V1_Applications.Client(wrapping: client).followApplications(request) { response in
                    async let change = Self.move(county, id, .activate, as: .officer)
                    var received: [Kiosk_Core_V1_ApplicationEvent] = []
                    for try await event in response.messages {
                        received.append(event)
                        break
                    }
                    _ = try await change
                    return received
                }
            }
            #expect(live.map(\.transition.action) == [.activate])
        }
    }

    @Test("a following stream ends OK when the server shuts down, so the kiosk resumes from its cursor", .timeLimit(.minutes(1)))
    func followEndsAtShutdown() async throws {
        try await CoreCounty.with { county in
            let (_, id) = try await Self.submitted(county)
            let events = try await county.as(.directorA1) { client in
                var request = Kiosk_Core_V1_FollowApplicationsRequest()
                request.follow = true
                return try await Kiosk_Core_V1_Applications.Client(wrapping: client).followApplications(request) { response in
                    var received: [Kiosk_Core_V1_ApplicationEvent] = []
                    for try await event in response.messages {
                        received.append(event)
                        if received.count == 1 { await county.host.beginShutdown() }
                    }
                    return received
                }
            }
            #expect(events.map(\.applicationID) == [id])
        }
    }
}
