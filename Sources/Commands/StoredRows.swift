import CCTS
import CommandSupport
import RunStore
import Simulation
import Statistics

/// Turns outcomes into the rows the run store keeps (and exports as CSV).
enum StoredRows {
    /// Per year: the emissions breakdown, production, GEI, target, credits, ledger totals, price, compensation, cost.
    static func metrics(_ outcome: ScenarioOutcome) -> [MetricRow] {
        outcome.years.flatMap { y -> [MetricRow] in
            let year = y.year.description
            let values: [(String, Double)] = [
                ("emissions_combustion", y.emissions.combustion), ("emissions_process", y.emissions.processTotal),
                ("emissions_fugitive", y.emissions.fugitiveTotal), ("emissions_indirect", y.emissions.indirect),
                ("emissions_deductions", y.emissions.deductions), ("emissions", y.emissions.total),
                ("equivalent_production", y.equivalentProduction), ("gei_reported", y.reportedGEI),
                ("verification_material", y.verification.material ? 1 : 0), ("gei", y.compliance.gei),
                ("target", y.compliance.target), ("credits_exact", y.compliance.exactCredits),
                ("issued", y.compliance.issued),
                ("surrender_required", y.compliance.surrenderRequired), ("opening_balance", y.ledger.opening),
                ("offsets", y.ledger.offsets), ("purchased", y.ledger.purchased), ("surrendered", y.ledger.surrendered),
                ("sold", y.ledger.sold), ("closing_balance", y.ledger.closing), ("carried", y.ledger.carried),
                ("shortfall", y.ledger.shortfall), ("price", y.price), ("compensation", y.compensation),
                ("cost", y.cost),
                ("compliant", y.compliant ? 1 : 0),
            ]
            return values.map { MetricRow(year: year, metric: $0.0, value: $0.1) }
        }
    }

    static func ledger(_ outcome: ScenarioOutcome) -> [LedgerRow] {
        outcome.years.flatMap { y in
            y.ledger.entries.map {
                LedgerRow(year: y.year.description, kind: $0.kind.rawValue, quantity: $0.quantity, reason: $0.reason)
            }
        }
    }

    static func emissions(_ outcome: ScenarioOutcome) -> [EmissionRow] {
        outcome.years.flatMap { y -> [EmissionRow] in
            let year = y.year.description
            let e = y.emissions
            return e.fuels.map { EmissionRow(year: year, source: "combustion", name: $0.fuel, co2e: $0.total) }
                + e.process.map { EmissionRow(year: year, source: "process", name: $0.material, co2e: $0.co2) }
                + e.fugitive.map { EmissionRow(year: year, source: "fugitive", name: $0.refrigerant, co2e: $0.co2e) }
                + [
                    EmissionRow(year: year, source: "indirect", name: "electricity", co2e: e.electricity),
                    EmissionRow(year: year, source: "indirect", name: "heat", co2e: e.heat),
                    EmissionRow(
                        year: year, source: "deduction", name: "exported electricity", co2e: -e.exportedElectricity),
                    EmissionRow(year: year, source: "deduction", name: "exported heat", co2e: -e.exportedHeat),
                    EmissionRow(year: year, source: "deduction", name: "captured CO2", co2e: -e.captured),
                ]
        }
    }

    /// Per year and metric: the summary statistics; P(non-compliance) as a value with its se.
    static func metrics(_ summary: MonteCarloSummary) -> [MetricRow] {
        func row(_ year: String, _ metric: String, _ s: Summary) -> MetricRow {
            MetricRow(
                year: year, metric: metric, mean: s.mean, sd: s.sd, se: s.se, min: s.min, max: s.max,
                percentiles: s.percentiles.map(\.value))
        }
        var rows: [MetricRow] = []
        for year in summary.years {
            for metric in Metric.allCases where metric.isSummarised {
                if let s = year.metrics[metric.name] { rows.append(row(year.year, metric.name, s)) }
            }
            var p = MetricRow(year: year.year, metric: "p_noncompliance", value: year.probabilityOfNonCompliance)
            p.se = year.probabilityStandardError
            rows.append(p)
            rows.append(MetricRow(year: year.year, metric: "cost_var95", value: year.costRisk.valueAtRisk))
            rows.append(MetricRow(year: year.year, metric: "cost_cvar95", value: year.costRisk.conditionalValueAtRisk))
        }
        rows.append(row("all", "total_cost", summary.totalCost))
        rows.append(
            MetricRow(year: "all", metric: "p_noncompliance_any_year", value: summary.probabilityOfNonComplianceAnyYear)
        )
        return rows
    }

    /// The metrics of a world row, in the order of `WorldRows.columns`.
    static let worldMetrics: [Metric] = [.emissions, .gei, .credits, .closing, .shortfall, .cost, .compliant]

    /// The per-world table of a run, for `--keep-worlds`.
    static func worlds(_ results: WorldResults) -> WorldRows {
        let metrics = worldMetrics
        var rows = WorldRows(worlds: results.worlds, years: results.years.map(\.description)) { world, year, column in
            results.series(metrics[column], year: year)[world]
        }
        // every uncertain input as drawn, when the run kept them for every world
        if results.sampleCapacity >= results.worlds {
            rows.inputKeys = results.inputKeys
            rows.input = { world, k in results.input(k)[world] }
        }
        return rows
    }

    /// The per-world table of a run summarised in bounded memory, its worlds drawn again block by
    /// block as the store reads them (one block in memory at a time).
    static func worlds(_ reader: WorldReader) -> WorldRows {
        let metrics = worldMetrics
        var rows = WorldRows(worlds: reader.worlds, years: reader.years.map(\.description)) { world, year, column in
            try reader.value(metrics[column], year: year, world: world)
        }
        if reader.keepsInputs {
            rows.inputKeys = reader.inputKeys
            rows.input = { world, k in try reader.input(k, world: world) }
        }
        return rows
    }
}
