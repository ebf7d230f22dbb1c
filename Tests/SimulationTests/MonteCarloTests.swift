import CCTS
import Foundation
import Loading
import Testing
@testable import Simulation
@testable import Statistics

/// Worlds end to end: the compiled evaluator against the reference lifecycle, reproducibility,
/// an analytically known probability, correlations, and stable streams.
@Suite struct MonteCarloTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func load(_ text: String) throws -> LoadedInputs {
        try Loader().load(scenario: SourceFile(name: "mc.lua", text: text))
    }

    /// A scenario of one cement year, 2025-26, with target 0.7 GEI; `year` is the year's fields.
    func cementYear(_ year: String) -> String {
        """
        return scenario {
          entity = { registration = "T", sector = "cement", targets = { ["2025-26"] = 0.7 } },
          years = { ["2025-26"] = {
        \(year)
          } },
        }
        """
    }

    func loadBenchmark() throws -> LoadedInputs {
        try Loader().load(scenario: Self.packageRoot.appendingPathComponent("Scenarios/benchmark.lua").path)
    }

    func run(
        _ inputs: LoadedInputs, iterations: Int, threads: Int = 1, seed: UInt64 = 1, batch: Int = 65_536,
        factorUncertainty: Bool = false, untilSE: Double? = nil
    ) throws -> WorldResults {
        let plan = try PlanCompiler(rules: inputs.rules, factorUncertainty: factorUncertainty).compile(inputs.scenario!)
        var options = MonteCarloOptions(
            iterations: iterations, seed: seed, threads: threads, untilStandardError: untilSE)
        options.batch = batch
        return try MonteCarlo.run(plans: Array(repeating: plan, count: threads), options: options)
    }

    @Test(arguments: [false, true])
    func explainedWorldsEqualTheBatchedWorlds(factorUncertainty: Bool) throws {
        // The same evaluator, driven two ways: blocks of 64 worlds on threads (Monte Carlo) and
        // one world with the outcome recorder (explain --world). Every figure must be identical.
        let inputs = try loadBenchmark()
        let results = try run(inputs, iterations: 300, factorUncertainty: factorUncertainty)
        for world in 0..<300 {
            let outcome = try Evaluation.world(
                world, seed: 1, scenario: inputs.scenario!, rules: inputs.rules,
                factorUncertainty: factorUncertainty, tracing: false
            ).outcome
            for (y, year) in outcome.years.enumerated() {
                #expect(results.series(.emissions, year: y)[world] == year.emissions.total)
                #expect(results.series(.gei, year: y)[world] == year.compliance.gei)
                #expect(
                    results.series(.credits, year: y)[world] == year.compliance.issued
                        - year.compliance.surrenderRequired)
                #expect(results.series(.closing, year: y)[world] == year.ledger.closing)
                #expect(results.series(.shortfall, year: y)[world] == year.ledger.shortfall)
                #expect(results.series(.cost, year: y)[world] == year.cost)
                #expect(results.series(.price, year: y)[world] == year.price)
                #expect(results.series(.compensation, year: y)[world] == year.compensation)
            }
        }
    }

    @Test func resultsDoNotDependOnThreadsOrBatches() throws {
        let inputs = try loadBenchmark()
        let one = MonteCarloSummary.of(try run(inputs, iterations: 20_000, threads: 1), seed: 1)
        let two = MonteCarloSummary.of(
            try run(inputs, iterations: 20_000, threads: 2, batch: 7_000), seed: 1, threads: 2)
        let three = MonteCarloSummary.of(
            try run(inputs, iterations: 20_000, threads: 3, batch: 4_096), seed: 1, threads: 3)
        #expect(one == two)
        #expect(one == three)
        let otherSeed = MonteCarloSummary.of(try run(inputs, iterations: 20_000, seed: 2), seed: 2)
        #expect(one.totalCost.mean != otherSeed.totalCost.mean)
    }

    @Test func probabilityOfNonComplianceMatchesTheNormalCDF() throws {
        // Emissions fixed: 100,000 t coal_imported × 25.8 GJ/t = 2,580 TJ → CO2 2,580 × 94.6 = 244,068; CH4 2,580
        // × 10/1000 × 28 = 722.4; N2O 2,580 × 1.5/1000 × 265 = 1,025.55 E = 245,815.95 t. Production P ~ N(350,000,
        // 10,000); target T = 0.7. Non-compliant ⇔ GEI > T ⇔ P < E/T = 351,165.64 → p = Φ((351,165.64 −
        // 350,000)/10,000) = Φ(0.116564) ≈ 0.54640
        let inputs = try load(
            cementYear(
                """
                fuels = { { "coal_imported", 100000, "t" } },
                products = { { "opc", normal(350000, 10000), "t" } },
                """))
        let results = try run(inputs, iterations: 200_000, threads: 2)
        let summary = MonteCarloSummary.of(results, seed: 1)
        let expected = SpecialFunctions.normalCDF((245_815.95 / 0.7 - 350_000) / 10_000)
        let year = summary.years[0]
        #expect(
            abs(year.probabilityOfNonCompliance - expected) < 3 * year.probabilityStandardError,
            "P = \(year.probabilityOfNonCompliance) ± \(year.probabilityStandardError), expected \(expected)")
    }

    @Test func aFailingRunNamesItsFirstImpossibleWorldWhateverTheThreads() throws {
        // 100 t of coal emit 245.8 tCO2e (2.58 TJ × (94.6 + 10/1000 × 28 + 1.5/1000 × 265)); exporting
        // N(200, 40) MWh deducts 200 × 0.7117 ≈ 142 t on average, more than the plant emits beyond
        // about (245.8 / 0.7117 − 200) / 40 ≈ 3.6 sd: some 3 worlds in 20,000, the first of them
        // beyond the first 1,024-world chunk. Threads take chunks as they come; the error must
        // still name the first impossible world, the same with 1 thread or 3.
        let inputs = try load(
            cementYear(
                """
                fuels = { { "coal_imported", 100, "t" } },
                electricity = { purchased = { 0, "MWh" }, exported = { normal(200, 40, 0, 1e6), "MWh" } },
                products = { { "opc", 1000, "t" } },
                """))
        func failure(_ iterations: Int, threads: Int) -> String? {
            do {
                _ = try run(inputs, iterations: iterations, threads: threads)
                return nil
            } catch {
                return String(describing: error)
            }
        }
        let one = try #require(failure(20_000, threads: 1))
        let three = try #require(failure(20_000, threads: 3))
        #expect(
            one.contains(
                "deductions (exported electricity and heat, captured CO2) exceed the plant's emissions in world"),
            "\(one)")
        #expect(one == three)
        let world = try #require(
            one.components(separatedBy: "in world ").last.flatMap { Int($0.prefix { $0.isNumber }) })
        #expect(world >= 1_024, "the first impossible world is in the first chunk; the test shows less than it should")
        // it is the first: the worlds before it all run, and it fails on its own
        #expect(failure(world, threads: 3) == nil)
        #expect(failure(world + 1, threads: 3) == one)
    }

    @Test func requestedRankCorrelationIsAchieved() throws {
        let inputs = try load(
            """
            return scenario {
              entity = { registration = "T", sector = "cement", targets = { ["2025-26"] = 0.7 } },
              years = { ["2025-26"] = {
                fuels = { { "coal_imported", triangular(80000, 100000, 130000), "t" } },
                products = { { "opc", uniform(300000, 400000), "t" }, { "ppc", normal(100000, 5000), "t" } },
              } },
              correlations = {
                { 'years["2025-26"].fuels.coal_imported.quantity', 'years["2025-26"].products.opc.quantity', 0.8 },
                { 'years["2025-26"].products.ppc.quantity', 'years["2025-26"].products.opc.quantity', -0.3 },
              },
            }
            """)
        let results = try run(inputs, iterations: 50_000)
        func column(_ key: String) -> UnsafeBufferPointer<Double> {
            results.input(results.inputKeys.firstIndex(of: key)!)
        }
        let coal = SensitivityRanking.CentredRanks(column("years[\"2025-26\"].fuels.coal_imported.quantity"))
        let opc = SensitivityRanking.CentredRanks(column("years[\"2025-26\"].products.opc.quantity"))
        let ppc = SensitivityRanking.CentredRanks(column("years[\"2025-26\"].products.ppc.quantity"))
        // Sampling error of Spearman's ρ at n = 50,000 is about (1 − ρ²)/√n < 0.005.
        #expect(abs(coal.correlation(opc) - 0.8) < 0.015)
        #expect(abs(ppc.correlation(opc) + 0.3) < 0.015)
    }

    @Test func impossibleCorrelationsAreRefused() throws {
        let text = """
            return scenario {
              entity = { registration = "T", sector = "cement", targets = { ["2025-26"] = 0.7 } },
              years = { ["2025-26"] = {
                fuels = { { "coal_imported", normal(1e5, 1e3), "t" }, { "petcoke", normal(5e4, 1e3), "t" } },
                products = { { "opc", normal(3e5, 1e4), "t" } },
              } },
              correlations = {
                { 'years["2025-26"].fuels.coal_imported.quantity', 'years["2025-26"].fuels.petcoke.quantity', 0.9 },
                { 'years["2025-26"].fuels.petcoke.quantity', 'years["2025-26"].products.opc.quantity', 0.9 },
                { 'years["2025-26"].fuels.coal_imported.quantity', 'years["2025-26"].products.opc.quantity', -0.9 },
              },
            }
            """
        let inputs = try load(text)
        #expect {
            _ = try PlanCompiler(rules: inputs.rules).compile(inputs.scenario!)
        } throws: { error in
            "\(error)".contains("correlations") && "\(error)".contains("not positive semi-definite")
        }
    }

    /// A plant with one uncertain fuel and one uncertain product, and `correlations` (Lua entries).
    func coalAndOPC(correlations: String) -> String {
        """
        return scenario {
          entity = { registration = "T", sector = "cement", targets = { ["2025-26"] = 0.7 } },
          years = { ["2025-26"] = {
            fuels = { { "coal_imported", normal(1e5, 1e3), "t" } }, products = { { "opc", normal(3e5, 1e4), "t" } },
          } },
          correlations = { \(correlations) },
        }
        """
    }

    /// One pair given two correlations (0.7 and −0.7, in either order of its keys) is refused naming both entries.
    @Test func aPairCorrelatedTwiceIsRefusedNamingBoth() {
        #expect {
            _ = try load(
                coalAndOPC(
                    correlations: """
                        { 'years["2025-26"].fuels.coal_imported.quantity', 'years["2025-26"].products.opc.quantity',\
                         0.7 },
                        { 'years["2025-26"].products.opc.quantity', 'years["2025-26"].fuels.coal_imported.quantity',\
                         -0.7 },
                        """))
        } throws: { error in
            let text = "\(error)"
            return text.contains("correlations[2]") && text.contains("correlations[1] already correlates (0.7)")
                && text.contains("give each pair of inputs one correlation")
        }
    }

    @Test func unknownCorrelationKeySuggests() {
        #expect {
            _ = try load(
                coalAndOPC(
                    correlations: """
                        { 'years["2025-26"].fuels.coal.quantity', 'years["2025-26"].products.opc.quantity', 0.5 }
                        """))
        } throws: { error in
            "\(error)".contains("correlations[1][1]")
                && "\(error)".contains("did you mean 'years[\"2025-26\"].fuels.coal_imported.quantity'")
        }
    }

    @Test func addingOrReorderingInputsKeepsOtherDraws() throws {
        let base = """
            return scenario {
              entity = { registration = "T", sector = "cement", targets = { ["2025-26"] = 0.7 } },
              years = { ["2025-26"] = {
                fuels = { FUELS },
                products = { { "opc", normal(3e5, 1e4), "t" } },
              } },
            }
            """
        let first = try load(
            base.replacingOccurrences(of: "FUELS", with: "{ \"coal_imported\", normal(1e5, 1e3), \"t\" }"))
        let second = try load(
            base.replacingOccurrences(
                of: "FUELS",
                with:
                    "{ \"petcoke\", normal(5e4, 1e3), \"t\" }, { \"coal_imported\", normal(1e5, 1e3), \"t\" }"))
        let a = try run(first, iterations: 1_000), b = try run(second, iterations: 1_000)
        let key = "years[\"2025-26\"].products.opc.quantity"
        let coal = "years[\"2025-26\"].fuels.coal_imported.quantity"
        for world in 0..<1_000 {
            #expect(
                a.input(a.inputKeys.firstIndex(of: key)!)[world] == b.input(b.inputKeys.firstIndex(of: key)!)[world])
            #expect(
                a.input(a.inputKeys.firstIndex(of: coal)!)[world] == b.input(b.inputKeys.firstIndex(of: coal)!)[world])
        }
    }

    @Test func standardErrorRuleStopsEarly() throws {
        let inputs = try loadBenchmark()
        // Total cost sd ≈ 1e8 INR: se < 2e6 needs ≈ 2,500 worlds, so the first batch of 4,096 suffices.
        let results = try run(inputs, iterations: 100_000, batch: 4_096, untilSE: 2e6)
        #expect(results.worlds == 4_096)
        // The rule's running (Welford) figure agrees with a two-pass sd / √n over the 4,096 worlds.
        let costs = Array(results.totalCost)
        let mean = costs.reduce(0, +) / Double(costs.count)
        let se = (costs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(costs.count - 1) / Double(costs.count))
            .squareRoot()
        #expect(se < 2e6)
        #expect(abs(results.stopping!.standardError - se) < 1e-9 * se)
        #expect(results.stopping!.reached)
    }

    @Test func sensitivityFindsTheDrivingInput() throws {
        let inputs = try load(
            """
            return scenario {
              entity = { registration = "T", sector = "cement", targets = { ["2025-26"] = 0.7 } },
              years = { ["2025-26"] = {
                fuels = { { "coal_imported", normal(100000, 10000), "t" }, { "petcoke", normal(10000, 100), "t" } },
                products = { { "opc", normal(350000, 1000), "t" } },
              } },
            }
            """)
        let summary = MonteCarloSummary.of(try run(inputs, iterations: 20_000), seed: 1)
        let gei = try #require(summary.sensitivity.first { $0.output == "gei 2025-26" })
        #expect(gei.inputs.first?.input == "years[\"2025-26\"].fuels.coal_imported.quantity")
        #expect(gei.inputs.first!.spearman > 0.9)
    }
}
