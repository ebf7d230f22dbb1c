import CCTS
import Simulation

/// The assumptions a run's page shows: those of the rules it read. The assumptions about a fuel,
/// a material, a grid, a heat source, a sector's products or a sector's abatement curve are shown only when the
/// run's plan reads that rule (a cement plant's page listed aluminium curves and the densities of
/// fuels it burns none of: 9 of its 13 printed pages); every other assumption (compliance,
/// verification, GWP) concerns every run and stays. What is left out is counted on the page, and
/// `ccts rules assumptions` lists them all.
enum AssumptionsUsed {
    /// Rule families whose assumptions concern one fuel, material, grid, heat source, sector or curve.
    static let specific = ["fuels.", "materials.", "grids.", "heat.", "sectors.", "abatement."]

    static func of(_ plan: Plan, among all: [Assumption]) -> (shown: [Assumption], note: String) {
        let shown = all.filter { assumption in
            let rules = assumption.rule.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            return rules.contains { rule in !specific.contains(where: rule.hasPrefix) || plan.uses(rulePath: rule) }
        }
        let left = all.count - shown.count
        let note =
            left == 0
            ? ""
            : "\(left) of the rules' \(all.count) assumptions concern fuels, materials, grids, heat sources, "
                + "sectors or "
                + "abatement "
                + "curves this run does not read and are left out; ccts rules assumptions lists them all."
        return (shown, note)
    }
}
