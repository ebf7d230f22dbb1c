import CCTS
import DefaultRules
import Foundation
import Loading
import Testing

/// The built-in rule set: complete, sourced, and with the published values.
@Suite struct DefaultRulesTests {
    let rules: RuleSet

    init() throws {
        rules = try Loader().load().rules
    }

    @Test func embeddedListMatchesRulesFolder() throws {
        let folder = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("../../Rules/default").standardized.path
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".lua") }
            .sorted()
        #expect(BuiltInRuleFiles.files.map(\.name).sorted() == onDisk)
        for file in BuiltInRuleFiles.files {
            let text = try String(contentsOfFile: folder + "/" + file.name, encoding: .utf8)
            #expect(text == file.text, "\(file.name) embedded copy is stale")
        }
    }

    @Test func ipccFuelFactors() throws {
        // IPCC 2006 Vol 2 Ch 1 Tables 1.2 and 1.4 (SOURCES.md).
        let coal = try #require(rules.fuel("coal_imported"))
        #expect(coal.ncv.value == 25.8 && coal.ncv.unit == "GJ/t")
        #expect(coal.co2.value == 94.6 && coal.co2.range == 89.5...99.7)
        #expect(rules.fuel("natural_gas")?.co2.value == 56.1)
        #expect(rules.fuel("petcoke")?.ncv.value == 32.5)
        #expect(rules.fuel("biomass")?.biogenic == true)
        let required = [
            "coal_domestic", "coal_imported", "lignite", "natural_gas", "diesel", "fuel_oil", "petcoke",
            "lpg", "biomass", "diesel_mobile", "petrol_mobile",
        ]
        for id in required { #expect(rules.fuel(id) != nil, "missing fuel \(id)") }
    }

    @Test func processRefrigerantGridAndGWP() throws {
        #expect(rules.refrigerant("R-134a")?.gwp["AR5"] == 1300)
        #expect(rules.refrigerant("R-410A")?.gwp["AR6"] == 2_255.5)  // (771 + 3740) / 2, computed from the blend
        let grid = try #require(rules.grid("national"))
        // 2025-26 has no published factor: the 2024-25 value (0.7117, CEA V21.0) applies.
        #expect(grid.factor(for: ComplianceYear("2025-26")!)?.factor.value == 0.7117)
        #expect(grid.factor(for: ComplianceYear("2023-24")!)?.factor.value == 0.7290)
        #expect(rules.gwpInForce == "AR5")
        #expect(rules.gwp.ch4 == 28 && rules.gwp.n2o == 265)
        #expect(rules.gwpSets.map(\.name).contains("AR6"))
    }

    @Test func sectorsAndNotifiedTargets() throws {
        for id in ["aluminium", "cement", "chlor_alkali", "pulp_paper"] {
            #expect(rules.sector(id)?.notified == true, "\(id) is notified")
        }
        let vedanta = try #require(rules.target(for: "ALU-OD-VEDANTA-JSG-SMELTER2"))
        #expect(vedanta.target(for: ComplianceYear("2026-27")!)?.value == 12.8259)
        #expect(vedanta.baseline?.gei == 13.4927)
        #expect(vedanta.target(for: ComplianceYear("2025-26")!)?.provenance.source.contains("R100") == true)
    }

    @Test func verificationAndCompliance() {
        #expect(rules.verification.materiality.constant == 0.02)
        #expect(rules.compliance.compensationMultiple.constant == 2)
        #expect(rules.compliance.issueRounding == .floor)
        #expect(rules.compliance.surrenderRounding == .ceil)
        #expect(rules.compliance.banking.allowed)
        #expect(rules.compliance.offsets.eligibleTypes.contains("renewable_energy"))
    }

    @Test func everyValueHasASourceAndAssumptionsAreListed() {
        for fuel in rules.fuels {
            for factor in [fuel.ncv, fuel.co2, fuel.ch4, fuel.n2o] { #expect(!factor.provenance.source.isEmpty) }
        }
        let rulesWithAssumptions = rules.assumptions.map(\.rule)
        for rule in [
            "compliance.banking", "compliance.offsets", "verification", "gwp_in_force", "compliance.compensation",
        ] {
            #expect(rulesWithAssumptions.contains(rule), "assumption for \(rule) listed")
        }
        #expect(rules.assumptions.allSatisfy { !$0.reasoning.isEmpty })
    }
}
