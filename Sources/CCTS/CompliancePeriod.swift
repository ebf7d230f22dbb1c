/// The part of a compliance year that counts for the entities of one schedule.
///
/// The GEI Target Rules came into force mid-year, so the first compliance year of each
/// schedule is shorter than a financial year: targets for 2025-26 were computed pro rata for
/// the months left after notification (First Schedule) and for January–March 2026 (Second
/// Schedule). Which period applies to which schedule is a rule (`compliance.periods`).
public struct CompliancePeriod: Sendable {
    /// The schedule of the GEI Target Rules whose sectors this period applies to (`First`, `Second`).
    public var schedule: String
    public var year: ComplianceYear
    /// First and last day, both inside the compliance year.
    public var from: CalendarDay
    public var to: CalendarDay
    public var provenance: Provenance

    public init(schedule: String, year: ComplianceYear, from: CalendarDay, to: CalendarDay, provenance: Provenance) {
        self.schedule = schedule
        self.year = year
        self.from = from
        self.to = to
        self.provenance = provenance
    }

    /// Days in the period, both ends counted.
    public var days: Int { to.ordinal - from.ordinal + 1 }

    /// The period's days over the compliance year's (365 or 366): the factor by which quantities
    /// monitored over the whole year are taken pro rata.
    public var shareOfYear: Double { Double(days) / Double(year.days) }

    public var description: String { "\(from) to \(to) (\(days) days)" }
}

/// What a year's monitored quantities cover when its compliance period is shorter than the year.
public enum MonitoringBasis: String, Sendable, CaseIterable {
    /// The quantities were monitored over the compliance period itself (the default).
    case period
    /// The quantities cover the whole financial year and are taken pro rata by days.
    case fullYear = "full_year"
}

/// A day of the year without the year (`09-30`), for a deadline that recurs every year.
public struct MonthDay: Hashable, Sendable, CustomStringConvertible {
    public var month: Int, day: Int

    public init(month: Int, day: Int) {
        self.month = month
        self.day = day
    }

    /// Parses `MM-DD`; nil when malformed or not a day of a non-leap year.
    public init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let m = Int(parts[0]), let d = Int(parts[1]),
            (1...12).contains(m), d >= 1, d <= CalendarDay.daysIn(month: m, year: 2001)
        else { return nil }
        self.init(month: m, day: d)
    }

    public var description: String { "\(twoDigits(month))-\(twoDigits(day))" }
}

extension ComplianceYear {
    /// 365, or 366 when the February inside it has 29 days.
    public var days: Int { lastDay.ordinal - firstDay.ordinal + 1 }

    /// The surrender deadline of this compliance year: `deadline` in the calendar year after it
    /// ends (30 September → 30 September of the year after the compliance year's 31 March).
    public func surrenderDate(_ deadline: MonthDay) -> CalendarDay {
        CalendarDay(year: startYear + 1, month: deadline.month, day: deadline.day)
    }
}
