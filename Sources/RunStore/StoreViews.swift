import GRDB

/// Views a person can query in the `sqlite3` shell without knowing the tables behind them
/// (README: the run store): `runs` — one row per run with its scenario, the fingerprint of its
/// rules and its headline results; `metrics` — every stored number by run, year and metric, with
/// its unit; `metric_unit` — what each metric means and its unit.
public enum StoreViews {
    /// Units and meanings of the metrics runs store (workflow metrics such as `base.clearing_price`
    /// take the unit of their last part).
    static let units: [(metric: String, unit: String, meaning: String)] = [
        ("emissions", "tCO2e", "verified emissions of the year"),
        ("emissions_combustion", "tCO2e", "from fuels burned"),
        ("emissions_process", "tCO2e", "from process materials"),
        ("emissions_fugitive", "tCO2e", "from refrigerants, PFCs, SF6"),
        ("emissions_indirect", "tCO2e", "from electricity and heat bought"),
        ("emissions_deductions", "tCO2e", "electricity and heat exported, CO2 captured"),
        ("equivalent_production", "unit of equivalent product", "production in the sector's normalised unit"),
        ("gei_reported", "tCO2e per unit of equivalent product", "GHG emission intensity as reported"),
        ("gei", "tCO2e per unit of equivalent product", "GHG emission intensity as verified"),
        ("target", "tCO2e per unit of equivalent product", "GEI target of the year"),
        ("verification_material", "1 = yes", "the verifier's finding was material"),
        ("credits_exact", "CCC", "(target − GEI) × equivalent production before rounding"),
        ("credits", "CCC", "issued (+) or to surrender (−)"),
        ("issued", "CCC", "carbon credit certificates issued"),
        ("surrender_required", "CCC", "certificates to surrender"),
        ("opening_balance", "CCC", "held at the start of the year"),
        ("offsets", "CCC", "offset credits surrendered"),
        ("purchased", "CCC", "bought"),
        ("surrendered", "CCC", "surrendered"),
        ("sold", "CCC", "sold"),
        ("closing_balance", "CCC", "held at the end of the year"),
        ("closing", "CCC", "held at the end of the year"),
        ("carried", "CCC", "banked into the next year"),
        ("shortfall", "CCC", "certificates missing at the surrender"),
        ("price", "INR per CCC", "market price of the year"),
        ("compensation", "INR", "environmental compensation due"),
        ("cost", "INR", "net compliance cost of the year"),
        ("compliant", "1 = yes", "the year met its obligation"),
        ("p_noncompliance", "probability", "share of worlds not compliant in the year"),
        ("p_noncompliance_any_year", "probability", "share of worlds not compliant in some year"),
        ("cost_var95", "INR", "value at risk of the year's cost at 95 %"),
        ("cost_cvar95", "INR", "conditional value at risk of the year's cost at 95 %"),
        ("total_cost", "INR", "cost over all years"),
        ("clearing_price", "INR per CCC", "price at which the market clears"),
        ("abatement", "tCO2e", "abatement the price induces"),
        ("traded", "CCC", "certificates changing hands"),
        ("compliance_cost", "INR", "cost of compliance"),
        ("share_compliant", "fraction", "share of entities compliant"),
        ("p_short", "probability", "share of worlds in which the market is short"),
        ("measure_cost", "INR", "capex and opex of the measures in the year"),
        ("gei_baseline", "tCO2e per unit of equivalent product", "GEI without any measure"),
        ("baseline_npv", "INR", "net present cost without measures"),
        ("pathway_npv", "INR", "net present cost with the measures"),
        ("surrender_obligations", "CCC", "certificates the portfolio must surrender"),
        ("own_offsets", "CCC", "offset credits the entities hold and the rules count"),
        ("opening_balances", "CCC", "certificates held at the start of the first year"),
        ("net_position", "CCC", "issued + held − owed, before abatement"),
        ("entities_short", "entities", "entities short before trading"),
        ("entities_long", "entities", "entities long before trading"),
        ("p_joint", "probability", "share of worlds in which the year cleared jointly with the next through banking"),
        ("supply_sold", "CCC", "bought from sellers outside the portfolio"),
        ("reserve_sold", "CCC", "sold by the regulator's reserve at the ceiling"),
        ("floor_bought", "CCC", "bought by the regulator at the floor"),
        ("unsold", "CCC", "left unsold with their holders"),
        ("abatement_cost_per_tonne", "INR per tCO2e", "abatement cost per tonne abated"),
        ("abatement_cost", "INR", "what the abatement cost"),
        ("net_purchases", "INR", "CCCs and offsets bought from outside the portfolio, net of sales"),
        ("mean_cost", "INR", "mean cost over the worlds of a procurement plan"),
        ("cost_cvar", "INR", "conditional value at risk of a procurement plan's cost"),
    ]

    /// The unit of a stored metric (a workflow metric such as `reform1.clearing_price` by its last part), or nil.
    /// A market's breakdowns by sector (`reform1.price_set_by.cement`, `base.abatement.cement`) take
    /// the unit of their family: a share of worlds, or the family's own unit.
    public static func unit(of metric: String) -> String? {
        let parts = metric.split(separator: ".").map(String.init)
        if parts.contains("price_set_by") { return "probability" }
        for name in [metric] + parts.reversed() {
            if let unit = units.first(where: { $0.metric == name })?.unit { return unit }
        }
        return nil
    }

    /// Every unit of ``units`` the store's `metric_unit` table lacks.
    static func addMissingUnits(_ db: Database) throws {
        for row in units {
            try db.execute(
                sql: "INSERT OR IGNORE INTO metric_unit (metric, unit, meaning) VALUES (?, ?, ?)",
                arguments: [row.metric, row.unit, row.meaning])
        }
    }

    static func create(_ db: Database) throws {
        try db.execute(
            sql: "CREATE TABLE metric_unit (metric TEXT PRIMARY KEY, unit TEXT NOT NULL, meaning TEXT NOT NULL)")
        try addMissingUnits(db)
        try db.execute(
            sql: """
                CREATE VIEW runs AS
                  SELECT r.id, r.created, r.status, r.kind, r.scenario_name AS scenario, r.scenario_file, r.rule_source,
                         (SELECT group_concat(f.name || ' ' || substr(f.sha256, 1, 12), '; ')
                            FROM (SELECT name, sha256 FROM run_file WHERE run_id = r.id AND role IN ('rule', 'reform')\
                 ORDER BY position) f) AS rules,
                         r.inputs_sha256, r.seed, r.worlds, r.wall_seconds AS seconds,
                         COALESCE((SELECT mean FROM year_metric WHERE run_id = r.id AND year = 'all' AND metric =\
                 'total_cost'),
                                  (SELECT sum(value) FROM year_metric WHERE run_id = r.id AND metric = 'cost' AND year\
                 <> 'all')) AS total_cost_inr,
                         (SELECT sum(value) FROM year_metric WHERE run_id = r.id AND metric = 'issued') AS issued_ccc,
                         (SELECT sum(value) FROM year_metric WHERE run_id = r.id AND metric = 'shortfall') AS\
                 shortfall_ccc,
                         (SELECT value FROM year_metric WHERE run_id = r.id AND metric = 'p_noncompliance_any_year') AS\
                 p_noncompliance_any_year,
                         r.engine_version, r.rerun_of
                    FROM run r;
                CREATE VIEW metrics AS
                  SELECT m.run_id, r.scenario_name AS scenario, r.kind, m.year, m.metric,
                         COALESCE(u.unit, (SELECT unit FROM metric_unit WHERE metric = substr(m.metric, instr(m.metric,\
                 '.') + 1))) AS unit,
                         COALESCE(m.value, m.mean) AS value, m.se, m.p5, m.p50, m.p95
                    FROM year_metric m JOIN run r ON r.id = m.run_id LEFT JOIN metric_unit u ON u.metric = m.metric;
                """)
    }
}
