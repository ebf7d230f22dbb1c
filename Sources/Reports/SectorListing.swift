import CCTS

/// The sectors of `ccts factors`: whether the GEI Target Rules notify each, under which schedule,
/// its first compliance period, its metric and how many targets the rules hold for it.
public enum SectorListing {
    public static func render(_ rules: RuleSet, matching text: String?) -> String? {
        let needle = text?.lowercased()
        let sectors = rules.sectors.filter { sector in
            guard let needle else { return true }
            return [sector.id, sector.name, "sector", "notified", "schedule"].contains {
                $0.lowercased().contains(needle)
            }
        }
        guard !sectors.isEmpty else { return nil }
        var table = TextTable(header: [
            "sector", "notified", "schedule", "first period", "entity targets", "metric", "note",
        ])
        for sector in sectors {
            let first = rules.compliance.periods.filter { $0.schedule == sector.schedule }.min { $0.year < $1.year }
            let targets = rules.targets.filter { $0.sector == sector.id }.count
            let note = sector.notified ? sector.provenance.source : (sector.provenance.note ?? sector.provenance.source)
            table.add([
                sector.id, sector.notified ? "yes" : "no", sector.schedule ?? "—",
                first.map { "\($0.from) to \($0.to)" } ?? (sector.notified ? "whole years" : "—"),
                "\(targets)", sector.metric, note.count > 70 ? String(note.prefix(69)) + "…" : note,
            ])
        }
        return "Sectors (GEI Target Rules): notification, schedule and first compliance period\n" + table.render()
    }
}
