/// The plant whose plan follows by hand: `coal` t of imported coal, 340,000 t of OPC against a
/// target of 0.7, so its need is N = emissions − 238,000 CCCs; the price is 2,000, so a CCC short
/// costs 2 × 2,000 = 4,000 in compensation; there is no exchange (liquidity 0).
public enum NoExchangePlant {
    /// The plant's scenario with `coal` (a number or a distribution) and `planning`'s fields.
    public static func scenario(coal: String, planning: String) -> String {
        """
        return scenario {
          entity = { registration = "NV", sector = "cement", targets = { ["2025-26"] = 0.7 } },
          market = { price = 2000 },
          years = { ["2025-26"] = { monitored = "period", fuels = { { "coal_imported", \(coal), "t" } },
            products = { { "opc", 340000, "t" } } } },
          planning = { \(planning), spot = { liquidity = 0 } },
        }
        """
    }
}
