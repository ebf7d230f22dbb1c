import Foundation
import Testing

/// `ccts run --iterations`, `ccts explain --world` and `ccts bench` through the built binary.
@Suite struct MonteCarloCommandTests {
    /// The `results` object, re-serialised with sorted keys (the `run` object beside it holds timings).
    func results(_ output: String) throws -> Data {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        return try JSONSerialization.data(withJSONObject: try #require(json["results"]), options: [.sortedKeys])
    }

    /// 1234567.8 → "1,234,568", as the reports print INR.
    func grouped(_ x: Double) -> String {
        let digits = String(Int64(x.rounded()).magnitude)
        var out = ""
        for (index, character) in digits.reversed().enumerated() {
            if index > 0 && index % 3 == 0 { out.insert(",", at: out.startIndex) }
            out.insert(character, at: out.startIndex)
        }
        return (x < 0 ? "-" : "") + out
    }

    @Test func resultsAreIdenticalForAnyThreadCount() throws {
        let one = try CLI.spawn(["run", "Scenarios/benchmark.lua", "--iterations", "30000", "--threads", "1", "--json"])
        let two = try CLI.spawn(["run", "Scenarios/benchmark.lua", "--iterations", "30000", "--threads", "2", "--json"])
        let again = try CLI.spawn([
            "run", "Scenarios/benchmark.lua", "--iterations", "30000", "--threads", "2", "--json",
        ])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(try results(one.stdout) == results(two.stdout))
        #expect(try results(two.stdout) == results(again.stdout))
        let otherSeed = try CLI.spawn([
            "run", "Scenarios/benchmark.lua", "--iterations", "30000", "--seed", "9", "--json",
        ])
        #expect(try results(otherSeed.stdout) != results(one.stdout))
    }

    @Test func summaryNamesPercentilesOddsAndDrivers() throws {
        let result = try CLI.run(["run", "Scenarios/benchmark.lua", "--iterations", "20000"])
        #expect(result.status == 0, "\(result.stderr)")
        for phrase in [
            "Monte Carlo: 20,000 worlds", "p99", "P(non-compliance)", "VaR", "CVaR", "Sensitivity of total cost",
            "Worlds behind total cost", "ccts explain Scenarios/benchmark.lua --seed 1 --world",
        ] {
            #expect(result.stdout.contains(phrase), "missing \(phrase)")
        }
        #expect(result.stderr.isEmpty, "no progress bar when stderr is not a terminal")
    }

    @Test func explainWorldReproducesTheWorstWorld() throws {
        let run = try CLI.run(["run", "Scenarios/benchmark.lua", "--iterations", "5000", "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let extremes = try #require((json["results"] as? [String: Any])?["extreme_worlds"] as? [[String: Any]])
        let worst = try #require(extremes.last)
        let world = try #require(worst["world"] as? Int)
        let cost = try #require(worst["total_cost"] as? Double)
        let explain = try CLI.run(["explain", "Scenarios/benchmark.lua", "--seed", "1", "--world", String(world)])
        #expect(explain.status == 0, "\(explain.stderr)")
        #expect(
            explain.stdout.contains("Net cost over all years in this world: \(grouped(cost)) INR"),
            "world \(world), cost \(cost)")
        #expect(explain.stdout.contains("years[\"2025-26\"].fuel_mix.total"))
        #expect(explain.stdout.contains("market.price_path.start"))
    }

    @Test func standardErrorRuleAndBadOptions() throws {
        let stopped = try CLI.spawn([
            "run", "Scenarios/benchmark.lua", "--iterations", "1000000", "--until-se", "5000000", "--json",
        ])
        #expect(stopped.status == 0, "\(stopped.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(stopped.stdout.utf8)) as? [String: Any])
        let worlds = try #require((json["results"] as? [String: Any])?["worlds"] as? Int)
        #expect(worlds == 65_536, "stops after the first batch")
        let stopping = try #require((json["results"] as? [String: Any])?["stopping"] as? [String: Any])
        #expect(
            stopping["reached"] as? Bool == true && stopping["worlds"] as? Int == 65_536
                && stopping["output"] as? String == "total cost")
        #expect((stopping["standard_error"] as? Double ?? .infinity) < 5_000_000)

        // A target the worlds allowed cannot reach is said plainly, with the value reached and the
        // worlds it would take: se after n worlds × (se / target)² (the error falls as 1/√n).
        let short = try CLI.spawn([
            "run", "Scenarios/benchmark.lua", "--iterations", "2000", "--until-se", "100000", "--no-store",
        ])
        #expect(short.status == 0, "\(short.stderr)")
        let line = try #require(
            short.stdout.split(separator: "\n").first { $0.hasPrefix("--until-se 100000 NOT reached") },
            "\(short.stdout)")
        #expect(line.contains("the standard error of the mean total cost is"))
        #expect(short.stdout.contains("after all 2000 worlds allowed; about"))
        #expect(short.stdout.contains("Warnings:") && short.stdout.contains("  - --until-se 100000 NOT reached"))
        let plan = try CLI.spawn([
            "plan", "Scenarios/plan-chlor-alkali-purchases.lua", "--iterations", "500", "--steps", "2",
            "--offset-steps", "1",
            "--until-se", "1", "--no-store",
        ])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("--until-se 1 NOT reached: the standard error of the mean total cost is"))
        #expect(plan.stdout.contains("no number of worlds this machine can run would reach it"))
        let bad = try CLI.spawn(["run", "Scenarios/benchmark.lua", "--iterations", "10", "--se-output", "costs"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--se-output: unknown output 'costs'"))
        // an empty output is refused with the list (it used to stop the program: an index out of range)
        let empty = try CLI.spawn(["run", "Scenarios/benchmark.lua", "--iterations", "10", "--se-output", ""])
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("--se-output: unknown output ''; expected one of emissions, gei, credits"))
        // a year the scenario does not have is found when it is loaded: an input error naming its years
        let year = try CLI.spawn([
            "run", "Scenarios/benchmark.lua", "--iterations", "10", "--se-output", "credits:2099-00", "--no-store",
        ])
        #expect(year.status == 1)
        #expect(year.stderr.contains("--se-output: the scenario has no year 2099-00; its years are 2025-26"))
    }

    /// The printed "Open one" hint carries every option that changes the numbers: run as printed,
    /// it shows the same net cost as the summary gives for that world.
    @Test func explainHintReproducesTheWorld() throws {
        let run = try CLI.run([
            "run", "Scenarios/benchmark.lua", "--no-store", "--iterations", "2000", "--reform",
            "Scenarios/reforms/materiality-by-size.lua", "--set", "verification.conservative_uplift=0.1",
            "--factor-uncertainty",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let hint = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("Open one: ccts explain") })
        for option in [
            "--reform Scenarios/reforms/materiality-by-size.lua", "--set verification.conservative_uplift=0.1",
            "--factor-uncertainty",
        ] {
            #expect(hint.contains(option), "hint lacks \(option): \(hint)")
        }
        // "max #1221 (1,346,976,664)": the world and its total cost as the summary printed them
        let worlds = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("Worlds behind total cost") })
        let maxPart = try #require(worlds.components(separatedBy: "max #").last)
        let cost = try #require(maxPart.split(separator: "(").last?.split(separator: ")").first)
        let words = hint.replacingOccurrences(of: "Open one: ccts ", with: "").split(separator: " ").map(String.init)
        let explained = try CLI.run(words)
        #expect(explained.status == 0, "\(explained.stderr)")
        #expect(explained.stdout.contains("Net cost over all years in this world: \(cost) INR"))
    }
}
