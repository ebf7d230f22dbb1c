/// Inputs generated for the families that are not Lua files to mutate line by line: a workbook's
/// sheet (its XML, with an attack on the archive around it), a `--set` argument, a set of
/// correlations, a planning section and a whole portfolio. Each is text, so a defect is kept as
/// a regression file like any other; deterministic for a given generator state.
extension Mutator {
    /// Attacks on the .xlsx archive around the sheet, named on the text's first line
    /// (`-- archive: crc`): none, a damaged CRC-32, a part that declares a small size and
    /// inflates past it, the archive cut short, a byte flipped inside the compressed data.
    static let archiveAttacks = ["none", "none", "none", "crc", "size", "truncate", "flip"]

    /// Cell references and row numbers outside Excel's grid, or not references at all.
    static let hostileReferences = [
        "ZZZZZZZZZZZZZZZ2", "AAAAAAA1", "XFE1", "A0", "A1048577", "A99999999999", "1A", "", "a1", "B-2", "\u{0}A1",
    ]

    /// A mutant of a sheet's XML (`xml`) with an archive attack line on top.
    mutating func workbook(_ xml: String) -> String {
        var text = xml
        for _ in 0...generator.below(3) {
            switch generator.below(9) {
            case 0:  // a cell or row reference outside the grid
                text = replaceAttribute(in: text, "r", with: Self.hostileReferences)
            case 1:  // a value of the wrong kind
                text = replaceElement(
                    in: text, "v", with: ["NaN", "INF", "-1e999", "1e308", "", "x", "0x10", "1,5", "99999999999"])
            case 2:  // a shared string that is not there
                text = text.replacingFirst("t=\"n\"", with: "t=\"s\"")
            case 3:  // a document type, or an entity
                text = "<!DOCTYPE worksheet [<!ENTITY e \"&#38;e;\">]>" + text
            case 4:  // cut anywhere
                let bytes = Array(text.utf8)
                text = String(decoding: bytes.prefix(generator.below(bytes.count + 1)), as: UTF8.self)
            case 5:  // deep nesting inside a cell
                let depth = 1 + generator.below(2_000)
                text = text.replacingFirst(
                    "<v>",
                    with: String(repeating: "<x>", count: depth) + String(repeating: "</x>", count: depth) + "<v>")
            case 6:  // a row repeated
                if let start = text.range(of: "<row "),
                    let end = text.range(of: "</row>", range: start.upperBound..<text.endIndex)
                {
                    let row = String(text[start.lowerBound..<end.upperBound])
                    text.insert(contentsOf: String(repeating: row, count: 1 + generator.below(50)), at: end.upperBound)
                }
            case 7:  // a far cell: memory must follow the cells, not the column letters
                text = text.replacingFirst("</row>", with: "<c r=\"XFD1\"><v>1</v></c></row>")
            default:  // a byte flipped
                var bytes = Array(text.utf8)
                if !bytes.isEmpty { bytes[generator.below(bytes.count)] ^= UInt8(1 << generator.below(8)) }
                text = String(decoding: bytes, as: UTF8.self)
            }
        }
        return "-- archive: \(Self.archiveAttacks[generator.below(Self.archiveAttacks.count)])\n" + text
    }

    /// Rule keys a `--set` may name (and some it may not).
    static let settingKeys = [
        "compliance.price", "compliance.offsets.max_share", "compliance.banking.max_carried", "compliance.compensation",
        "compliance.materiality", "fuels.coal_imported.ncv", "fuels.coal_imported.co2", "gwp.ch4", "precision.gei",
        "targets.cement[\"CCTS-CEM-RJ-0001\"].gei[\"2025-26\"]", "compliance", "fuels", "fuels.nothing.ncv", "",
        "compliance..price", "a.b.c.d.e.f", "fuels[1]", "compliance.price.value",
    ]
    static let settingValues = [
        "0", "-1", "1e308", "nan", "inf", "-inf", "0.5", "2", "\"x\"", "true", "{}", "1e-300", "", "=", "2167",
        "0/0", "os.exit()", "function() end", "9007199254740993", "  3  ",
    ]

    /// A `--set KEY=VALUE` argument.
    mutating func setting() -> String {
        let key = Self.settingKeys[generator.below(Self.settingKeys.count)]
        let value = Self.settingValues[generator.below(Self.settingValues.count)]
        return generator.below(10) == 0 ? key + value : "\(key)=\(value)"
    }

    static let correlationValues = [
        "0.7", "-0.7", "1", "-1", "0.999999", "2", "-2", "(0/0)", "1e308", "0", "\"x\"", "nil", "0.9", "-0.9",
    ]

    /// A `correlations = { … }` block over `inputs` (the scenario's uncertain inputs, and some it
    /// does not have): pairs repeated with other values, an input with itself, chains no
    /// correlation matrix allows.
    mutating func correlations(_ inputs: [String]) -> String {
        let names = inputs + ["years[\"2025-26\"].products.nothing.quantity", "price", ""]
        var lines: [String] = []
        for _ in 0...generator.below(6) {
            let a = names[generator.below(names.count)]
            let b = generator.below(8) == 0 ? a : names[generator.below(names.count)]
            let value = Self.correlationValues[generator.below(Self.correlationValues.count)]
            let line = "    { '\(a)', '\(b)', \(value) },"
            lines.append(line)
            if generator.below(4) == 0 { lines.append(line.replacingFirst(value, with: "-\(value)")) }
        }
        return "  correlations = {\n" + lines.joined(separator: "\n") + "\n  },"
    }

    /// A planning section: forwards, contracts, the exchange, with values drawn from valid and
    /// hostile ones.
    mutating func planning(years: [String]) -> String {
        func pick(_ choices: [String]) -> String { choices[generator.below(choices.count)] }
        func year() -> String { pick(years + ["2019-20", "2025-2026", "", "2040-41"]) }
        func number() -> String {
            pick(["2400", "0", "-1", "1e308", "(0/0)", "30000", "1e15", "0.5", "\"x\"", "2^53"])
        }
        func fraction() -> String {
            pick(["beta(2, 2)", "beta(8, 2)", "0.5", "1", "0", "-0.5", "2", "uniform(0, 1)", "beta(0, 0)"])
        }
        var forwards: [String] = []
        for _ in 0..<generator.below(5) {
            var fields = ["year = \"\(year())\"", "price = \(number())", "max = \(number())"]
            if generator.below(2) == 0 {
                fields.append("date = \"\(pick(["2025-11-15", "2027-13-01", "x", "2019-01-01"]))\"")
            }
            if generator.below(3) == 0 { fields.append("known = \(pick(["0.03", "0", "-1", "5", "(0/0)"]))") }
            forwards.append("{ " + fields.joined(separator: ", ") + " }")
        }
        var offsets: [String] = []
        for k in 0..<generator.below(4) {
            var fields = [
                "project = \"P-\(k)\"", "type = \"\(pick(["renewable_energy", "compressed_biogas", "nothing", ""]))\"",
                "vintage = \"\(year())\"", "year = \"\(year())\"", "price = \(number())", "max = \(number())",
                "delivered = \(fraction())",
            ]
            if generator.below(3) == 0 { fields.append("min = \(number())") }
            if generator.below(4) == 0 { fields.append("delivery = \"\(pick(["2026-11-01", "2030-01-01", "soon"]))\"") }
            offsets.append("{ " + fields.joined(separator: ", ") + " }")
        }
        var extra: [String] = []
        if generator.below(2) == 0 { extra.append("correlation = \(pick(["0.5", "1", "-0.5", "2", "(0/0)"]))") }
        if generator.below(2) == 0 { extra.append("surplus_value = \(pick(["0.5", "0", "-1", "1e308"]))") }
        if generator.below(2) == 0 { extra.append("sell_surplus = \(pick(["true", "false", "1"]))") }
        if generator.below(3) == 0 { extra.append("budget = \(number())") }
        return "  planning = {\n    forwards = { \(forwards.joined(separator: ", ")) },\n"
            + "    offsets = { \(offsets.joined(separator: ", ")) },\n"
            + "    spot = { liquidity = \(fraction()) },\n    \(extra.joined(separator: ", "))\n  },"
    }

    /// A whole portfolio of 1 to 12 generated entities: each a sector and product of the rules (or
    /// not), a fuel line or two, targets, and holdings (an opening balance, offsets) valid or not.
    mutating func portfolio(_ words: FuzzVocabulary) -> String {
        func pick(_ choices: [String]) -> String { choices[generator.below(choices.count)] }
        // Mostly valid, so that whole portfolios run; one value in eight hostile.
        func valid(_ good: [String], or bad: [String]) -> String { generator.below(8) == 0 ? pick(bad) : pick(good) }
        func quantity() -> String {
            valid(
                ["100000", "250000", "normal(100000, 5000)", "1e6"], or: ["0", "-5", "1e308", "(0/0)", "1e15", "\"x\""])
        }
        var entities: [String] = []
        for k in 0..<(1 + generator.below(6)) {
            let (sector, product) =
                generator.below(16) == 0
                ? ("nothing", "nothing") : words.products[generator.below(words.products.count)]
            let fuel = generator.below(16) == 0 ? "nothing" : words.fuels[generator.below(words.fuels.count)]
            let gei = valid(["0.7", "1.2", "2.4"], or: ["0", "-1", "(0/0)", "1e308"])
            var year =
                "monitored = \"period\", fuels = { { \"\(fuel)\", \(quantity()), \"t\" } }, "
                + "products = { { \"\(product)\", \(quantity()), \"t\" } }"
            if generator.below(3) == 0 {
                year +=
                    ", offsets = { { project = \"RE-\(k)\", type = \"renewable_energy\", credits = \(quantity()), "
                    + "delivered = \(pick(["0.9", "beta(8, 2)", "2", "-1"])), vintage = \"2025-26\", price = 1500 } }"
            }
            let entity =
                "registration = \"GEN-\(k)\", sector = \"\(sector)\", "
                + "targets = { [\"2025-26\"] = \(gei), [\"2026-27\"] = \(gei) }"
            let holding = generator.below(3) == 0 ? "opening_balance = \(quantity()), " : ""
            entities.append(
                "    { entity = { \(entity) }, \(holding)years = { [\"2025-26\"] = { \(year) }, "
                    + "[\"2026-27\"] = { \(year) } } },")
        }
        return "return portfolio {\n  name = \"generated\",\n  entities = {\n" + entities.joined(separator: "\n")
            + "\n  },\n}\n"
    }

    /// `text` with one `name="…"` attribute's value replaced.
    private mutating func replaceAttribute(in text: String, _ name: String, with choices: [String]) -> String {
        let marker = " \(name)=\""
        let starts = text.ranges(of: marker)
        guard !starts.isEmpty else { return text }
        let start = starts[generator.below(starts.count)].upperBound
        guard let end = text[start...].firstIndex(of: "\"") else { return text }
        return String(text[..<start]) + choices[generator.below(choices.count)] + String(text[end...])
    }

    /// `text` with one `<name>…</name>` element's content replaced.
    private mutating func replaceElement(in text: String, _ name: String, with choices: [String]) -> String {
        let starts = text.ranges(of: "<\(name)>")
        guard !starts.isEmpty else { return text }
        let start = starts[generator.below(starts.count)].upperBound
        guard let end = text.range(of: "</\(name)>", range: start..<text.endIndex) else { return text }
        return String(text[..<start]) + choices[generator.below(choices.count)] + String(text[end.lowerBound...])
    }
}

/// What a generated entity may name: sectors with their products, and fuels (from the rules).
struct FuzzVocabulary: Sendable {
    var products: [(sector: String, product: String)]
    var fuels: [String]
}

extension String {
    /// The string with the first `target` replaced (unchanged without one).
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
