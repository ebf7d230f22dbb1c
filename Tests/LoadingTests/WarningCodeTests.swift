import CCTS
import Foundation
import Loading
@testable import Simulation
import Testing
import TestSupport

/// Every warning the lifecycle and the loader raise, with the code its site gives (never matched on
/// the message's words): one test per code. The commands' own codes (compare, plan, Monte Carlo,
/// tables) are in `CLITests/WarningCodesCommandTests`.
@Suite struct WarningCodeTests {
    /// The codes of an outcome's warnings whose message contains `phrase`.
    func codes(_ outcome: ScenarioOutcome, _ phrase: String) -> [WarningCode] {
        outcome.warnings.filter { $0.message.contains(phrase) }.map(\.code)
    }

    /// A sale larger than what is held is reduced: `sale_exceeds_holding`.
    @Test func aReducedSaleIsSaleExceedsHolding() throws {
        // the hand-computed plant issues 24,878 CCCs at the surrender; a sale of 900,000 after it sells what is held
        let outcome = try runScenario(cementScenario(yearExtra: "trades = { sell = { 900000 } },"))
        #expect(codes(outcome, "reduced to the") == [.saleExceedsHolding])
        #expect(outcome.years[0].ledger.sold == 24_878)
    }

    /// CCCs sold before the surrender of a year that ends short: `sold_while_short` (its own code, not
    /// a sale larger than the holding: the sale itself was whole).
    @Test func aSaleBeforeAShortSurrenderIsSoldWhileShort() throws {
        // target 0.69: surrender (0.70223 − 0.69) × 1.4e6 = 17,122 against 10,000 opening − 8,000 sold = 2,000
        let outcome = try runScenario(
            cementScenario(
                target: 0.69, extra: "opening_balance = 10000,",
                yearExtra: "trades = { sell = { { 8000, date = \"2026-02-01\" } } },"))
        #expect(codes(outcome, "sold before the surrender") == [.soldWhileShort])
        #expect(outcome.years[0].ledger.shortfall == 15_122)
    }

    /// A gas the sector does not cover is `gas_not_covered`, not an ineligible offset; and a reform of the
    /// sector's gases is read by every year (it changes every total), not "changed but not used".
    @Test func aGasOutsideTheSectorIsItsOwnCodeAndItsReformIsUsed() throws {
        let reform = SourceFile(
            name: "gases.lua",
            text: """
                reform "cement counts CO2 only" (function(rules)
                  rules.sectors.cement.gases = { "CO2" }
                end)
                """)
        let inputs = try Loader().load(
            scenario: SourceFile(name: "plant.lua", text: cementScenario()), reformFiles: [reform])
        let outcome = try Evaluation.expected(inputs.scenario!, rules: inputs.rules, tracing: false)
        #expect(codes(outcome, "CH4 from combustion") == [.gasNotCovered])
        let plan = try PlanCompiler(rules: inputs.rules).compile(inputs.scenario!)
        #expect(plan.uses(rulePath: "sectors.cement.gases"))
    }

    /// An offset type the rules do not accept: `offset_not_eligible`; beyond the cap: `offset_over_cap`.
    @Test func refusedAndCappedOffsetsHaveTheirOwnCodes() throws {
        let offsets = """
            offsets = { { project = "P-BC", type = "biochar", credits = 3000, vintage = "2025-26" },
                        { project = "P-RE", type = "renewable_energy", credits = 5000, vintage = "2025-26" } },
            """
        // target 0.68: obligation 31,122; a cap of 0.1 counts 3,112.2 → 3,112 of P-RE's 5,000
        let outcome = try runScenario(
            cementScenario(target: 0.68, yearExtra: offsets),
            loader: Loader(sets: ["compliance.offsets.max_share=0.1"]))
        #expect(codes(outcome, "offsets from P-BC not counted") == [.offsetNotEligible])
        #expect(codes(outcome, "offsets from P-RE not counted") == [.offsetOverCap])
    }

    /// A delivery that is not whole: `certificates_rounded_down` (3,333 × 0.9 = 2,999.7 → 2,999).
    @Test func aPartDeliveryIsCertificatesRoundedDown() throws {
        let outcome = try runScenario(
            cementScenario(
                yearExtra: """
                    offsets = { { project = "Q", type = "renewable_energy", credits = 3333, delivered = 0.9,
                                  vintage = "2025-26" } },
                    """))
        #expect(codes(outcome, "rounded down to 2999") == [.certificatesRoundedDown])
    }

    /// Exports the rules do not deduct: `not_deducted`.
    @Test func anExportNotDeductedIsNotDeducted() throws {
        let text = cementScenario().replacingOccurrences(
            of: "renewable = { 50000, \"MWh\" }", with: "exported = { 8000, \"MWh\" }")
        let outcome = try runScenario(text, loader: Loader(sets: ["compliance.exports_deductible=false"]))
        #expect(codes(outcome, "exported electricity of 8000 MWh not deducted") == [.notDeducted])
    }

    /// A rule used outside its validity: `factor_outside_validity` (the 2024-25 grid factor in 2026-27).
    @Test func aStaleFactorIsFactorOutsideValidity() throws {
        let outcome = try runScenario(cementScenario(year: "2026-27"))
        #expect(codes(outcome, "grids.national.factors[\"2024-25\"]") == [.factorOutsideValidity])
    }

    /// The short first period: unstated `short_period_assumed`, full-year `short_period_pro_rata`; and
    /// `monitored` on a whole-year period `no_effect`.
    @Test func periodWarningsHaveTheirCodes() throws {
        #expect(codes(try runScenario(cementScenario()), "is a short compliance period") == [.shortPeriodAssumed])
        let proRata = try runScenario(cementScenario(yearExtra: "monitored = \"full_year\","))
        #expect(codes(proRata, "taken pro rata") == [.shortPeriodProRata])
        let whole = try runScenario(cementScenario(year: "2026-27", yearExtra: "monitored = \"full_year\","))
        #expect(codes(whole, "has no effect") == [.noEffect])
    }

    /// A scenario's baseline or target replaced by the notified one: `notified_value_used`.
    @Test func aNotifiedRegistrationOverridesWithItsOwnCode() throws {
        let text = cementScenario()
            .replacingOccurrences(
                of: "registration = \"T-CEM\", sector = \"cement\", targets = { [\"2025-26\"] = 0.72 }",
                with: """
                    registration = "ALU-OD-VEDANTA-JSG-SMELTER2", sector = "aluminium", targets = { ["2025-26"] = 14 }
                    """
            )
            .replacingOccurrences(
                of: "products = { { \"opc\", 1e6, \"t\" }, { \"ppc\", 4e5, \"t\" } }",
                with: "products = { { \"aluminium\", 1e5, \"t\" } }")
        let outcome = try runScenario(text)
        // the rules' 13.2260 for 2025-26 replaces the scenario's 14
        #expect(codes(outcome, "targets[\"2025-26\"] = 14 is not used") == [.notifiedValueUsed])
        #expect(outcome.years[0].compliance.target == 13.226)
    }

    /// A sector the rules do not notify: `sector_not_notified` in every run, naming the proposed trajectory.
    @Test func aSectorWithoutNotifiedTargetsSaysSo() throws {
        let text = cementScenario()
            .replacingOccurrences(of: "sector = \"cement\"", with: "sector = \"iron_steel\"")
            .replacingOccurrences(
                of: "products = { { \"opc\", 1e6, \"t\" }, { \"ppc\", 4e5, \"t\" } }",
                with: "products = { { \"crude_steel\", 1.4e6, \"t\" } }")
        let outcome = try runScenario(text)
        let said = outcome.warnings.filter { $0.code == .sectorNotNotified }
        #expect(said.count == 1)
        #expect(said.first?.message.contains("proposed trajectory 2.54 tCO2/tcs (2023-24) to 2.2 by 2029-30") == true)
        // a sector without a schedule has no short first period: 2025-26 is a whole year
        #expect(!outcome.warnings.contains { $0.code == .shortPeriodAssumed })
    }

    /// The README's table lists every code with its meaning, and no code it does not know.
    @Test func theReadmeTableIsTheCodeList() throws {
        let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "\n## Warnings and their codes\n").dropFirst().first)
        let rows = section.components(separatedBy: "\n## ")[0].split(separator: "\n").filter { $0.hasPrefix("| `") }
        let listed = rows.compactMap { $0.split(separator: "`").dropFirst().first.map(String.init) }
        #expect(Set(listed) == Set(WarningCode.allCases.map(\.rawValue)), "README rows: \(listed)")
        // the output schema's enum of codes is the same list
        let schema = try String(
            contentsOf: root.appendingPathComponent("schemas/ccts-output.schema.json"), encoding: .utf8)
        let enumText = try #require(
            schema.components(separatedBy: "\"code\": {\n            \"enum\": [").dropFirst().first)
        let inSchema = enumText.prefix { $0 != "]" }.split(separator: "\"").enumerated().filter { $0.offset % 2 == 1 }
            .map { String($0.element) }
        #expect(inSchema == WarningCode.allCases.map(\.rawValue).sorted())
        for code in WarningCode.allCases {
            let row = rows.first { $0.hasPrefix("| `\(code.rawValue)`") }
            #expect(row?.contains(code.meaning) == true, "\(code.rawValue): the README's meaning differs")
        }
    }
}
