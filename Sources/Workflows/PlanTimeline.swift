import CCTS
import Simulation
import Planning

/// The recommended plan as dated events: when money goes out or comes in, and how many CCCs the
/// entity holds after each — means over the worlds, from the one ledger's run of the plan.
///
/// Events: each forward on its date (without one, the first day of its year); each offset
/// contract's delivery (its `delivery` date, else by the surrender of its year); each surrender
/// (the exchange's purchase of what is still short, compensation for the rest); each sale after
/// a surrender. CCCs held are the opening balance plus forwards and exchange purchases, less what
/// is surrendered and sold; offsets are credits counted against the obligation, not CCCs held.
extension PlanWorkflow {
    public struct TimelineRow: Codable, Equatable, Sendable {
        public var date: String, event: String
        /// CCCs bought (+) or sold (−); for an offset contract, credits delivered.
        public var cccs: Double
        /// INR paid (+) or received (−).
        public var inr: Double
        /// CCCs held after the event.
        public var held: Double
    }

    public static func timeline(
        plan: ProcurementPlan, worlds: ProcurementWorlds, best: ProcurementCandidate, deadline: MonthDay
    ) -> [TimelineRow] {
        guard let years = best.years, years.count == worlds.years.count else { return [] }
        let forwards = plan.forwards.count, contracts = plan.offsets.count
        // (date, order within the date, year index, row without its holding, CCCs held after or nil to carry on)
        var events: [(CalendarDay, Int, TimelineRow, held: Double?)] = []
        for (i, f) in plan.forwards.enumerated() {
            let q = best.meanQuantities[i]
            events.append(
                (
                    f.date ?? f.year.firstDay, 0,
                    TimelineRow(date: "", event: f.name, cccs: q, inr: q * f.price, held: 0), nil
                ))
        }
        for (j, c) in plan.offsets.enumerated() where worlds.eligible[j] {
            let q = best.meanQuantities[forwards + j]
            let day = c.deliveryDate ?? c.year.surrenderDate(deadline)
            events.append(
                (
                    day, 1,
                    TimelineRow(
                        date: "", event: "offsets \(c.project) delivered (credits)", cccs: q, inr: q * c.price,
                        held: 0),
                    nil
                ))
        }
        for (y, year) in worlds.years.enumerated() {
            let lines = years[y], day = year.surrenderDate(deadline)
            let sold = best.meanQuantities[forwards + contracts + y]
            events.append(
                (
                    day, 2,
                    TimelineRow(
                        date: "",
                        event: "\(year) surrender: exchange purchase, compensation "
                            + "\(NumberFormat.money(lines.compensation))",
                        cccs: lines.exchangeBought, inr: lines.exchangeCost + lines.compensation, held: 0),
                    lines.carried + sold
                ))
            if sold > 0 {
                events.append(
                    (
                        day, 3,
                        TimelineRow(
                            date: "", event: "\(year) surplus sold", cccs: -sold, inr: -lines.saleRevenue, held: 0),
                        lines.carried
                    ))
            }
        }
        events.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        var held = worlds.openingBalance
        return events.map { day, kind, row, after in
            var row = row
            row.date = day.description
            if let after { held = after } else if kind == 0 { held += row.cccs }
            row.held = held
            return row
        }
    }
}
