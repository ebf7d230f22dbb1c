import CCTS
import Loading
import Simulation
import Testing
import Planning
import Market

/// One evaluator, six drivers: on a generated family of scenarios that uses every feature of the
/// lifecycle (liquid, gas and solid fuels with Type II values, process, refrigerants, heat bought
/// and exported, power exported, captured CO2, verifier findings, an offset cap, ineligible
/// offsets, purchases and sales at their own prices, banking across three years, and rule
/// functions for materiality and compensation), `run`, `explain`, a Monte Carlo world,
/// `compare`, `pathway` without measures and the worlds `plan` reads give the same numbers to
/// the last bit.
@Suite struct AgreementTests {
    static let reform = SourceFile(
        name: "functions.lua",
        text: """
            reform "functions and an offset cap" (function(rules)
              rules.verification.materiality = function(case)
                if case.emissions > 400000 then return 0.01 else return 0.03 end
              end
              rules.compliance.compensation.multiple = function(case)
                if case.shortfall > 20000 then return 2.5 else return 2 end
              end
              rules.compliance.offsets.max_share = 0.3
            end)
            """)

    /// Scenario `k` of the family: every number varies with `k`, every feature is present.
    static func scenario(_ k: Int) -> String {
        let f = Double(k)
        func years() -> String {
            ["2025-26", "2026-27", "2027-28"].enumerated().map { index, year in
                let g = f + Double(index)
                return """
                      ["\(year)"] = {
                        fuels = {
                          { "coal_imported", \(150_000 + 7_919 * g), "t", ncv = \(24.1 + 0.13 * g) },
                          { "petcoke", \(40_000 + 1_223 * g), "t", co2 = \(97.5 + 0.07 * g) },
                          { "diesel", \(900 + 37 * g), "kL" },
                          { "natural_gas", \(12.5 + 0.7 * g), "MMSCM" },
                          { "biomass", \(20_000 + 311 * g), "t", biomass_fraction = 0.9 },
                        },
                        process = { { "limestone", \(2.2e6 + 31_337 * g), "t", purity = \(0.9 + 0.003 * g) } },
                        refrigerants = { { "R-410A", \(150 + 11 * g), "kg" } },
                        electricity = { purchased = { \(140_000 + 1_777 * g), "MWh" }, renewable = { 30000, "MWh" },
                                        exported = { \(2_000 + 55 * g), "MWh" } },
                        heat = { purchased = { \(8_000 + 97 * g), "GJ" }, exported = { \(500 + 3 * g), "GJ" }, source =\
                     "steam" },
                        captured_co2 = { \(5_000 + 123 * g), "t" },
                        products = { { "clinker_sold", \(1.9e6 + 12_345 * g), "t" }, { "opc", \(0.8e6 + 7_654 * g), "t"\
                     },
                                     { "ppc", \(1.2e6 + 4_321 * g), "t" } },
                        verification = { emissions = \(0.004 * Double((k + index) % 7) - 0.012), production =\
                     \(0.002 * Double(index)) },
                        offsets = {
                          { project = "SOLAR-\(k)", type = "renewable_energy", credits = \(3_000 + 333 * k), delivered\
                     = 0.9,
                            vintage = "\(year)", price = 1500 },
                          { project = "CHAR-\(k)", type = "biochar", credits = 1000, vintage = "\(year)" },
                        },
                        trades = { buy = { \(1_000 * (k % 3)), price = 1900 }, sell = { { \(500 * (k % 4)), price =\
                     2100 }, { 100 } } },
                      },
                    """
            }.joined(separator: "\n")
        }
        return """
            return scenario {
              name = "generated \(k)",
              entity = { registration = "GEN-\(k)", sector = "cement", subsector = "integrated",
                         targets = { ["2025-26"] = \(0.44 - 0.003 * f), ["2026-27"] = \(0.435 - 0.003 * f), ["2027-28"]\
             = \(0.43 - 0.003 * f) } },
              opening_balance = \(1_000 * k),
              market = { price = { ["2025-26"] = \(1_800 + 10 * k), ["2026-27"] = 2000, ["2027-28"] = 2200 } },
              years = {
            \(years())
              },
            }
            """
    }

    @Test(arguments: 0..<12)
    func everyDriverGivesTheSameNumbers(k: Int) throws {
        let inputs = try Loader().load(
            scenario: SourceFile(name: "generated-\(k).lua", text: Self.scenario(k)), reformFiles: [Self.reform])
        let scenario = inputs.scenario!, rules = inputs.rules
        let run = try Evaluation.expected(scenario, rules: rules, tracing: false)
        let explained = try Evaluation.expected(scenario, rules: rules, tracing: true)
        #expect(!explained.years[0].trace.isEmpty)
        #expect(run.years.count == 3)

        // Monte Carlo: every input is fixed, so every world is the expected one.
        let plan = try PlanCompiler(rules: rules).compile(scenario)
        #expect(plan.callsRuleFunctions)
        let worlds = try MonteCarlo.run(
            plans: [plan], options: MonteCarloOptions(iterations: 3, seed: 7, threads: 1, sensitivitySample: 0))
        // compare: the entity alone in a portfolio, two worlds
        let market = try PortfolioMarket.run(
            [scenario], rules: rules, worlds: 2, seed: 7, threads: 1, factorUncertainty: false)
        // pathway with no measure, extended to its own last year
        let pathway = try Evaluation.expected(
            try Evaluation.applying(
                [],
                to: Pathway.extend(
                    scenario, rules: rules, to: ComplianceYear("2027-28")!,
                    annualReduction: 0.02), rules: rules), rules: rules, tracing: false)

        for (y, year) in run.years.enumerated() {
            let figures: [(Metric, Double)] = [
                (.emissions, year.emissions.total), (.gei, year.compliance.gei),
                (.credits, year.compliance.issued - year.compliance.surrenderRequired), (.closing, year.ledger.closing),
                (.shortfall, year.ledger.shortfall), (.cost, year.cost), (.price, year.price),
                (.compensation, year.compensation),
            ]
            for (metric, value) in figures {
                for w in 0..<3 {
                    #expect(
                        worlds.series(metric, year: y)[w].bitPattern == value.bitPattern,
                        "\(metric) year \(y) world \(w)")
                }
            }
            let other = explained.years[y], path = pathway.years[y]
            for (a, b) in [
                (year.emissions.total, other.emissions.total), (year.cost, other.cost),
                (year.ledger.closing, other.ledger.closing),
                (year.emissions.total, path.emissions.total), (year.cost, path.cost),
                (year.ledger.closing, path.ledger.closing),
                (year.compliance.gei, path.compliance.gei),
            ] {
                #expect(a.bitPattern == b.bitPattern)
            }
            for w in 0..<2 {
                let cell = y * 2 + w
                #expect(
                    market.issued[cell] == year.compliance.issued
                        && market.surrender[cell] == year.compliance.surrenderRequired)
                #expect(market.compensation[cell].bitPattern == year.compensation.bitPattern)
            }
            // plan reads each year's issued − owed and price from the same worlds
            let planning = ProcurementPlan(
                forwards: [.init(year: year.year, date: nil, price: 1900, maximum: 0, knownError: nil)], offsets: [],
                liquidity: .fixed(1), surplusValue: 0, deliveryCorrelation: 0)
            let planWorlds = ProcurementWorlds(
                results: worlds, plan: planning, rules: inputs.rules, openingBalance: 0, seed: 7)
            #expect(
                planWorlds.credits[y][0] == year.compliance.issued - year.compliance.surrenderRequired
                    && planWorlds.price[y][0] == year.price)
        }
        // the features are there: the cap bit, the biochar was refused, sales happened, the balance banked
        let warnings = run.warnings.map(\.message).joined(separator: "\n")
        #expect(warnings.contains("not eligible"))
        if k <= 2 { #expect(run.years.contains { $0.ledger.sold > 0 }) }  // long members sell
        // targets tighten with k: the late members owe more than they hold and pay compensation
        if k >= 9 { #expect(run.years.contains { $0.ledger.shortfall > 0 && $0.compensation > 0 }) }
        if k <= 2 { #expect(run.years.contains { $0.compliance.issued > 0 }) }
        #expect(
            run.years[1].ledger.opening == run.years[0].ledger.carried
                && run.years[2].ledger.opening == run.years[1].ledger.carried)
    }
}
