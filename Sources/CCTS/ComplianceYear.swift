/// An Indian financial year used as a CCTS compliance year: 1 April to 31 March, written `2025-26`.
public struct ComplianceYear: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The calendar year in which the compliance year starts (2025 for `2025-26`).
    public let startYear: Int

    public init(startYear: Int) { self.startYear = startYear }

    /// Parses `2025-26` (also `2025-2026`); nil for anything else, for a second half that does not
    /// follow the first, or for a year outside 2000-01 … 2099-00 (the scheme began in 2023-24;
    /// the bound keeps a mistyped horizon from asking for thousands of years).
    public init?(_ label: String) {
        let parts = label.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, let start = Int(parts[0]), let end = Int(parts[1]),
            (2000...2099).contains(start)
        else { return nil }
        let expected = parts[1].count == 2 ? (start + 1) % 100 : start + 1
        guard (parts[1].count == 2 || parts[1].count == 4), end == expected else { return nil }
        self.startYear = start
    }

    public var description: String { "\(startYear)-\(twoDigits((startYear + 1) % 100))" }
    /// 1 April of the start year.
    public var firstDay: CalendarDay { CalendarDay(year: startYear, month: 4, day: 1) }
    /// 31 March of the following year.
    public var lastDay: CalendarDay { CalendarDay(year: startYear + 1, month: 3, day: 31) }
    public var next: ComplianceYear { ComplianceYear(startYear: startYear + 1) }

    public static func < (a: ComplianceYear, b: ComplianceYear) -> Bool { a.startYear < b.startYear }
}

/// A calendar date without time, as rule files write it (`2006-04-01`).
public struct CalendarDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int, month: Int, day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`; nil when malformed or not a day of the calendar (`2026-02-30`).
    public init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]),
            let d = Int(parts[2]),
            (1...12).contains(m), d >= 1, d <= CalendarDay.daysIn(month: m, year: y)
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Days in `month` of `year` (Gregorian).
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (negative before), so that the difference of two days counts the
    /// days between them (H. Hinnant's days_from_civil).
    public var ordinal: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public var description: String { "\(year)-\(twoDigits(month))-\(twoDigits(day))" }
    public static func < (a: CalendarDay, b: CalendarDay) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}

/// The period in which a factor or target may be used; open at either end when a bound is nil.
public struct ValidityPeriod: Hashable, Sendable, CustomStringConvertible {
    public var from: CalendarDay?
    public var to: CalendarDay?

    public init(from: CalendarDay? = nil, to: CalendarDay? = nil) {
        self.from = from
        self.to = to
    }

    /// True when the whole compliance year lies inside the period.
    public func covers(_ year: ComplianceYear) -> Bool {
        if let from, year.firstDay < from { return false }
        if let to, to < year.lastDay { return false }
        return true
    }

    public var description: String {
        "\(from?.description ?? "…") to \(to?.description ?? "…")"
    }
}

func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
