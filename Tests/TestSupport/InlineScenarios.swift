import CCTS
import Loading
import Simulation

/// Loads an inline scenario with the given loader and runs it at expected values.
public func runScenario(_ text: String, loader: Loader = Loader(), strict: Bool = false) throws -> ScenarioOutcome {
    let inputs = try loader.load(scenario: SourceFile(name: "test.lua", text: text))
    return try Evaluation.expected(inputs.scenario!, rules: inputs.rules, strict: strict)
}

/// A one-year cement scenario whose numbers the tests compute by hand.
///
/// coal_imported 210,000 t; limestone 1,000,000 t at purity 0.9; 100,000 MWh from the grid and
/// 50,000 MWh renewable; OPC 1,000,000 t and PPC 400,000 t.
public func cementScenario(target: Double = 0.72, year: String = "2025-26", extra: String = "", yearExtra: String = "")
    -> String
{
    """
    return scenario {
      name = "hand-computed cement",
      entity = { registration = "T-CEM", sector = "cement", targets = { ["\(year)"] = \(target) } },
      \(extra)
      years = {
        ["\(year)"] = {
          fuels = { { "coal_imported", 210000, "t" } },
          process = { { "limestone", 1e6, "t", purity = 0.9 } },
          electricity = { purchased = { 100000, "MWh" }, renewable = { 50000, "MWh" } },
          products = { { "opc", 1e6, "t" }, { "ppc", 4e5, "t" } },
          \(yearExtra)
        },
      },
    }
    """
}

/// Equal within a relative tolerance (default 1e-12): the arithmetic is exact up to rounding.
public func close(_ a: Double, _ b: Double, relative: Double = 1e-12) -> Bool {
    abs(a - b) <= relative * max(abs(a), abs(b), 1)
}
