import Foundation
import KioskSpawn
import SwiftProtobuf

/// Every method and message type under some proto roots, and protoc to translate text format.
///
/// No per-service code: the methods' input and output types come from a descriptor set that protoc
/// builds from the `.proto` files, and `protoc --encode`/`--decode` translate requests and responses.
public struct ProtoSchema: Sendable {
    /// A method's types.
    public struct Method: Sendable {
        /// Fully qualified request type, e.g. "kiosk.core.v1.SignInRequest".
        public var input: String
        /// Fully qualified response type.
        public var output: String
        /// Whether the server answers with a stream.
        public var serverStreaming: Bool
    }

    /// Methods by path ("/kiosk.core.v1.Session/SignIn").
    public let methods: [String: Method]
    private let descriptorSet: String
    private let protoc: String

    /// Compiles every `.proto` under `roots` (import paths, e.g. the repository's `Protos/` and a
    /// partner's own folder) into a descriptor set in `workDirectory`.
    public static func load(roots: [String], workDirectory: String, protoc: String = "protoc") throws -> ProtoSchema {
        var files: [String] = []
        for root in roots {
            let enumerator = FileManager.default.enumerator(atPath: root)
            while let path = enumerator?.nextObject() as? String {
                if path.hasSuffix(".proto") { files.append(path) }
            }
        }
        guard !files.isEmpty else { throw ScenarioError("no .proto files under \(roots.joined(separator: ", "))") }
        let setPath = (workDirectory as NSString).appendingPathComponent("kiosk-harness-\(UUID().uuidString).pb")
        let arguments = ["--descriptor_set_out=\(setPath)", "--include_imports"] + roots.map { "-I\($0)" } + files.sorted()
        _ = try Self.run(protoc, arguments, input: [])
        let set = try Google_Protobuf_FileDescriptorSet(serializedBytes: try Data(contentsOf: URL(fileURLWithPath: setPath)))
        var methods: [String: Method] = [:]
        for file in set.file {
            for service in file.service {
                let prefix = file.package.isEmpty ? service.name : "\(file.package).\(service.name)"
                for method in service.method {
                    methods["/\(prefix)/\(method.name)"] = Method(
                        input: String(method.inputType.drop(while: { $0 == "." })),
                        output: String(method.outputType.drop(while: { $0 == "." })),
                        serverStreaming: method.serverStreaming
                    )
                }
            }
        }
        return ProtoSchema(methods: methods, descriptorSet: setPath, protoc: protoc)
    }

    /// Serializes a message given in protobuf text format.
    public func encode(_ text: String, type: String) throws -> [UInt8] {
        try Self.run(self.protoc, ["--descriptor_set_in=\(self.descriptorSet)", "--encode=\(type)"], input: Array(text.utf8))
    }

    /// Decodes a serialized message to a tree of its fields.
    public func decode(_ bytes: [UInt8], type: String) throws -> TextTree {
        let text = try Self.run(self.protoc, ["--descriptor_set_in=\(self.descriptorSet)", "--decode=\(type)"], input: bytes)
        return try TextTree.parse(String(decoding: text, as: UTF8.self))
    }

    /// Removes the descriptor set file.
    public func remove() {
        try? FileManager.default.removeItem(atPath: self.descriptorSet)
    }

    private static func run(_ tool: String, _ arguments: [String], input: [UInt8]) throws -> [UInt8] {
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        let process = try SpawnedProcess.launch(
            URL(fileURLWithPath: "/usr/bin/env"),
            arguments: [tool] + arguments,
            standardInput: stdin.fileHandleForReading,
            standardOutput: stdout.fileHandleForWriting,
            standardError: stderr.fileHandleForWriting
        )
        try stdin.fileHandleForReading.close()
        try stdout.fileHandleForWriting.close()
        try stderr.fileHandleForWriting.close()
        stdin.fileHandleForWriting.write(Data(input))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readToEndRetryingInterrupts()
        let errors = stderr.fileHandleForReading.readToEndRetryingInterrupts()
        let termination = try process.wait()
        guard termination == .exited(0) else {
            let message = String(decoding: errors, as: UTF8.self).trimmingWhitespace()
            throw ScenarioError("\(tool) failed: \(message.isEmpty ? "exit status \(termination.status)" : message)")
        }
        return Array(output)
    }
}
