import CCTS
import Foundation
import Loading
import Simulation
import Testing
import TestSupport

/// Reforms and `--set`: what a regulator changes, applied to this run's copy of the rules.
@Suite struct ReformTests {
    func reform(_ text: String) -> SourceFile { SourceFile(name: "reform.lua", text: text) }

    @Test func reformTightensTargetsAndMateriality() throws {
        let file = reform(
            """
            reform "Aluminium 2026-27 targets 2% tighter, materiality 5%" (function(rules)
              for _, entity in pairs(rules.targets.aluminium) do
                entity.gei["2026-27"] = entity.gei["2026-27"] * 0.98
              end
              rules.verification.materiality = 0.05
            end)
            """)
        let inputs = try Loader().load(scenario: nil, reformFiles: [file])
        let vedanta = try #require(inputs.rules.target(for: "ALU-OD-VEDANTA-JSG-SMELTER2"))
        let target = try #require(vedanta.target(for: ComplianceYear("2026-27")!))
        // 12.8259 × 0.98 = 12.569382
        #expect(close(target.value, 12.569382))
        #expect(
            target.provenance.source.contains(
                "changed by reform 'Aluminium 2026-27 targets 2% tighter, materiality 5%'"))
        #expect(target.provenance.source.contains("was 12.8259"))
        #expect(inputs.rules.verification.materiality.constant == 0.05)
        #expect(inputs.rules.reforms == ["Aluminium 2026-27 targets 2% tighter, materiality 5%"])
        #expect(
            inputs.changes.contains { $0.path == "verification.materiality" && $0.old == "0.02" && $0.new == "0.05" })
        // The base rules are untouched: a fresh load has the notified value.
        let base = try Loader().load().rules.target(for: "ALU-OD-VEDANTA-JSG-SMELTER2")?.target(
            for: ComplianceYear("2026-27")!)
        #expect(base?.value == 12.8259)
    }

    @Test func reformCanMakeARuleAFunction() throws {
        let file = reform(
            """
            reform "EU-style materiality" (function(rules)
              rules.verification.materiality = function(case)
                if case.emissions > 500000 then return 0.05 else return 0.02 end
              end
            end)
            """)
        let loader = Loader()
        let inputs = try loader.load(
            scenario: SourceFile(
                name: "test.lua", text: cementScenario(yearExtra: "verification = { emissions = 0.03 },")),
            reformFiles: [file])
        let year = try #require(try Evaluation.expected(inputs.scenario!, rules: inputs.rules).years.first)
        // 983,122 t > 500,000 → threshold 5 %; misstatement 2.91 % is not material (it was under the base 2 %)
        #expect(year.verification.threshold == 0.05)
        #expect(!year.verification.material)
    }

    @Test func setOverridesValuesAndFactors() throws {
        let inputs = try Loader(sets: ["compliance.compensation.multiple=3", "fuels.coal_imported.co2=96"]).load()
        #expect(inputs.rules.compliance.compensationMultiple.constant == 3)
        #expect(inputs.rules.fuel("coal_imported")?.co2.value == 96)
        #expect(
            inputs.rules.fuel("coal_imported")?.co2.provenance.source.contains("--set fuels.coal_imported.co2=96")
                == true)
        let bracketed = try Loader(sets: ["targets.aluminium[\"ALU-OD-HINDALCO-HIRAKUD\"].gei[\"2025-26\"]=18.5"])
            .load()
        #expect(
            bracketed.rules.target(for: "ALU-OD-HINDALCO-HIRAKUD")?.target(for: ComplianceYear("2025-26")!)?.value
                == 18.5)
    }

    /// `--set verification.materiality=1` meant 1 %: refused as a threshold of 100 % (past the plausible
    /// 0…0.5), with 0.01 suggested; 0.05 is accepted.
    @Test func materialityWrittenAsAPercentageIsRefusedWithTheFraction() throws {
        #expect {
            _ = try Loader(sets: ["verification.materiality=1"]).load()
        } throws: { error in
            let text = "\(error)"
            return text.contains("verification.materiality: is 1; expected a number in 0…0.5")
                && text.contains("did you mean 0.01 (1 %)?")
        }
        _ = try Loader(sets: ["verification.materiality=0.05"]).load()
    }

    /// A --set that moves a factor outside its published range is blamed on the --set, at the range
    /// (it named `default/fuels.lua` and a key `range[""]`).
    @Test func aSetOutsideAFactorsRangeBlamesTheSet() {
        #expect {
            _ = try Loader(sets: ["fuels.coal_imported.co2=500"]).load()
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("--set fuels.coal_imported.co2=500: fuels.coal_imported.co2.range: is {")
                && text.contains("which does not hold the value 500") && !text.contains("range[\"\"]")
                && text.contains("(the value given by --set")
        }
    }

    /// A reform that writes a key no rule can have is named with its file and the line that wrote it
    /// (`rules[1.5] = 1` on line 3), not "(engine)"; one that builds a new table holding such a key
    /// is still named with its file and reform.
    @Test func aReformWritingAnImpossibleKeyIsNamed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ccts-reform-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("bad-key.lua").path
        try "reform \"bad key\" (function(rules)\n  rules.compliance.note = \"x\"\n  rules[1.5] = 1\nend)\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        #expect {
            _ = try Loader(reforms: [path]).load()
        } throws: { error in
            let text = "\(error)"
            return text.contains("bad-key.lua:3: writes rules[1.5], a key of type float") && !text.hasPrefix("(engine)")
        }
        let nested = folder.appendingPathComponent("nested-key.lua").path
        try "reform \"nested\" (function(rules)\n  rules.compliance.extra = { [true] = 1 }\nend)\n".write(
            toFile: nested, atomically: true, encoding: .utf8)
        #expect {
            _ = try Loader(reforms: [nested]).load()
        } throws: { error in
            "\(error)".contains("nested-key.lua") && "\(error)".contains("reform 'nested' left the rules unreadable")
        }
    }

    /// A doubled, leading or trailing dot is no rule path: refused with where, not read as another
    /// path (`compliance..price` used to set `compliance.price`).
    @Test(arguments: [
        ("compliance..price=2000", "has no name before the '.' at character 12"),
        (".compliance.price=2000", "has no name before the '.' at character 1"),
        ("compliance.price.=2000", "ends with '.'; expected a rule name after it"),
    ])
    func aSetPathWithAnEmptyNameIsRefused(assignment: String, message: String) {
        #expect {
            _ = try Loader(sets: [assignment]).load()
        } throws: { error in
            "\(error)".contains(message) && "\(error)".contains("--set")
        }
    }

    /// A dot right after a bracket follows a name: `fuels["coal_imported"].co2` is one path.
    @Test func aDotAfterABracketIsAPath() throws {
        let rules = try Loader(sets: ["fuels[\"coal_imported\"].co2=96"]).load().rules
        #expect(rules.fuel("coal_imported")?.co2.value == 96)
    }

    @Test func setWithUnknownPathSuggests() {
        #expect {
            _ = try Loader(sets: ["verification.materialty=0.05"]).load()
        } throws: { error in
            let text = "\(error)"
            // a rule that is absent may be set (it may be nil by default); the rule set's own check then
            // names the unknown field, blames the --set and suggests the near name
            return text.hasPrefix(
                "--set verification.materialty=0.05: verification.materialty: unknown field 'materialty'")
                && text.contains("did you mean 'materiality'?")
        }
    }

    @Test func reformErrorNamesItsLine() {
        let file = reform(
            "reform \"broken\" (function(rules)\n  rules.verification.materiality = rules.nothing.x\nend)\n")
        #expect {
            _ = try Loader().load(scenario: nil, reformFiles: [file])
        } throws: { error in
            "\(error)".contains("reform.lua:2:")
        }
    }

    @Test func reformThatBreaksARuleIsRefused() {
        let file = reform("reform \"bad\" (function(rules) rules.verification.materiality = \"two percent\" end)")
        #expect {
            _ = try Loader().load(scenario: nil, reformFiles: [file])
        } throws: { error in
            "\(error)".contains("verification.materiality") && "\(error)".contains("expected a number or a function")
        }
    }
}
