import Foundation
import KioskProtos
import KioskWire
import NIOCore
import SwiftProtobuf
import Testing

// MARK: - Helpers

/// A frame of every kind the wire knows, with non-default fields, for round trips.
enum SampleFrames {
    static var hello: Kiosk_Wire_V1_Frame {
        var hello = Kiosk_Wire_V1_Hello()
        hello.protocolVersions = [1, 2, 7]
        hello.kioskID = "kiosk-ü-042"
        hello.credential = "s3cr3t"
        hello.clientAgent = "kiosk-c/1.0 (vendor X)"
        var frame = Kiosk_Wire_V1_Frame()
        frame.hello = hello
        return frame
    }

    static var welcome: Kiosk_Wire_V1_Frame {
        var welcome = Kiosk_Wire_V1_Welcome()
        welcome.protocolVersion = 1
        welcome.maxFrameBytes = 4 * 1024 * 1024
        welcome.maxConcurrentCalls = 64
        welcome.serverAgent = "kioskd/test"
        welcome.idleTimeoutSeconds = 90
        var frame = Kiosk_Wire_V1_Frame()
        frame.welcome = welcome
        return frame
    }

    static var headers: Kiosk_Wire_V1_Frame {
        var text = Kiosk_Wire_V1_MetadataEntry()
        text.key = "grpc-timeout"
        text.text = "1500m"
        var binary = Kiosk_Wire_V1_MetadataEntry()
        binary.key = "trace-bin"
        binary.binary = Data([0, 1, 2, 0xFF])
        var headers = Kiosk_Wire_V1_Headers()
        headers.method = "/kiosk.host.v1.Host/GetServerInfo"
        headers.metadata = [text, binary]
        var frame = Kiosk_Wire_V1_Frame()
        frame.callID = 1
        frame.headers = headers
        return frame
    }

    static func message(callID: UInt32 = 3, bytes: [UInt8] = [0, 0, 0x7F, 0x80, 0xFF]) -> Kiosk_Wire_V1_Frame {
        var message = Kiosk_Wire_V1_Message()
        message.data = Data(bytes)
        var frame = Kiosk_Wire_V1_Frame()
        frame.callID = callID
        frame.message = message
        return frame
    }

    static var emptyMessage: Kiosk_Wire_V1_Frame {
        var frame = Kiosk_Wire_V1_Frame()
        frame.message = Kiosk_Wire_V1_Message()
        return frame
    }

    static var endOfStream: Kiosk_Wire_V1_Frame {
        var frame = Kiosk_Wire_V1_Frame()
        frame.callID = 5
        frame.endOfStream = Kiosk_Wire_V1_EndOfStream()
        return frame
    }

    static var status: Kiosk_Wire_V1_Frame {
        var trailer = Kiosk_Wire_V1_MetadataEntry()
        trailer.key = "retry-after"
        trailer.text = "3"
        var status = Kiosk_Wire_V1_Status()
        status.code = 14
        status.message = "unavailable"
        status.trailers = [trailer]
        var frame = Kiosk_Wire_V1_Frame()
        frame.callID = UInt32.max
        frame.status = status
        return frame
    }

    static var cancel: Kiosk_Wire_V1_Frame {
        var frame = Kiosk_Wire_V1_Frame()
        frame.callID = 9
        frame.cancel = Kiosk_Wire_V1_Cancel()
        return frame
    }

    static var ping: Kiosk_Wire_V1_Frame {
        var ping = Kiosk_Wire_V1_Ping()
        ping.payload = UInt64.max
        var frame = Kiosk_Wire_V1_Frame()
        frame.ping = ping
        return frame
    }

    static var pong: Kiosk_Wire_V1_Frame {
        var pong = Kiosk_Wire_V1_Pong()
        pong.payload = 0x0123_4567_89AB_CDEF
        var frame = Kiosk_Wire_V1_Frame()
        frame.pong = pong
        return frame
    }

    static var goAway: Kiosk_Wire_V1_Frame {
        var goAway = Kiosk_Wire_V1_GoAway()
        goAway.lastCallID = 41
        goAway.reason = "shutting down"
        var frame = Kiosk_Wire_V1_Frame()
        frame.goAway = goAway
        return frame
    }

    static var connectionError: Kiosk_Wire_V1_Frame {
        WireError(code: .protocolViolation, message: "nope").frame
    }

    static var all: [Kiosk_Wire_V1_Frame] {
        [
            hello, welcome, headers, message(), emptyMessage, endOfStream, status, cancel, ping, pong, goAway,
            connectionError,
        ]
    }
}

/// Encodes frames one after another into a single buffer.
func encoded(_ frames: [Kiosk_Wire_V1_Frame]) throws -> ByteBuffer {
    var buffer = ByteBuffer()
    for frame in frames {
        try FrameEncoder.encode(frame, into: &buffer)
    }
    return buffer
}

/// A length prefix followed by `body`, written by hand (the encoder refuses some of what tests need).
func rawFrame(length: UInt32, body: [UInt8] = []) -> ByteBuffer {
    var buffer = ByteBuffer()
    buffer.writeInteger(length)
    buffer.writeBytes(body)
    return buffer
}

/// A body with the prefix that matches its length.
func rawFrame(body: [UInt8]) -> ByteBuffer {
    rawFrame(length: UInt32(body.count), body: body)
}

/// Runs `body`, requires it to throw a `WireError`, and returns that error.
func wireError(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) throws -> WireError {
    let error = #expect(throws: WireError.self, sourceLocation: sourceLocation) { try body() }
    return try #require(error, sourceLocation: sourceLocation)
}

/// SplitMix64: a tiny deterministic generator, so "random" inputs are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        self.state = seed
    }

    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &self) }
    }
}

// MARK: - Encoding and decoding whole frames

@Suite("Frame codec")
struct FrameCodecTests {
    let decoder = FrameDecoder()

    @Test("every kind of frame survives encode then decode", arguments: SampleFrames.all)
    func roundTrip(_ frame: Kiosk_Wire_V1_Frame) throws {
        var buffer = try encoded([frame])
        let decoded = try #require(try self.decoder.decodeFrame(from: &buffer))
        #expect(decoded == frame)
        #expect(decoded.kindName == frame.kindName)
        #expect(buffer.readableBytes == 0)
    }

    @Test("the prefix is the big-endian length of the serialized frame")
    func lengthPrefixIsBigEndian() throws {
        let frame = SampleFrames.message(bytes: Array(repeating: 0xAB, count: 300))
        let body: [UInt8] = try frame.serializedBytes()
        let buffer = try encoded([frame])

        #expect(buffer.readableBytes == FrameLimits.lengthPrefixBytes + body.count)
        let prefix = try #require(buffer.getBytes(at: buffer.readerIndex, length: 4))
        let length = UInt32(body.count)
        #expect(prefix == [UInt8(length >> 24), UInt8((length >> 16) & 0xFF), UInt8((length >> 8) & 0xFF), UInt8(length & 0xFF)])
        #expect(buffer.getBytes(at: buffer.readerIndex + 4, length: body.count) == body)
    }

    @Test("the MessageToByteEncoder writes the same bytes as the static encoder")
    func encoderConformanceMatchesStaticEncode() throws {
        var viaConformance = ByteBuffer()
        try FrameEncoder().encode(data: SampleFrames.headers, out: &viaConformance)
        let viaStatic = try encoded([SampleFrames.headers])
        #expect(viaConformance == viaStatic)
    }

    @Test("several frames in one buffer decode in order")
    func severalFramesInOneBuffer() throws {
        let frames = SampleFrames.all
        var buffer = try encoded(frames)

        var decoded: [Kiosk_Wire_V1_Frame] = []
        while let frame = try self.decoder.decodeFrame(from: &buffer) {
            decoded.append(frame)
        }
        #expect(decoded == frames)
        #expect(buffer.readableBytes == 0)
    }

    @Test("whole frames are decoded and a trailing partial frame is left in the buffer")
    func wholeFramesThenPartial() throws {
        var buffer = try encoded([SampleFrames.ping, SampleFrames.pong])
        let third = try encoded([SampleFrames.hello])
        buffer.writeImmutableBuffer(third.getSlice(at: third.readerIndex, length: third.readableBytes - 1)!)

        #expect(try self.decoder.decodeFrame(from: &buffer) == SampleFrames.ping)
        #expect(try self.decoder.decodeFrame(from: &buffer) == SampleFrames.pong)
        #expect(try self.decoder.decodeFrame(from: &buffer) == nil)
        #expect(buffer.readableBytes == third.readableBytes - 1)
    }

    @Test("a frame of exactly maxFrameBytes is accepted, one byte more is not")
    func exactLimit() throws {
        let frame = SampleFrames.message(bytes: Array(repeating: 7, count: 100))
        let body: [UInt8] = try frame.serializedBytes()
        let size = body.count

        var atLimit = try encoded([frame])
        #expect(try FrameDecoder(maxFrameBytes: size).decodeFrame(from: &atLimit) == frame)

        var overLimit = try encoded([frame])
        let error = try wireError { _ = try FrameDecoder(maxFrameBytes: size - 1).decodeFrame(from: &overLimit) }
        #expect(error.code == .frameTooLarge)
    }

    @Test("the default limit is 4 MiB")
    func defaultLimit() {
        #expect(FrameDecoder().maxFrameBytes == 4 * 1024 * 1024)
        #expect(FrameLimits.defaultMaxFrameBytes == 4 * 1024 * 1024)
        #expect(FrameLimits.lengthPrefixBytes == 4)
    }
}

// MARK: - Incomplete input

@Suite("Frame decoder: incomplete input")
struct FrameDecoderPartialInputTests {
    let decoder = FrameDecoder()

    @Test("a partial frame returns nil and consumes nothing, at every cut point")
    func partialFrameConsumesNothing() throws {
        let whole = try encoded([SampleFrames.headers])
        for cut in 0..<whole.readableBytes {
            var partial = whole.getSlice(at: whole.readerIndex, length: cut)!
            let readerIndexBefore = partial.readerIndex
            #expect(try self.decoder.decodeFrame(from: &partial) == nil, "cut at \(cut)")
            #expect(partial.readerIndex == readerIndexBefore, "cut at \(cut)")
            #expect(partial.readableBytes == cut, "cut at \(cut)")
        }
    }

    @Test("bytes arriving one at a time produce the frame exactly when the last byte arrives")
    func byteByByte() throws {
        let whole = try encoded([SampleFrames.status])
        let bytes = Array(buffer: whole)
        var buffer = ByteBuffer()
        var decoded: [Kiosk_Wire_V1_Frame] = []
        for (index, byte) in bytes.enumerated() {
            buffer.writeInteger(byte)
            if let frame = try self.decoder.decodeFrame(from: &buffer) {
                #expect(index == bytes.count - 1)
                decoded.append(frame)
            }
        }
        #expect(decoded == [SampleFrames.status])
        #expect(buffer.readableBytes == 0)
    }
}

// MARK: - Rejected input

@Suite("Frame decoder: rejected input")
struct FrameDecoderRejectionTests {
    @Test("a length over the maximum is refused from the 4 prefix bytes alone", arguments: [
        (1024, UInt32(1025)),
        (1024, UInt32(1_000_000)),
        (FrameLimits.defaultMaxFrameBytes, UInt32(FrameLimits.defaultMaxFrameBytes + 1)),
        (FrameLimits.defaultMaxFrameBytes, UInt32.max),
    ])
    func oversizedPrefixRejectedBeforeBody(maxFrameBytes: Int, length: UInt32) throws {
        var buffer = rawFrame(length: length)
        #expect(buffer.readableBytes == 4)
        let error = try wireError { _ = try FrameDecoder(maxFrameBytes: maxFrameBytes).decodeFrame(from: &buffer) }
        #expect(error.code == .frameTooLarge)
        #expect(error.code.wireCode == .frameTooLarge)
    }

    @Test("a length of zero is refused")
    func zeroLength() throws {
        var buffer = rawFrame(length: 0, body: try SampleFrames.ping.serializedBytes())
        let error = try wireError { _ = try FrameDecoder().decodeFrame(from: &buffer) }
        #expect(error.code == .frameTooLarge)
    }

    @Test("a body of 0xFF bytes is a malformed frame", arguments: [1, 2, 4, 16, 64])
    func garbageBody(count: Int) throws {
        var buffer = rawFrame(body: Array(repeating: 0xFF, count: count))
        let error = try wireError { _ = try FrameDecoder().decodeFrame(from: &buffer) }
        #expect(error.code == .malformedFrame)
    }

    @Test("a valid protobuf Frame with no kind set is a malformed frame")
    func noKind() throws {
        var frame = Kiosk_Wire_V1_Frame()
        frame.callID = 7
        let body: [UInt8] = try frame.serializedBytes()
        #expect(!body.isEmpty)
        // The bytes really are a valid Frame: only the missing kind makes them unacceptable.
        #expect(try Kiosk_Wire_V1_Frame(serializedBytes: body) == frame)

        var buffer = rawFrame(body: body)
        let error = try wireError { _ = try FrameDecoder().decodeFrame(from: &buffer) }
        #expect(error.code == .malformedFrame)
    }

    @Test("the encoder refuses a frame with no kind and writes nothing", arguments: [0, 7] as [UInt32])
    func encoderRefusesFrameWithoutKind(callID: UInt32) throws {
        var frame = Kiosk_Wire_V1_Frame()
        frame.callID = callID
        var buffer = ByteBuffer()
        let error = try wireError { try FrameEncoder.encode(frame, into: &buffer) }
        #expect(error.code == .malformedFrame)
        #expect(buffer.readableBytes == 0)
    }

    @Test("the encoder of a frame with a kind never produces an empty body")
    func encoderAlwaysWritesABody() throws {
        for frame in SampleFrames.all {
            let buffer = try encoded([frame])
            let length = try #require(buffer.getInteger(at: buffer.readerIndex, as: UInt32.self))
            #expect(length > 0, "\(frame.kindName)")
        }
    }
}

// MARK: - Adversarial input

/// One hostile byte string and what the decoder must make of it.
struct AdversarialInput: Sendable, CustomTestStringConvertible {
    enum Expectation: Sendable {
        /// Must throw a WireError with this code.
        case wireError(WireError.Code)
        /// May decode frames, return nil or throw a WireError, but must stay consistent (see `checkInvariants`).
        case anySafeOutcome
    }

    let name: String
    let bytes: [UInt8]
    let expectation: Expectation

    var testDescription: String { self.name }

    static func frame(_ name: String, body: [UInt8], _ expectation: Expectation) -> Self {
        Self(name: name, bytes: Array(buffer: rawFrame(body: body)), expectation: expectation)
    }

    static let handWritten: [Self] = [
        .init(name: "length 0xFFFFFFFF", bytes: [0xFF, 0xFF, 0xFF, 0xFF], expectation: .wireError(.frameTooLarge)),
        .init(name: "length 0x80000000 with a body byte", bytes: [0x80, 0, 0, 0, 0x08], expectation: .wireError(.frameTooLarge)),
        .init(name: "length 0 then a valid frame", bytes: [0, 0, 0, 0, 0x4A, 0x00], expectation: .wireError(.frameTooLarge)),
        .frame("truncated varint: call_id tag then a continuation byte", body: [0x08, 0xFF], .wireError(.malformedFrame)),
        .frame("truncated varint: tag byte with the continuation bit", body: [0x80], .wireError(.malformedFrame)),
        .frame("varint longer than 10 bytes", body: [0x08] + Array(repeating: 0xFF, count: 11) + [0x01], .wireError(.malformedFrame)),
        .frame("hello whose length runs past the body", body: [0x12, 0x05, 0x0A], .wireError(.malformedFrame)),
        .frame("message whose data length runs past the body", body: [0x2A, 0x03, 0x0A, 0x7F, 0x00], .wireError(.malformedFrame)),
        .frame("field number 0", body: [0x00, 0x01], .wireError(.malformedFrame)),
        .frame("only an unknown field: no kind", body: [0x78, 0x01], .wireError(.malformedFrame)),
        .frame("group start without end", body: [0x0B], .wireError(.malformedFrame)),
        .frame("hello with invalid UTF-8 kiosk_id", body: [0x12, 0x03, 0x12, 0x01, 0xFF], .wireError(.malformedFrame)),
        .frame("a valid ping followed by a truncated varint", body: [0x4A, 0x02, 0x08, 0x01, 0x08, 0x80], .wireError(.malformedFrame)),
    ]

    /// Inputs from a fixed-seed generator: a plausible prefix with a random body, and wholly random bytes.
    static let generated: [Self] = (0..<24).map { index in
        var generator = SplitMix64(seed: 0xC0FFEE &+ UInt64(index))
        if index.isMultiple(of: 2) {
            let count = Int.random(in: 1...48, using: &generator)
            return .frame("seed \(index): random \(count)-byte body", body: generator.bytes(count), .anySafeOutcome)
        } else {
            let count = Int.random(in: 0...64, using: &generator)
            return Self(name: "seed \(index): \(count) random bytes", bytes: generator.bytes(count), expectation: .anySafeOutcome)
        }
    }
}

@Suite("Frame decoder: adversarial input")
struct FrameDecoderAdversarialTests {
    static let maxFrameBytes = 1024

    /// Decodes until the decoder wants more bytes or throws, checking what each step did to the buffer.
    /// Returns the error that stopped decoding, if any.
    func decodeAll(_ bytes: [UInt8]) -> (any Error)? {
        let decoder = FrameDecoder(maxFrameBytes: Self.maxFrameBytes)
        var buffer = ByteBuffer(bytes: bytes)
        while true {
            let before = buffer
            let announced = before.getInteger(at: before.readerIndex, as: UInt32.self)
            do {
                guard let frame = try decoder.decodeFrame(from: &buffer) else {
                    // Nil means "need more": nothing consumed and the frame really is incomplete.
                    #expect(buffer == before)
                    if let announced {
                        #expect(before.readableBytes < 4 + Int(announced))
                    } else {
                        #expect(before.readableBytes < 4)
                    }
                    return nil
                }
                // A decoded frame has a kind and consumed exactly its prefix and body.
                #expect(frame.kind != nil)
                #expect(announced.map { before.readableBytes - buffer.readableBytes == 4 + Int($0) } == true)
            } catch let error as WireError {
                if error.code == .frameTooLarge {
                    #expect(announced.map { $0 == 0 || Int($0) > Self.maxFrameBytes } == true)
                } else {
                    #expect(error.code == .malformedFrame)
                    #expect(announced.map { 1...Self.maxFrameBytes ~= Int($0) } == true)
                }
                #expect(buffer.readerIndex >= before.readerIndex)
                return error
            } catch {
                return error
            }
        }
    }

    @Test("hand-written hostile inputs are rejected with the right code", arguments: AdversarialInput.handWritten)
    func handWritten(_ input: AdversarialInput) throws {
        let error = self.decodeAll(input.bytes)
        guard case .wireError(let code) = input.expectation else {
            Issue.record("hand-written inputs must name the expected code")
            return
        }
        let wireError = try #require(error as? WireError, "expected \(code), got \(String(describing: error))")
        #expect(wireError.code == code)
    }

    @Test("random inputs from a fixed seed never escape as anything but frames, nil or a WireError", arguments: AdversarialInput.generated)
    func generated(_ input: AdversarialInput) {
        if let error = self.decodeAll(input.bytes) {
            #expect(error is WireError, "unexpected error type: \(error)")
        }
    }

    @Test("the seeded generator is deterministic")
    func generatorIsDeterministic() {
        var first = SplitMix64(seed: 42)
        var second = SplitMix64(seed: 42)
        var other = SplitMix64(seed: 43)
        let a = first.bytes(32)
        #expect(a == second.bytes(32))
        #expect(a != other.bytes(32))
    }
}

// MARK: - In a channel pipeline

@Suite("Frame decoder in a ByteToMessageHandler")
struct FrameDecoderPipelineTests {
    func makeChannel(maxFrameBytes: Int = FrameLimits.defaultMaxFrameBytes) throws -> RecordingChannel {
        let channel = RecordingChannel()
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(FrameDecoder(maxFrameBytes: maxFrameBytes)))
        return channel
    }

    @Test("frames split across reads arrive whole and in order")
    func framesAcrossReads() throws {
        let channel = try self.makeChannel()
        let bytes = Array(buffer: try encoded([SampleFrames.hello, SampleFrames.headers, SampleFrames.message()]))
        var index = 0
        var step = 1
        while index < bytes.count {
            let end = min(bytes.count, index + step)
            channel.feed(Array(bytes[index..<end]))
            index = end
            step = step % 5 + 1
        }
        channel.closeFromPeer()

        let frames: [Kiosk_Wire_V1_Frame] = channel.readValues()
        #expect(frames == [SampleFrames.hello, SampleFrames.headers, SampleFrames.message()])
        #expect(channel.errors.isEmpty)
    }

    @Test("the connection closing inside a frame is a truncated frame", arguments: [1, 3, 4, 5])
    func closeInsideFrame(keptBytes: Int) throws {
        let channel = try self.makeChannel()
        let whole = Array(buffer: try encoded([SampleFrames.welcome]))
        #expect(keptBytes < whole.count)
        channel.feed(Array(buffer: try encoded([SampleFrames.ping])) + Array(whole.prefix(keptBytes)))
        #expect(channel.errors.isEmpty)

        channel.closeFromPeer()

        let frames: [Kiosk_Wire_V1_Frame] = channel.readValues()
        #expect(frames == [SampleFrames.ping])
        let error = try #require(channel.errors.first as? WireError, "got \(channel.errors)")
        #expect(error.code == .truncatedFrame)
        #expect(channel.errors.count == 1)
    }

    @Test("the connection closing between frames is not an error")
    func closeBetweenFrames() throws {
        let channel = try self.makeChannel()
        channel.feed(Array(buffer: try encoded([SampleFrames.ping, SampleFrames.pong])))
        channel.closeFromPeer()

        let frames: [Kiosk_Wire_V1_Frame] = channel.readValues()
        #expect(frames == [SampleFrames.ping, SampleFrames.pong])
        #expect(channel.errors.isEmpty)
    }

    @Test("an oversized prefix is reported as soon as it arrives, with no body sent")
    func oversizedPrefixInPipeline() throws {
        let channel = try self.makeChannel(maxFrameBytes: 64)
        channel.feed([0, 0, 0, 65])
        let error = try #require(channel.errors.first as? WireError)
        #expect(error.code == .frameTooLarge)
        #expect(channel.readValues(as: Kiosk_Wire_V1_Frame.self).isEmpty)
        channel.closeFromPeer()
    }

    @Test("a malformed frame is reported through the pipeline")
    func malformedInPipeline() throws {
        let channel = try self.makeChannel()
        channel.feed(Array(buffer: rawFrame(body: [0xFF, 0xFF, 0xFF])))
        let error = try #require(channel.errors.first as? WireError)
        #expect(error.code == .malformedFrame)
        channel.closeFromPeer()
    }
}

// MARK: - WireError

@Suite("WireError")
struct WireErrorTests {
    @Test("each code maps onto its ConnectionError code", arguments: [
        (WireError.Code.malformedFrame, Kiosk_Wire_V1_ConnectionError.Code.malformedFrame),
        (.frameTooLarge, .frameTooLarge),
        (.protocolViolation, .protocolViolation),
        (.unsupportedVersion, .unsupportedVersion),
        (.unauthenticated, .unauthenticated),
        (.timeout, .timeout),
        (.overloaded, .overloaded),
        (.truncatedFrame, .truncatedFrame),
    ])
    func codeMapping(code: WireError.Code, wire: Kiosk_Wire_V1_ConnectionError.Code) {
        #expect(code.wireCode == wire)
        #expect(WireError.Code(wire: wire) == code)
    }

    @Test("the error frame carries the code and message and survives the codec")
    func errorFrame() throws {
        let error = WireError(code: .unsupportedVersion, message: "client offered [9]")
        let frame = error.frame
        #expect(frame.callID == 0)
        #expect(frame.connectionError.code == .unsupportedVersion)
        #expect(frame.connectionError.message == "client offered [9]")

        var buffer = try encoded([frame])
        let decoded = try #require(try FrameDecoder().decodeFrame(from: &buffer))
        #expect(WireError(code: WireError.Code(wire: decoded.connectionError.code), message: decoded.connectionError.message) == error)
    }

    @Test("the description names the code and the message")
    func description() {
        let error = WireError(code: .truncatedFrame, message: "closed 3 bytes into a frame")
        #expect(error.description == "truncated frame: closed 3 bytes into a frame")
        #expect(WireError.Code(wire: .unspecified).description == "connection error 0")
    }
}
