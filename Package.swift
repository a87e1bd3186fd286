// swift-tools-version:6.0
// The B2B marketplace: one binary, no Swift package dependencies.
// Dependencies point down only:
//   marketplace -> MarketApp -> Seller / Buyer / Operator -> MarketCore -> Web / Store / Crypto -> HTTPServer / C shims
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "Marketplace",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "marketplace", targets: ["marketplace"])
    ],
    targets: [
        // MARK: - C system libraries (Debian: libsqlite3-dev, libssl-dev; epoll is in libc)
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "COpenSSL", path: "Sources/COpenSSL", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CLinux", path: "Sources/CLinux"),

        // MARK: - Infrastructure that knows nothing of the marketplace
        .target(name: "HTTPServer", dependencies: ["CLinux"], swiftSettings: strict),
        .target(name: "Web", dependencies: ["HTTPServer"], swiftSettings: strict),
        .target(name: "Store", dependencies: ["CSQLite"], swiftSettings: strict),
        .target(name: "Crypto", dependencies: ["COpenSSL"], swiftSettings: strict),

        // MARK: - The marketplace
        .target(name: "MarketCore", dependencies: ["Web", "Store", "Crypto"], swiftSettings: strict),
        .target(name: "Seller", dependencies: ["MarketCore"], swiftSettings: strict),
        .target(name: "Buyer", dependencies: ["MarketCore"], swiftSettings: strict),
        .target(name: "Operator", dependencies: ["MarketCore"], swiftSettings: strict),
        .target(name: "MarketApp", dependencies: ["Seller", "Buyer", "Operator"], swiftSettings: strict),
        .executableTarget(name: "marketplace", dependencies: ["MarketApp"], swiftSettings: strict),

        // MARK: - Tests
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer"], swiftSettings: strict),
        .testTarget(name: "WebTests", dependencies: ["Web"], swiftSettings: strict),
        .testTarget(name: "StoreTests", dependencies: ["Store"], swiftSettings: strict),
        .testTarget(name: "CryptoTests", dependencies: ["Crypto"], swiftSettings: strict),
        .testTarget(name: "MarketCoreTests", dependencies: ["MarketCore"], swiftSettings: strict),
        .testTarget(name: "EndToEndTests", dependencies: ["MarketApp"], swiftSettings: strict),
    ]
)
