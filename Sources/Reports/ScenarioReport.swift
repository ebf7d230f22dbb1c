import CCTS
import Foundation

/// The human-readable result of `ccts run`: one column per compliance year.
public enum ScenarioReport {
    // Long: the text page's blocks in reading order, a few lines each.
    public static func render(_ outcome: ScenarioOutcome, rules: RuleSet, scenarioFile: String, ruleDescription: String)
        -> String
    {
        var lines: [String] = []
        lines.append("\(outcome.scenario)")
        lines.append("Entity: \(outcome.registration), \(outcome.entityName) (sector \(outcome.sector))")
        lines.append(
            "Scenario: \(scenarioFile)   Rules: \(ruleDescription); GWP \(rules.gwpInForce)"
                + (rules.reforms.isEmpty ? "" : "; reforms: \(rules.reforms.joined(separator: ", "))"))
        lines.append("")
        var table = TextTable(
            header: [""] + outcome.years.map { $0.year.description },
            rightAligned: Set(1...max(outcome.years.count, 1)))
        func row(_ label: String, _ value: (YearOutcome) -> String) {
            table.add([label] + outcome.years.map(value))
        }
        func t(_ x: Double) -> String { NumberFormat.grouped(x) }
        // A refinery's output is crude in MBBLS times its NRGF, and its GEI per that.
        let perOilVolume = rules.sector(outcome.sector)?.products.contains { $0.dimension == .oilVolume } == true
        let output = perOilVolume ? "MBBLS × NRGF" : "t", intensity = perOilVolume ? "tCO2e/MBBLS/NRGF" : "tCO2e/t"
        row("Emissions, tCO2e", { _ in "" })
        row("  combustion (CO2 + CH4 + N2O)", { t($0.emissions.combustion) })
        row("  process", { t($0.emissions.processTotal) })
        row("  fugitive (refrigerants)", { t($0.emissions.fugitiveTotal) })
        row("  indirect (electricity, heat)", { t($0.emissions.indirect) })
        row("  deductions (exports, captured)", { t(-$0.emissions.deductions) })
        row("  total reported", { t($0.emissions.total) })
        row("Equivalent production, \(output)", { t($0.equivalentProduction) })
        row("GEI reported, \(intensity)", { NumberFormat.plain($0.reportedGEI, significant: 6) })
        // A material finding names the misstatement that made it so, and both misstatements are shown:
        // "MATERIAL" beside an emissions misstatement of 0.00 % hid the production one that decided it.
        row(
            "Verification",
            { year in
                let v = year.verification
                guard v.material else { return "not material" }
                let over = [("emissions", v.emissionsMisstatement), ("production", v.productionMisstatement)].filter {
                    $0.1 > v.threshold
                }
                return "MATERIAL (" + (over.isEmpty ? "GEI" : over.map(\.0).joined(separator: ", ")) + ")"
            })
        row("  misstatement (emissions)", { NumberFormat.percent($0.verification.emissionsMisstatement) })
        row("  misstatement (production)", { NumberFormat.percent($0.verification.productionMisstatement) })
        row("  threshold", { NumberFormat.percent($0.verification.threshold) })
        row("GEI achieved, \(intensity)", { String($0.compliance.gei) })
        row("GEI target, \(intensity)", { String($0.compliance.target) })
        row("Credits (exact), CCC", { Self.exactCredits($0.compliance) })
        row("CCCs issued", { t($0.compliance.issued) })
        row("Surrender required", { t($0.compliance.surrenderRequired) })
        row("Ledger, CCC", { _ in "" })
        row("  opening (banked)", { t($0.ledger.opening) })
        row("  + issued", { t($0.ledger.issued) })
        row("  + offsets retired", { t($0.ledger.offsets) })
        row("  + purchased", { t($0.ledger.purchased) })
        row("  − surrendered", { t($0.ledger.surrendered) })
        row("  − sold", { t($0.ledger.sold) })
        row("  = closing", { t($0.ledger.closing) })
        row("  carried to next year", { t($0.ledger.carried) })
        row("Shortfall, CCC", { t($0.ledger.shortfall) })
        row("Price, INR/CCC", { t($0.price) })
        row("Compensation, INR", { t($0.compensation) })
        // Every rupee of the net cost, line by line (``CostBreakdown``).
        let costs = outcome.years.map(\.costBreakdown)
        row("Cost, INR", { _ in "" })
        row("  CCCs bought", { t($0.costBreakdown.purchased.inr) })
        row("  offsets paid", { t($0.costBreakdown.offsets.inr) })
        if costs.contains(where: { $0.offsetsNotCounted.inr != 0 }) {
            row("    of which not counted", { t($0.costBreakdown.offsetsNotCounted.inr) })
        }
        row("  compensation", { t($0.compensation) })
        row("  CCCs sold", { t($0.costBreakdown.sold.inr) })
        row("Net cost, INR", { t($0.cost) })
        row("CCCs carried, at the price, INR", { t(-$0.costBreakdown.carried.inr) })
        row("Compliant", { $0.compliant ? "yes" : "NO" })
        lines.append(table.render())
        lines.append("")
        lines.append(
            "Prices: "
                + outcome.years.map { "\($0.year) \(t($0.price)) INR/CCC from \($0.priceOrigin)" }.joined(
                    separator: "; "))
        let period = PeriodCost(years: costs)
        if let last = outcome.years.last {
            let span = outcome.years.count == 1 ? last.year.description : "\(outcome.years[0].year) to \(last.year)"
            lines.append(
                "Cost over \(span): "
                    + "net \(NumberFormat.money(period.net)); the \(t(period.bank.quantity)) CCCs carried out of "
                    + "\(last.year) are worth "
                    + "\(NumberFormat.money(-period.bank.inr)) at \(t(last.price)) INR/CCC, so net of the bank's value "
                    + "\(NumberFormat.money(period.netOfBank))"
            )
        }
        lines.append("")
        lines.append("Trajectory (\(intensity)): " + trajectory(outcome))
        let warnings = outcome.warnings.uniqued()
        if !warnings.isEmpty {
            lines.append("")
            lines.append("Warnings:")
            lines += warnings.map { "  - \($0.message)" }
        }
        return lines.joined(separator: "\n")
    }

    static func trajectory(_ outcome: ScenarioOutcome) -> String {
        var parts: [String] = []
        if let baseline = outcome.baseline {
            parts.append("baseline \(baseline.year) \(NumberFormat.plain(baseline.gei))")
        }
        for year in outcome.years {
            parts.append(
                "\(year.year) target \(NumberFormat.plain(year.compliance.target)), achieved "
                    + "\(NumberFormat.plain(year.compliance.gei))"
            )
        }
        return parts.joined(separator: " → ")
    }

    /// Exact credits with the decimals that explain their rounding to whole certificates: four
    /// (−21,044.3700 beside a surrender of 21,045), or more when four would show a whole number the
    /// rounding then moved (−21,044.00004 is a surrender of 21,045: shown −21,044.00004, not −21,044.0000).
    static func exactCredits(_ c: ComplianceOutcome) -> String {
        let whole = c.exactCredits >= 0 ? c.issued : -c.surrenderRequired
        for decimals in 4...9 {
            let scale = pow(10, Double(decimals))
            let shown = (c.exactCredits * scale).rounded() / scale
            if shown.rounded() != shown || shown == whole {
                return NumberFormat.grouped(c.exactCredits, decimals: decimals)
            }
        }
        return NumberFormat.grouped(c.exactCredits, decimals: 9)
    }
}
