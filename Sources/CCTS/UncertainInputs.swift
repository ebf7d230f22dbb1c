/// Every input of a scenario that a Monte Carlo world may draw, by stable key.
///
/// The same keys name the inputs in traces, correlations, sensitivity rankings and
/// random streams, so a user reads one vocabulary everywhere.
public enum UncertainInputs {
    /// (key, distribution) for every scenario input, fixed or not, in scenario order.
    public static func all(_ scenario: Scenario) -> [(key: String, distribution: Distribution)] {
        var inputs: [(key: String, distribution: Distribution)] = []
        if let path = scenario.pricePath {
            inputs.append((PricePath.startKey, path.start))
            for year in scenario.years.dropFirst() where path.volatility > 0 {
                inputs.append((PricePath.shockKey(year.year), .standardNormal))
            }
        }
        for (year, price) in scenario.prices { inputs.append(("market.price[\"\(year)\"]", price)) }
        for year in scenario.years {
            let prefix = "years[\"\(year.year)\"]"
            for line in year.fuels { inputs.append((line.key + ".quantity", line.quantity)) }
            for mix in year.fuelMixes { inputs.append((mix.key + ".total", mix.total)) }
            for line in year.process { inputs.append((line.key + ".quantity", line.quantity)) }
            for line in year.refrigerants { inputs.append((line.key + ".quantity", line.quantity)) }
            inputs.append((prefix + ".electricity.purchased", year.electricity.purchased))
            inputs.append((prefix + ".electricity.renewable", year.electricity.renewable))
            inputs.append((prefix + ".electricity.exported", year.electricity.exported))
            inputs.append((prefix + ".heat.purchased", year.heat.purchased))
            inputs.append((prefix + ".heat.exported", year.heat.exported))
            inputs.append((prefix + ".captured_co2", year.capturedCO2))
            for line in year.products { inputs.append((line.key + ".quantity", line.quantity)) }
            inputs.append((prefix + ".verification.emissions", year.verification.emissions))
            inputs.append((prefix + ".verification.production", year.verification.production))
            for line in year.offsets {
                inputs.append((line.key + ".delivered", line.delivered))
                if let price = line.price { inputs.append((line.key + ".price", price)) }
            }
            for line in year.purchases + year.sales {
                inputs.append((line.key + ".quantity", line.quantity))
                if let price = line.price { inputs.append((line.key + ".price", price)) }
            }
        }
        return inputs
    }

    /// Only the inputs that are not fixed.
    public static func uncertain(_ scenario: Scenario) -> [(key: String, distribution: Distribution)] {
        all(scenario).filter { !$0.distribution.isFixed }
    }
}
