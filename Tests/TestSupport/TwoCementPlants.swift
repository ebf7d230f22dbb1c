/// Inputs worked out by hand, shared by the test targets that check them (the command line's
/// tests and the library's must agree on the same texts).
public enum TwoCementPlants {
    /// Two cement plants with the hand-computed figures of LifecycleArithmeticTests: emissions
    /// 983,122.495 t, production 1,400,000 t, GEI 0.70223 each, price 2,000 INR; A's target 0.72
    /// (long), B's 0.68 (short).
    public static let portfolio = """
        target "A" { sector = "cement", gei = { ["2025-26"] = 0.72 }, source = "test", status = "synthetic" }
        target "B" { sector = "cement", gei = { ["2025-26"] = 0.68 }, source = "test", status = "synthetic" }
        local function plant(registration)
          return { entity = { registration = registration, sector = "cement" },
            years = { ["2025-26"] = { fuels = { { "coal_imported", 210000, "t" } }, process = { { "limestone", 1e6,\
         "t", purity = 0.9 } },
              electricity = { purchased = { 100000, "MWh" }, renewable = { 50000, "MWh" } },
              products = { { "opc", 1e6, "t" }, { "ppc", 4e5, "t" } } } } }
        end
        return portfolio { name = "two plants", market = { price = 2000 }, entities = { plant("A"), plant("B") } }
        """

    /// Every cement target of 2025-26 2 % tighter.
    public static let reform = """
        reform "cement 2025-26 targets 2% tighter" (function(rules)
          for _, entity in pairs(rules.targets.cement) do entity.gei["2025-26"] = entity.gei["2025-26"] * 0.98 end
        end)
        """

    /// Every cement target of 2025-26 20 % tighter: more than every abatement step covers.
    public static let severe = """
        reform "cement 2025-26 targets 20% tighter" (function(rules)
          for _, entity in pairs(rules.targets.cement) do entity.gei["2025-26"] = entity.gei["2025-26"] * 0.8 end
        end)
        """
}
