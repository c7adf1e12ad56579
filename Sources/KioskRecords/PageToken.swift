import GRPCCore
import KioskPluginKit

/// Opaque page tokens: the position after the last item of a page.
enum PageToken {
    static func encode(_ parts: [String]) -> String {
        Array(parts.joined(separator: "\u{1F}").utf8).base64URLEncoded
    }

    /// The `count` parts of `token`; INVALID_ARGUMENT when it is not a token this server made.
    static func decode(_ token: String, parts count: Int) throws -> [String] {
        guard let bytes = [UInt8](base64URL: token), let text = String(validating: bytes, as: UTF8.self) else {
            throw Self.foreign
        }
        let parts = text.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == count else { throw Self.foreign }
        return parts
    }

    /// The row offset an offset-paged list resumes at: 0 without a token.
    static func offset(_ token: String?) throws -> Int {
        guard let token, !token.isEmpty else { return 0 }
        guard let offset = Int(try self.decode(token, parts: 1)[0]), offset >= 0 else { throw Self.foreign }
        return offset
    }

    /// The token of the page after `pageSize` rows from `offset`.
    static func encode(offset: Int) -> String {
        self.encode([String(offset)])
    }

    private static var foreign: RPCError {
        RPCError.invalidArgument("page_token is not one this server issued; start again without it")
    }
}

extension Array where Element == UInt8 {
    fileprivate static let base64URLAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    fileprivate var base64URLEncoded: String {
        var output: [UInt8] = []
        var index = 0
        while index < self.count {
            let chunk = self[index..<Swift.min(index + 3, self.count)]
            var value: UInt32 = 0
            for (offset, byte) in chunk.enumerated() { value |= UInt32(byte) << (16 - 8 * offset) }
            for position in 0..<(chunk.count + 1) {
                output.append(Self.base64URLAlphabet[Int((value >> (18 - 6 * position)) & 0x3F)])
            }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    fileprivate init?(base64URL text: String) {
        var lookup = [UInt8: UInt32]()
        for (index, character) in Self.base64URLAlphabet.enumerated() { lookup[character] = UInt32(index) }
        let input = Array(text.utf8)
        guard input.count % 4 != 1 else { return nil }
        var bytes: [UInt8] = []
        var index = 0
        while index < input.count {
            let chunk = input[index..<Swift.min(index + 4, input.count)]
            var value: UInt32 = 0
            for (offset, character) in chunk.enumerated() {
                guard let sextet = lookup[character] else { return nil }
                value |= sextet << (18 - 6 * offset)
            }
            for position in 0..<(chunk.count - 1) { bytes.append(UInt8((value >> (16 - 8 * position)) & 0xFF)) }
            index += 4
        }
        self = bytes
    }
}
