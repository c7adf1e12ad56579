import ArgumentParser
import Foundation
import GRPCCore
import GRPCProtobuf
import KioskProtos
import KioskTransport
import SwiftProtobuf

/// `kioskctl call`: one call to a running kioskd, request and response in JSON.
struct Call: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Call a method of a running kioskd with a JSON request and print the JSON response.",
        discussion: """
            The request uses swift-protobuf's JSON mapping of the method's request message (field names in \
            lowerCamelCase or as in the .proto). Unless the method is public, --worker and --pin sign in first. \
            `kioskctl call --list` shows the methods it knows; plugin methods can be tried with kiosk-harness.
            """
    )

    @Argument(help: "Method, e.g. kiosk.core.v1.Children/SearchChildren.") var method: String?
    @Argument(help: "The request as JSON (default {}).") var request: String = "{}"
    @Flag(help: "List the methods this command can call.") var list = false
    @Option(help: "Server address.") var host = "127.0.0.1"
    @Option(help: "Server port.") var port = 7443
    @Option(help: "The county CA's certificate (ca.pem): connect with TLS (default: $KIOSK_CA; without: plaintext, loopback only).")
    var ca: String?
    @Flag(help: "Allow plaintext to a non-loopback address (closed test networks only).") var insecurePlaintext = false
    @Option(help: "The kiosk to connect as.") var kiosk: String?
    @Option(help: "The kiosk's credential.") var credential: String?
    @Option(help: "Sign in as this worker first.") var worker: String?
    @Option(help: "The worker's PIN.") var pin: String?
    @Option(help: "An idempotency-key for a mutating call (resending with it is safe).") var idempotencyKey: String?

    func run() async throws {
        if self.list {
            for path in CallableMethods.all.keys.sorted() { print(path) }
            return
        }
        guard let method = self.method else { throw ValidationError("name a method, or use --list") }
        let path = method.hasPrefix("/") ? String(method.dropFirst()) : method
        guard let callable = CallableMethods.all[path] else {
            throw ValidationError("kioskctl does not know '\(path)'; `kioskctl call --list` shows the methods it can call")
        }
        guard let kiosk = self.kiosk, let credential = self.credential else {
            throw ValidationError("--kiosk and --credential are needed to connect (kioskctl kiosk add prints them)")
        }
        let caFile = self.ca ?? ProcessInfo.processInfo.environment["KIOSK_CA"].flatMap { $0.isEmpty ? nil : $0 }
        let tls: ClientTLS?
        do {
            tls = try caFile.map { try ClientTLS(caFile: $0) }
        } catch let error as TLSSetupError {
            throw ValidationError(error.message)
        }
        let transport = KioskClientTransport(
            configuration: .init(
                host: self.host, port: self.port, kioskID: kiosk, credential: credential,
                tls: tls, insecurePlaintext: self.insecurePlaintext
            )
        )
        let output = try await withGRPCClient(transport: transport) { client in
            var metadata: Metadata = [:]
            if let worker = self.worker {
                guard let pin = self.pin else { throw ValidationError("--pin is needed with --worker") }
                var signIn = Kiosk_Core_V1_SignInRequest()
                signIn.workerID = worker
                signIn.pin = pin
                let session = try await Kiosk_Core_V1_Session.Client(wrapping: client).signIn(signIn)
                metadata.addString("Bearer \(session.sessionToken)", forKey: "authorization")
            }
            if let key = self.idempotencyKey { metadata.addString(key, forKey: "idempotency-key") }
            return try await callable(client, self.request, metadata)
        }
        print(output)
    }
}

/// The methods `kioskctl call` knows, by path, each decoding JSON into its request type.
enum CallableMethods {
    typealias Call = @Sendable (GRPCClient<KioskClientTransport>, String, Metadata) async throws -> String

    static let all: [String: Call] = {
        var methods: [String: Call] = [:]
        func unary<Input: SwiftProtobuf.Message, Output: SwiftProtobuf.Message>(
            _ descriptor: MethodDescriptor, _ input: Input.Type, _ output: Output.Type
        ) {
            methods[descriptor.fullyQualifiedMethod] = { client, json, metadata in
                let request = try Self.decode(json, as: Input.self)
                return try await client.unary(
                    request: ClientRequest(message: request, metadata: metadata),
                    descriptor: descriptor,
                    serializer: ProtobufSerializer<Input>(),
                    deserializer: ProtobufDeserializer<Output>(),
                    options: .defaults
                ) { response in try Self.encode(try response.message) }
            }
        }
        func streaming<Input: SwiftProtobuf.Message, Output: SwiftProtobuf.Message>(
            _ descriptor: MethodDescriptor, _ input: Input.Type, _ output: Output.Type
        ) {
            methods[descriptor.fullyQualifiedMethod] = { client, json, metadata in
                let request = try Self.decode(json, as: Input.self)
                return try await client.serverStreaming(
                    request: ClientRequest(message: request, metadata: metadata),
                    descriptor: descriptor,
                    serializer: ProtobufSerializer<Input>(),
                    deserializer: ProtobufDeserializer<Output>(),
                    options: .defaults
                ) { response in
                    var lines: [String] = []
                    for try await message in response.messages { lines.append(try Self.encode(message)) }
                    return lines.joined(separator: "\n")
                }
            }
        }
        typealias Host = Kiosk_Host_V1_Host.Method
        typealias Session = Kiosk_Core_V1_Session.Method
        typealias Children = Kiosk_Core_V1_Children.Method
        typealias Applications = Kiosk_Core_V1_Applications.Method
        typealias Work = Kiosk_Core_V1_WorkList.Method
        typealias Reports = Kiosk_Core_V1_Reports.Method
        unary(Host.GetServerInfo.descriptor, Host.GetServerInfo.Input.self, Host.GetServerInfo.Output.self)
        unary(Session.WhoAmI.descriptor, Session.WhoAmI.Input.self, Session.WhoAmI.Output.self)
        unary(Children.CreateHousehold.descriptor, Children.CreateHousehold.Input.self, Children.CreateHousehold.Output.self)
        unary(Children.GetHousehold.descriptor, Children.GetHousehold.Input.self, Children.GetHousehold.Output.self)
        unary(Children.AddCaregiver.descriptor, Children.AddCaregiver.Input.self, Children.AddCaregiver.Output.self)
        unary(Children.RegisterChild.descriptor, Children.RegisterChild.Input.self, Children.RegisterChild.Output.self)
        unary(Children.GetChild.descriptor, Children.GetChild.Input.self, Children.GetChild.Output.self)
        unary(Children.UpdateChild.descriptor, Children.UpdateChild.Input.self, Children.UpdateChild.Output.self)
        unary(Children.SearchChildren.descriptor, Children.SearchChildren.Input.self, Children.SearchChildren.Output.self)
        unary(Children.RecordVisit.descriptor, Children.RecordVisit.Input.self, Children.RecordVisit.Output.self)
        unary(Children.ListVisits.descriptor, Children.ListVisits.Input.self, Children.ListVisits.Output.self)
        unary(Children.ListOverdueVisits.descriptor, Children.ListOverdueVisits.Input.self, Children.ListOverdueVisits.Output.self)
        unary(Applications.GetApplication.descriptor, Applications.GetApplication.Input.self, Applications.GetApplication.Output.self)
        unary(Applications.ListApplications.descriptor, Applications.ListApplications.Input.self, Applications.ListApplications.Output.self)
        unary(
            Applications.TransitionApplication.descriptor, Applications.TransitionApplication.Input.self,
            Applications.TransitionApplication.Output.self
        )
        streaming(
            Applications.FollowApplications.descriptor, Applications.FollowApplications.Input.self,
            Applications.FollowApplications.Output.self
        )
        unary(Work.ListWorkItems.descriptor, Work.ListWorkItems.Input.self, Work.ListWorkItems.Output.self)
        unary(Work.ResolveWorkItem.descriptor, Work.ResolveWorkItem.Input.self, Work.ResolveWorkItem.Output.self)
        typealias Consent = Kiosk_Core_V1_Consent.Method
        unary(Consent.RecordConsent.descriptor, Consent.RecordConsent.Input.self, Consent.RecordConsent.Output.self)
        unary(Consent.WithdrawConsent.descriptor, Consent.WithdrawConsent.Input.self, Consent.WithdrawConsent.Output.self)
        unary(Consent.ListConsents.descriptor, Consent.ListConsents.Input.self, Consent.ListConsents.Output.self)
        unary(Consent.RecordUrgentOverride.descriptor, Consent.RecordUrgentOverride.Input.self, Consent.RecordUrgentOverride.Output.self)
        unary(Consent.ListUrgentOverrides.descriptor, Consent.ListUrgentOverrides.Input.self, Consent.ListUrgentOverrides.Output.self)
        unary(Consent.ReviewUrgentOverride.descriptor, Consent.ReviewUrgentOverride.Input.self, Consent.ReviewUrgentOverride.Output.self)
        unary(Consent.ListPurposes.descriptor, Consent.ListPurposes.Input.self, Consent.ListPurposes.Output.self)
        unary(Kiosk_Core_V1_Audit.Method.ListAccess.descriptor, Kiosk_Core_V1_ListAccessRequest.self, Kiosk_Core_V1_ListAccessResponse.self)
        unary(Reports.GetIndicators.descriptor, Reports.GetIndicators.Input.self, Reports.GetIndicators.Output.self)
        return methods
    }()

    static func decode<Input: SwiftProtobuf.Message>(_ json: String, as type: Input.Type) throws -> Input {
        do {
            return try Input(jsonString: json)
        } catch {
            throw ValidationError("the request is not valid JSON for \(Input.protoMessageName): \(error)")
        }
    }

    static func encode(_ message: some SwiftProtobuf.Message) throws -> String {
        var options = JSONEncodingOptions()
        options.preserveProtoFieldNames = true
        return try message.jsonString(options: options)
    }
}
