import Foundation
import InstalledPlugins
import KioskHost
import KioskPluginKit
import KioskRecords
import Testing

/// `docs/INDICATORS.md` lists exactly the definitions of the default build (all plugins installed):
/// regenerate its generated part with `kioskctl report definitions` when this fails.
@Suite struct IndicatorsDocumentTests {
    static var document: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/INDICATORS.md")
    }

    @Test(.enabled(if: InstalledPlugins.all.count == 4, "the document lists the default build's four plugins"))
    func theDocumentMatchesTheDefinitions() async throws {
        let text = try String(contentsOf: Self.document, encoding: .utf8)
        let part = try #require(IndicatorCatalog.generatedPart(of: text), "docs/INDICATORS.md has no generated part")
        let definitions = try await KioskHost.indicatorDefinitions(plugins: InstalledPlugins.all)
        #expect(part == IndicatorCatalog.markdown(definitions), "regenerate with: swift run kioskctl report definitions")
    }

    @Test func everyDefinitionIsComplete() async throws {
        let definitions = try await KioskHost.indicatorDefinitions(plugins: InstalledPlugins.all)
        #expect(Set(definitions.map(\.id)).count == definitions.count)
        for definition in definitions {
            #expect(!definition.title.zh.isEmpty && !definition.title.en.isEmpty && definition.rule.count > 40, "\(definition.id)")
            #expect(definition.id.hasPrefix(definition.provider + "."), "\(definition.id) from \(definition.provider)")
            #expect(!definition.levels.isEmpty)
            #expect(Set(definition.groups.map(\.key)).count == definition.groups.count)
        }
    }
}
