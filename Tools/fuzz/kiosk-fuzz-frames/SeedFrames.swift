import Foundation
import KioskHarness
import KioskProtos
import KioskWire

/// Frames a kiosk sends for the scenario files' steps: the seed corpus.
enum SeedFrames {
    static var hello: Kiosk_Wire_V1_Frame {
        var frame = Kiosk_Wire_V1_Frame()
        frame.hello.protocolVersions = [1]
        frame.hello.kioskID = "fuzz-kiosk"
        frame.hello.credential = "fuzz-credential"
        return frame
    }

    /// Headers (with a deadline and a session), the request and end of stream for one call.
    static func call(_ callID: UInt32, method: String, request: [UInt8]) -> [Kiosk_Wire_V1_Frame] {
        var timeout = Kiosk_Wire_V1_MetadataEntry()
        timeout.key = "grpc-timeout"
        timeout.text = "5S"
        var authorization = Kiosk_Wire_V1_MetadataEntry()
        authorization.key = "authorization"
        authorization.text = "Bearer x"
        return [
            .headers(callID: callID, method: method, metadata: [timeout, authorization]),
            .message(callID: callID, data: Data(request)),
            .endOfStream(callID: callID),
        ]
    }

    /// The serialized request of a scenario's call step, or no bytes when it does not encode.
    static func request(schema: ProtoSchema, method: String, text: String) -> [UInt8] {
        guard let type = schema.methods[method]?.input else { return [] }
        return (try? schema.encode(Self.substituted(text), type: type)) ?? []
    }

    /// The text with scenario variables (`$worker_id`) replaced by a plain word.
    static func substituted(_ text: String) -> String {
        text.replacingOccurrences(of: #"\$[A-Za-z_]+"#, with: "fuzz", options: .regularExpression)
    }
}
