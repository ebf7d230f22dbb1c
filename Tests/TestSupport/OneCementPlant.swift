/// The plant whose numbers LifecycleArithmeticTests works out by hand: emissions 983,122.495 t,
/// production 1,400,000 t, GEI 0.70223; price 2,000 INR.
public enum OneCementPlant {
    /// The scenario with its 2025-26 target `target` (a Lua number, e.g. "0.72").
    public static func scenario(target: String) -> String {
        """
        return scenario {
          entity = { registration = "T-CEM", sector = "cement", targets = { ["2025-26"] = \(target) } },
          market = { price = 2000 },
          years = { ["2025-26"] = {
            fuels = { { "coal_imported", 210000, "t" } },
            process = { { "limestone", 1e6, "t", purity = 0.9 } },
            electricity = { purchased = { 100000, "MWh" }, renewable = { 50000, "MWh" } },
            products = { { "opc", 1e6, "t" }, { "ppc", 4e5, "t" } },
          } },
        }
        """
    }

    /// One CCUS measure of 10,000 t a year from 2025-26 (capex 100e6, opex 10e6 a year, 10 years),
    /// a 10 % discount rate, to 2026-27, targets 2 % lower a year after the scenario's.
    public static let ccus = """
        return measures { discount_rate = 0.1, horizon = "2026-27", target_reduction = 0.02,
          { name = "CCUS", type = "ccus", tonnes = 10000, start = "2025-26", capex = 100e6, opex = 10e6, lifetime = 10\
         } }
        """
}
