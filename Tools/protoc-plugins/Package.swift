// swift-tools-version:6.1
// Builds the two Swift protoc plugins at the versions the server itself uses.
// Used only by Tools/generate-protos; keep the versions in step with the root Package.swift.
import PackageDescription

let package = Package(
    name: "protoc-plugins",
    dependencies: [
        .package(url: "https://github.com/apple/swift-protobuf.git", exact: "1.39.0"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf.git", exact: "2.4.1"),
    ]
)
