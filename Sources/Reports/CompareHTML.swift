import CCTS
import Workflows
import Simulation
import Market

/// A stored `compare` run as one page: per reported quantity, the base rules and each reform by
/// year (bars with their 5–95 % ranges of worlds) with the paired changes in a table; compliance
/// cost split by sector; the entities whose cost changes most; the rule changes of each reform.
public struct CompareHTML {
    public let results: Comparison.Results
    public let title: String
    public let run: PageContext

    public init(results: Comparison.Results, title: String, run: PageContext) {
        self.results = results
        self.title = title
        self.run = run
    }

    /// Rule changes listed one by one up to this many; beyond it, the first ten and a count by family.
    static let ruleChangesShown = 20

    public func render() throws -> String { try document().render() }

    /// The answer, for a reader of this page alone: in the last year, what each reform does to the
    /// clearing price, the compliance cost and the share of entities compliant.
    func summary(_ year: String?) -> [ReportDocument.Block] {
        guard let year else { return [] }
        func row(_ id: String) -> Comparison.Row? { results.rows.first { $0.year == year && $0.id == id } }
        guard let price = row("clearing_price") else { return [] }
        let cost = row("compliance_cost"), compliant = row("share_compliant")
        let n = HTMLPage.n
        if results.reforms.isEmpty {
            return [
                .text(
                    "In short: in \(year) the market clears at \(n(price.base.mean)) INR/CCC"
                        + (cost.map { ", entities spend \(NumberFormat.money($0.base.mean))" } ?? "")
                        + (compliant.map { ", and \(NumberFormat.percent($0.base.mean, decimals: 1)) of them comply" }
                            ?? "")
                        + ".")
            ]
        }
        return results.reforms.indices.map { k in
            .text(
                "In short, reform \(k + 1) in \(year): the clearing price moves from \(n(price.base.mean)) to "
                    + "\(n(price.variants[k].mean)) INR/CCC"
                    + (cost.map {
                        ", the compliance cost from \(NumberFormat.money($0.base.mean)) to "
                            + NumberFormat.money($0.variants[k].mean)
                    }
                        ?? "")
                    + (compliant.map {
                        ", the share of entities compliant from \(NumberFormat.percent($0.base.mean, decimals: 1)) to "
                            + NumberFormat.percent($0.variants[k].mean, decimals: 1)
                    } ?? "") + ".")
        }
    }

    /// The three numbers of the last year a reader of the summary needs: the clearing price, the
    /// compliance cost and the share of entities compliant, under the base rules and (with a reform)
    /// under the first reform.
    func keyFigures(_ year: String?) -> [ReportDocument.KeyFigure] {
        guard let year else { return [] }
        func row(_ id: String) -> Comparison.Row? { results.rows.first { $0.year == year && $0.id == id } }
        let reform = results.reforms.isEmpty ? nil : 0
        func shown(_ r: Comparison.Row, _ format: (Double) -> String) -> String {
            reform.map { "\(format(r.base.mean)) → \(format(r.variants[$0].mean))" } ?? format(r.base.mean)
        }
        let under = reform == nil ? "under the base rules" : "base rules → reform 1"
        return [
            row("clearing_price").map {
                .init(shown($0) { HTMLPage.n($0) + " INR/CCC" }, "mean clearing price, \(year)", note: under)
            },
            row("compliance_cost").map {
                .init(shown($0) { NumberFormat.money($0) }, "compliance cost, \(year)", note: under)
            },
            row("share_compliant").map {
                .init(
                    shown($0) { NumberFormat.percent($0, decimals: 1) }, "of entities compliant, \(year)", note: under)
            },
        ].compactMap { $0 }
    }

    /// Per rule set and year, the market at expected values: the supply of abatement and outside
    /// sellers by price, the need it must meet (a dashed line), and where they cross (the price).
    func supplyAndDemand(_ curves: [[SupplyCurve]], variants: [String], mc: Bool) -> [ReportDocument.Block] {
        var blocks: [ReportDocument.Block] = [
            .text(
                "Each rule set's market with every input at its expected value: the CCCs that abatement (each "
                    + "sector's curve, or an entity's own measures) and sellers outside the portfolio supply at each "
                    + "price, and the need they must meet — the market's net shortfall, 0 when it is long (it then "
                    + "clears at the floor). The price is where supply reaches the need"
                    + (mc ? "; over the worlds each world clears on its own curve, so the mean price differs." : "."))
        ]
        for (k, years) in curves.enumerated() where k < variants.count {
            for curve in years where !curve.points.isEmpty {
                let n = HTMLPage.n
                // the part of the curve around the crossing: up to three times the price, at least 2,000 INR/CCC
                let top = Swift.max(3 * curve.price, 2_000)
                let shown = curve.points.filter { $0.price <= top }
                blocks.append(
                    .chart(
                        SVGChart.curves(
                            title: "\(variants[k]), \(curve.year): clears at \(n(curve.price)) INR/CCC"
                                + (curve.joint ? " (jointly with another year)" : ""),
                            xLabel: "CCCs supplied (abatement and outside sellers)", yLabel: "price, INR/CCC",
                            x: shown.map(\.quantity),
                            series: [
                                SVGChart.Series(name: "supply (up to \(n(top)) INR/CCC)", values: shown.map(\.price))
                            ],
                            markers: [(curve.need, "need \(n(curve.need))")])))
            }
        }
        blocks.append(
            .table(
                ["rule set", "year", "need, CCC", "price, INR/CCC", "cleared"],
                curves.enumerated().flatMap { k, years in
                    years.map { c in
                        [
                            k < variants.count ? variants[k] : "", c.year, HTMLPage.n(c.need), HTMLPage.n(c.price),
                            c.joint ? "jointly with another year" : "alone",
                        ]
                    }
                }, numeric: [2, 3]))
        return blocks
    }

    /// Each year's compliance cost and the lines it is the sum of (abatement spend, CCCs and offsets
    /// bought from outside the portfolio net of sales, compensation), base rules and each reform.
    func costLines(_ years: [String], _ variants: [String]) -> ReportDocument.Block {
        let lines = [
            ("compliance_cost", "compliance cost"), ("abatement_cost", "  abatement spend"),
            ("net_purchases", "  CCCs and offsets bought, net of sales"), ("compensation", "  compensation"),
        ]
        var rows: [[String]] = []
        for year in years {
            for (id, label) in lines {
                guard let row = results.rows.first(where: { $0.year == year && $0.id == id }) else { continue }
                rows.append([year, label] + ([row.base] + row.variants).map { HTMLPage.n($0.mean) })
            }
        }
        return .table(["year", "line"] + variants, rows, numeric: Set(2..<(2 + variants.count)))
    }

    // Long: the page's sections in reading order, a few lines each under its heading; apart, each would take the same
    // results and formatters.
    public func document() -> ReportDocument {
        let d = results, mc = d.worlds > 1
        let years = Array(Set(d.rows.map(\.year))).sorted()
        let variants = ["base rules"] + d.reforms.enumerated().map { "reform \($0.offset + 1)" }
        var page = ReportDocument(
            title: "\(title) — ccts compare run \(run.runID)", heading: title,
            lead: [
                .text(
                    "Compare run \(run.runID) of \(run.created): \(d.entities) entities, "
                        + (mc ? "\(HTMLPage.n(Double(d.worlds))) worlds each, seed \(d.seed)" : "expected values") + "."
                ),
                .bullets(d.reforms.enumerated().map { "Reform \($0.offset + 1): \($0.element)" }),
            ] + summary(years.last))
        page.question =
            d.reforms.isEmpty
            ? "At what price does the CCC market of these \(d.entities) entities clear each year, "
                + "and what does compliance cost them?"
            : "What would \(d.reforms.count == 1 ? "the reform" : "each reform") change for these "
                + "\(d.entities) entities: "
                + "the CCC price, what compliance costs them, and how many comply?"
        page.keyFigures = keyFigures(years.last)
        func value(_ x: Double, _ unit: String) -> String {
            unit == "fraction" || unit == "probability" ? NumberFormat.percent(x, decimals: 1) : HTMLPage.n(x)
        }
        for id in [
            "clearing_price", "abatement", "traded", "compensation", "compliance_cost", "share_compliant", "p_short",
        ] {
            let rows = years.compactMap { year in d.rows.first { $0.year == year && $0.id == id } }
            guard let first = rows.first else { continue }
            let bands = rows.map { [$0.base] + $0.variants }
            let series = variants.indices.map { k in
                SVGChart.Series(name: variants[k], values: bands.map { $0[k].mean })
            }
            let whiskers: [[(low: Double, high: Double)?]] = variants.indices.map { k in
                bands.map { b in
                    if let p5 = b[k].p5, let p95 = b[k].p95, mc { return (p5, p95) }
                    if let se = b[k].standardError, mc { return (b[k].mean - 1.96 * se, b[k].mean + 1.96 * se) }
                    return nil
                }
            }
            var name = first.aggregate.trimmingCharacters(in: .whitespaces)
            if name.hasPrefix("of which ") { name = String(name.dropFirst("of which ".count)) }
            let chart = SVGChart.groupedBars(
                title: "\(name) by year" + (mc ? " (whiskers: 5–95 % of worlds)" : ""),
                yLabel: first.unit, xLabel: "compliance year", categories: rows.map(\.year), series: series,
                whiskers: whiskers)
            var header = ["year", "base rules"]
            for k in d.reforms.indices { header += ["reform \(k + 1)", "change (95 % interval)"] }
            page.add(
                "\(name) (\(first.unit))",
                [
                    .chart(chart),
                    .table(
                        header,
                        rows.map { row in
                            var cells = [row.year, value(row.base.mean, row.unit)]
                            for (band, change) in zip(row.variants, row.changes) {
                                cells += [
                                    value(band.mean, row.unit),
                                    "\(change.mean >= 0 ? "+" : "")\(value(change.mean, row.unit))"
                                        + (mc
                                            ? " (\(value(change.low, row.unit)) to \(value(change.high, row.unit)))"
                                            : ""),
                                ]
                            }
                            return cells
                        }, numeric: Set(1..<header.count)),
                ])
        }
        if let curves = d.supplyCurves, curves.contains(where: { !$0.isEmpty }) {
            page.add("Supply and demand at expected values", supplyAndDemand(curves, variants: variants, mc: mc))
        }
        page.add(
            "Compliance cost, line by line (INR\(mc ? ", means over the worlds" : ""))", [costLines(years, variants)])
        let sectorRows = d.rows.filter { $0.id.hasPrefix("compliance_cost.") }
        if !sectorRows.isEmpty {
            page.add(
                "Compliance cost by sector (INR)",
                years.flatMap { year -> [ReportDocument.Block] in
                    let rows = sectorRows.filter { $0.year == year }
                    let series = rows.map { row in
                        SVGChart.Series(
                            name: String(row.id.dropFirst("compliance_cost.".count)),
                            values: [row.base.mean] + row.variants.map(\.mean))
                    }
                    return [
                        .chart(
                            SVGChart.stackedBars(
                                title: "Compliance cost by sector, \(year)", yLabel: "INR", xLabel: "rule set",
                                categories: variants, series: series)),
                        .table(
                            ["sector"] + variants, series.map { [$0.name] + $0.values.map(HTMLPage.n) },
                            numeric: Set(1...variants.count)),
                    ]
                })
        }
        if let lastYear = years.last {
            for (k, changes) in d.entityChanges.enumerated() {
                let ranked = changes.filter { $0.year == lastYear && $0.change != 0 }.sorted {
                    abs($0.change) > abs($1.change)
                }.prefix(15)
                page.add(
                    "Entities whose compliance cost reform \(k + 1) changes most, \(lastYear)",
                    [
                        .table(
                            ["registration", "sector", "base, INR", "reform, INR", "change, INR"],
                            ranked.map {
                                [
                                    $0.registration, $0.sector, HTMLPage.n($0.base), HTMLPage.n($0.reform),
                                    HTMLPage.n($0.change),
                                ]
                            }, numeric: [2, 3, 4])
                    ])
            }
        }
        page.add(
            "Rule changes",
            d.ruleChanges.enumerated().filter { !$0.element.isEmpty }.flatMap { k, changes -> [ReportDocument.Block] in
                // A reform that edits hundreds of values (every cement target) shows its first ones and
                // counts the rest by rule family; the run's JSON holds every edit.
                let shown = changes.count > Self.ruleChangesShown ? Array(changes.prefix(10)) : changes
                var blocks: [ReportDocument.Block] = [
                    .text("\(k == 0 ? "Every variant (--set)" : "Reform \(k)"): \(changes.count) rule values changed"),
                    .table(
                        ["rule", "was", "is", "entities reading it"],
                        shown.map { [$0.path, $0.old, $0.new, String($0.entitiesReading)] }, numeric: [3]),
                ]
                if changes.count > shown.count {
                    // a family is the path with its keys left out: targets.cement[…].gei[…]
                    let rest = Dictionary(grouping: changes.dropFirst(shown.count)) {
                        $0.path.replacing(/\[[^\]]*\]/, with: "[…]")
                    }
                    blocks.append(
                        .text(
                            "And \(changes.count - shown.count) more: "
                                + rest.keys.sorted().map { family in
                                    let group = rest[family]!
                                    return "\(family), \(group.count) values, "
                                        + "\(group.filter { $0.entitiesReading > 0 }.count) of them read by an entity"
                                }.joined(separator: "; ")
                                + ". Every edit: ccts runs show \(run.runID) --json."))
                }
                return blocks
            })
        page.close(warnings: d.notes, assumptions: [], files: run.files, rerunCommand: run.rerunCommand)
        return page
    }
}
