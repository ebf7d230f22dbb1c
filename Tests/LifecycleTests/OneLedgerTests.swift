import CCTS
import Foundation
import Loading
@testable import Simulation
import Testing
@testable import Planning
@testable import Market

/// One ledger, three drivers: the lifecycle (`run`), procurement (`plan`) and the portfolio
/// market (`compare`) settle a year through ``Settlement/settle``; here the same cases go through
/// all three and the settled numbers are compared with each other and with hand arithmetic:
/// an opening balance, the entity's own offsets under `max_share`, a purchase, a compensation
/// rule written as a Lua function, and a banking cap.
@Suite struct OneLedgerTests {
    /// The shipped chlor-alkali plant with its own trade replaced: it owes 21,045 CCCs in 2025-26
    /// (its verified GEI and production; `ShippedScenarioTests` checks them), holds `opening`
    /// certificates, buys `bought` at the year's price of 2,400 INR and is delivered 4,000
    /// eligible offsets bought at 1,500 INR.
    static func plant(opening: Int, bought: Int, target: Double = 2.22, registration: String = "LEDGER-1") -> SourceFile
    {
        SourceFile(
            name: "\(registration).lua",
            text: """
                return scenario {
                  name = "Chlor-alkali plant (ledger agreement)",
                  entity = { registration = "\(registration)", sector = "chlor_alkali", subsector = "membrane",
                             targets = { ["2025-26"] = \(target) } },
                  opening_balance = \(opening),
                  market = { price = 2400 },
                  years = {
                    ["2025-26"] = {
                      monitored = "full_year",
                      fuels = { { "coal_domestic", 142000, "t" }, { "natural_gas", 26.5, "MMSCM" } },
                      electricity = { purchased = { 370000, "MWh" } },
                      heat = { purchased = { 90000, "GJ" }, source = "steam" },
                      products = { { "caustic_soda", 250000, "t" } },
                      verification = { production = -0.03 },
                      offsets = { { project = "RE-1", type = "renewable_energy", credits = 4000, vintage = "2025-26",\
                 price = 1500 } },
                      \(bought > 0 ? "trades = { buy = { \(bought) } }," : "")
                    },
                  },
                }
                """)
    }

    /// Compensation 2 × the price up to 20,000 CCCs short, 3 × beyond; offsets capped at `share`.
    static func rules(share: Double, maximumCarried: Int? = nil) -> SourceFile {
        SourceFile(
            name: "ledger-rules.lua",
            text: """
                reform "ledger agreement" (function(rules)
                  rules.compliance.compensation.multiple = function(case)
                    if case.shortfall > 20000 then return 3 else return 2 end
                  end
                  rules.compliance.offsets.max_share = \(share)
                  \(maximumCarried.map { "rules.compliance.banking.max_carried = \($0)" } ?? "")
                end)
                """)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var opening: Int, bought: Int, share: Double
        var counted: Double, shortfall: Double, multiple: Double, compensation: Double, cost: Double
        var testDescription: String { "opening \(opening), bought \(bought), max_share \(share)" }
    }

    static let cases = [
        // counted = min(4,000, ⌊0.1 × 21,045⌋ = 2,104) = 2,104; shortfall = 21,045 − 2,104 − 1,000 − 15,000
        // = 2,941 ≤ 20,000 → multiple 2; compensation = 2,941 × 2 × 2,400 = 14,116,800; cost = 15,000 × 2,400 +
        // 4,000 × 1,500 + 14,116,800 = 56,116,800
        Case(
            opening: 1_000, bought: 15_000, share: 0.1, counted: 2_104, shortfall: 2_941, multiple: 2,
            compensation: 14_116_800, cost: 56_116_800),
        // counted = ⌊0 × 21,045⌋ = 0; shortfall = 21,045 − 1,000 = 20,045 > 20,000 → multiple 3;
        // compensation = 20,045 × 3 × 2,400 = 144,324,000; cost = 4,000 × 1,500 + 144,324,000 = 150,324,000
        Case(
            opening: 1_000, bought: 0, share: 0, counted: 0, shortfall: 20_045, multiple: 3, compensation: 144_324_000,
            cost: 150_324_000),
        // counted = min(4,000, ⌊0.5 × 21,045⌋ = 10,522) = 4,000; shortfall = 21,045 − 4,000 − 5,000 − 12,045
        // = 0: compliant; cost = 12,045 × 2,400 + 4,000 × 1,500 = 28,908,000 + 6,000,000 = 34,908,000
        Case(
            opening: 5_000, bought: 12_045, share: 0.5, counted: 4_000, shortfall: 0, multiple: 2, compensation: 0,
            cost: 34_908_000),
    ]

    @Test(arguments: cases)
    func lifecyclePlanAndMarketSettleAlike(c: Case) throws {
        let inputs = try Loader().load(
            scenario: Self.plant(opening: c.opening, bought: c.bought), reformFiles: [Self.rules(share: c.share)])
        let scenario = inputs.scenario!, rules = inputs.rules

        // run: the lifecycle
        let year = try Evaluation.expected(scenario, rules: rules, tracing: false).years[0]
        #expect(year.compliance.surrenderRequired == 21_045)
        #expect(year.ledger.offsets == c.counted)
        #expect(year.ledger.shortfall == c.shortfall)
        #expect(year.compensationMultiple == c.multiple)
        #expect(year.compensation == c.compensation)
        #expect(year.cost == c.cost)

        // plan: the same purchase as a forward, the same offsets as a contract, no exchange
        let plant = try PlanCompiler(rules: rules).compile(scenario)
        let worlds = try MonteCarlo.run(
            plans: [plant], options: MonteCarloOptions(iterations: 2, seed: 1, threads: 1, sensitivitySample: 0))
        let procurement = ProcurementPlan(
            forwards: [.init(year: year.year, date: nil, price: 2_400, maximum: Double(c.bought), knownError: nil)],
            offsets: [
                .init(
                    project: "RE-1", type: "renewable_energy", vintage: year.year, year: year.year, price: 1_500,
                    maximum: 4_000,
                    delivered: .fixed(1))
            ],
            liquidity: .fixed(0), surplusValue: 0, deliveryCorrelation: 0)
        let planWorlds = ProcurementWorlds(
            results: worlds, plan: procurement, rules: rules, openingBalance: Double(c.opening),
            compensation: RuleFunctionLanes([plant.compensationFunction!]), seed: 1)
        let variables = ProcurementSearch.variables(procurement, eligible: planWorlds.eligible, years: planWorlds.years)
        let planned = try ProcurementSearch.evaluate(
            procurement, planWorlds, variables: variables, decisions: [Double(c.bought), 4_000],
            riskLevel: 0.95)
        #expect(planned.meanCost == c.cost)
        #expect(planned.probabilityOfNonCompliance == (c.shortfall > 0 ? 1 : 0))

        // compare: the plant alone, no abatement of its own, an outside seller of `bought` CCCs at 2,400 INR;
        // its opening balance and counted offsets enter the clearing (the market does not pay for them: the entity did)
        let market = try PortfolioMarket.run(
            [scenario], rules: rules, worlds: nil, seed: 1, threads: 1, factorUncertainty: false)
        let seller = SupplyOffer(
            project: "seller", year: 0, ask: 2_400, isOffset: false, quantities: [Double(c.bought)])
        let cleared = try MarketSimulation.run(
            market, rules: rules, multiple: .nan, compensation: RuleFunctionLanes(compensationOf: [rules]),
            ownSteps: [[]], supply: [seller])
        #expect(cleared.supplied[0] == Double(c.bought))
        #expect(cleared.compensation[0] == c.compensation)
        #expect(cleared.entityCost[0] == c.cost - 4_000 * 1_500)
        #expect(cleared.shareCompliant[0] == (c.shortfall > 0 ? 0 : 1))
    }

    /// A banking cap binds alike: a plant long against a target of 2.50 keeps at most 3,000 CCCs in the
    /// lifecycle, in procurement and in the market.
    @Test func bankingCapBindsAlike() throws {
        let inputs = try Loader().load(
            scenario: Self.plant(opening: 0, bought: 0, target: 2.50),
            reformFiles: [Self.rules(share: 1, maximumCarried: 3_000)])
        let scenario = inputs.scenario!, rules = inputs.rules
        let year = try Evaluation.expected(scenario, rules: rules, tracing: false).years[0]
        // long: issued + the 4,000 offsets (no obligation, so the cap lets none count) held; 3,000 carried
        #expect(year.compliance.issued > 3_000 && year.ledger.offsets == 0)
        #expect(year.ledger.closing == year.compliance.issued && year.ledger.carried == 3_000)

        let market = try PortfolioMarket.run(
            [scenario], rules: rules, worlds: nil, seed: 1, threads: 1, factorUncertainty: false)
        let cleared = try MarketSimulation.run(
            market, rules: rules, multiple: .nan, compensation: RuleFunctionLanes(compensationOf: [rules]),
            ownSteps: [[]], supply: [])
        #expect(cleared.shareCompliant[0] == 1 && cleared.compensation[0] == 0)

        let plant = try PlanCompiler(rules: rules).compile(scenario)
        let worlds = try MonteCarlo.run(
            plans: [plant], options: MonteCarloOptions(iterations: 1, seed: 1, threads: 1, sensitivitySample: 0))
        // the surplus after the last year is worth 1 × the price: only the 3,000 carried are, 3,000 × 2,400 =
        // 7,200,000
        let procurement = ProcurementPlan(
            forwards: [.init(year: year.year, date: nil, price: 2_400, maximum: 0, knownError: nil)], offsets: [],
            liquidity: .fixed(0), surplusValue: 1, deliveryCorrelation: 0)
        let planWorlds = ProcurementWorlds(
            results: worlds, plan: procurement, rules: rules, openingBalance: 0,
            compensation: RuleFunctionLanes([plant.compensationFunction!]), seed: 1)
        let planned = try ProcurementSearch.evaluate(
            procurement, planWorlds,
            variables: ProcurementSearch.variables(
                procurement, eligible: planWorlds.eligible, years: planWorlds.years), decisions: [0], riskLevel: 0.95)
        #expect(planned.meanCost == -7_200_000)
    }

    /// The portfolio of the issue: a long entity's 5,000 banked CCCs enter the clearing, and so do
    /// the short plant's counted offsets. Under `max_share = 1` the short plant counts all 4,000 and
    /// needs 21,045 − 1,000 − 4,000 = 16,045; beside a long plant whose position is L (issued +
    /// 5,000 banked; no obligation, so no offset counts), it needs 16,045 − L from the seller.
    @Test func holdingsEnterTheClearing() throws {
        let rules = try Loader().load(
            scenario: Self.plant(opening: 1_000, bought: 0), reformFiles: [Self.rules(share: 1)]
        ).rules
        let short = try Loader().load(
            scenario: Self.plant(opening: 1_000, bought: 0), reformFiles: [Self.rules(share: 1)]
        ).scenario!
        let long = try Loader().load(
            scenario: Self.plant(opening: 5_000, bought: 0, target: 2.45, registration: "LEDGER-2"),
            reformFiles: [Self.rules(share: 1)]
        ).scenario!
        let longYear = try Evaluation.expected(long, rules: rules, tracing: false).years[0]
        let position =
            longYear.compliance.issued - longYear.compliance.surrenderRequired + longYear.ledger.offsets + 5_000
        #expect(longYear.ledger.offsets == 0 && position > 5_000 && position < 16_045)
        let market = try PortfolioMarket.run(
            [short, long], rules: rules, worlds: nil, seed: 1, threads: 1, factorUncertainty: false)
        let seller = SupplyOffer(project: "seller", year: 0, ask: 2_400, isOffset: false, quantities: [100_000])
        let cleared = try MarketSimulation.run(
            market, rules: rules, multiple: .nan, compensation: RuleFunctionLanes(compensationOf: [rules]),
            ownSteps: [[], []], supply: [seller])
        #expect(abs(cleared.supplied[0] - (16_045 - position)) < 1e-6)
        #expect(cleared.compensation[0] == 0 && cleared.shareCompliant[0] == 1)
    }
}

/// A ceiling with a reserve that sells at it, a floor with a regulator that buys at it: mechanisms,
/// each a rule value, with the arithmetic of the one ledger.
@Suite struct MarketMechanismTests {
    static func rules(_ market: String) -> SourceFile {
        SourceFile(
            name: "market.lua",
            text: """
                reform "market mechanisms" (function(rules)
                  rules.compliance.compensation.multiple = function(case)
                    if case.shortfall > 20000 then return 3 else return 2 end
                  end
                  rules.compliance.offsets.max_share = 0
                  \(market)
                end)
                """)
    }

    func clear(_ scenario: SourceFile, _ market: String) throws -> MarketResults {
        try clearWithPortfolio(scenario, market).1
    }

    func clearWithPortfolio(_ scenario: SourceFile, _ market: String) throws -> (PortfolioMarket, MarketResults) {
        let inputs = try Loader().load(scenario: scenario, reformFiles: [Self.rules(market)])
        let portfolio = try PortfolioMarket.run(
            [inputs.scenario!], rules: inputs.rules, worlds: nil, seed: 1, threads: 1, factorUncertainty: false)
        return (
            portfolio,
            try MarketSimulation.run(
                portfolio, rules: inputs.rules, multiple: .nan,
                compensation: RuleFunctionLanes(compensationOf: [inputs.rules]), ownSteps: [[]], supply: [])
        )
    }

    /// The plant needs 21,045 − 1,000 = 20,045 CCCs and nobody else sells. With a ceiling of 3,000 and a
    /// reserve of 15,000 the reserve sells 15,000 at 3,000; 20,045 − 15,000 = 5,045 are uncovered and pay
    /// 5,045 × 2 × 3,000 = 30,270,000 (5,045 ≤ 20,000: multiple 2). Without the reserve: 20,045 × 3 × 3,000
    /// = 180,405,000 (multiple 3 above 20,000).
    @Test func aReserveSellsAtTheCeiling() throws {
        let plant = OneLedgerTests.plant(opening: 1_000, bought: 0)
        let reserve = try clear(
            plant, "rules.compliance.market.ceiling = 3000\nrules.compliance.market.ceiling_reserve = 15000")
        #expect(reserve.price[0] == 3_000 && reserve.reserveSold[0] == 15_000)
        #expect(reserve.compensation[0] == 30_270_000)
        // its cost: 15,000 × 3,000 bought + 30,270,000 = 75,270,000
        #expect(reserve.entityCost[0] == 75_270_000)
        // compare's lines of that cost: no abatement step, 15,000 × 3,000 = 45,000,000 bought from the
        // reserve, 30,270,000 compensation
        let (portfolio, market) = try clearWithPortfolio(
            plant, "rules.compliance.market.ceiling = 3000\nrules.compliance.market.ceiling_reserve = 15000")
        let lines = MarketAggregate.all(sectors: market.sectors).filter {
            ["compliance_cost", "abatement_cost", "net_purchases", "compensation"].contains($0.id)
        }
        #expect(lines.map(\.id) == ["compliance_cost", "abatement_cost", "net_purchases", "compensation"])
        #expect(lines.map { $0.series(portfolio, market, year: 0)[0] } == [75_270_000, 0, 45_000_000, 30_270_000])
        let none = try clear(plant, "rules.compliance.market.ceiling = 3000")
        #expect(none.reserveSold[0] == 0 && none.compensation[0] == 180_405_000)
    }

    /// A long plant alone, at a floor of 500 where the regulator buys up to 2,000 a year: it sells 2,000
    /// for 2,000 × 500 = 1,000,000 and keeps the rest unsold; without the purchases all of it stays unsold.
    @Test func theRegulatorBuysAtTheFloor() throws {
        let plant = OneLedgerTests.plant(opening: 5_000, bought: 0, target: 2.45)
        let buying = try clear(
            plant, "rules.compliance.market.floor = 500\nrules.compliance.market.floor_purchases = 2000")
        let alone = try clear(plant, "rules.compliance.market.floor = 500")
        #expect(buying.price[0] == 500 && buying.floorBought[0] == 2_000)
        #expect(buying.entityCost[0] == -1_000_000)
        #expect(alone.floorBought[0] == 0 && alone.unsold[0] == buying.unsold[0] + 2_000 && alone.entityCost[0] == 0)
    }

    @Test func aReserveWithoutACeilingIsRefused() throws {
        do {
            _ = try Loader().load(
                scenario: OneLedgerTests.plant(opening: 0, bought: 0),
                reformFiles: [Self.rules("rules.compliance.market.ceiling_reserve = 100")])
            Issue.record("a reserve without a ceiling was accepted")
        } catch let error as InputError {
            #expect(error.message.contains("there is no ceiling to sell them at"), "\(error)")
            #expect(error.path.hasSuffix("ceiling_reserve"), "\(error.path)")
        }
    }
}

/// A market of many worlds is cleared part by part in bounded memory; the parts must give the
/// numbers one pass gives, to the bit: every world drawn from (seed, world), the running means
/// continued in world order. The shipped portfolio's 490 entities over 300 worlds, whole and as
/// 256 + 44 worlds.
@Suite struct MarketPartsTests {
    @Test func partsGiveTheNumbersOfOnePass() throws {
        // (the sanitizer package reaches this file through a link: resolve it to find the repository)
        let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let file = try SourceFile.read(root.appendingPathComponent("Scenarios/portfolio-notified.lua").path)
        let portfolio = try Loader().loadPortfolio([file], reformFiles: [])
        let (entities, rules) = (portfolio.entities, portfolio.rules)
        func clear(
            _ part: Range<Int>?, _ summaries: [PortfolioMarket.EntitySummary],
            _ carried: (cost: [Double], abatement: [Double])?
        )
            throws -> (PortfolioMarket, MarketResults)
        {
            let market = try PortfolioMarket.run(
                entities, rules: rules, worlds: 300, seed: 5, threads: 2, factorUncertainty: false,
                part: part.map { ($0, summaries) })
            return (market, try MarketSimulation.run(market, rules: rules, multiple: 2, continuing: carried))
        }
        let (whole, wholeCleared) = try clear(nil, [], nil)
        let (first, firstCleared) = try clear(0..<256, [], nil)
        let (second, secondCleared) = try clear(
            256..<300, first.entities, (firstCleared.entityCost, firstCleared.entityAbatement))
        #expect(second.entities == whole.entities)
        #expect(secondCleared.entityCost.map(\.bitPattern) == wholeCleared.entityCost.map(\.bitPattern))
        for y in 0..<whole.years.count {
            let wholePrices = Array(wholeCleared.price[(y * 300)..<(y * 300 + 300)])
            let partPrices =
                Array(firstCleared.price[(y * 256)..<(y * 256 + 256)])
                + Array(secondCleared.price[(y * 44)..<(y * 44 + 44)])
            #expect(partPrices.map(\.bitPattern) == wholePrices.map(\.bitPattern))
        }
    }
}
