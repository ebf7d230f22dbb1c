import CCTS
import Foundation
import Mustache

/// A report page as data: a title, sections of paragraphs, charts and tables, and the closing
/// parts every page has (warnings, assumptions in force, the files read with their SHA-256, the
/// command that re-runs the run). `Templates/page.mustache` turns it into one self-contained HTML
/// file (inline CSS and SVG, no script, no network); the builders of each kind of run
/// (``HTMLReport``, ``MonteCarloHTML``, the compare, pathway and plan pages) only fill it in.
public struct ReportDocument {
    /// A cell of a table; numeric cells are right-aligned in tabular figures.
    public struct Cell {
        public var text: String
        public var numeric: Bool
    }
    public struct Table {
        public var header: [String]
        public var rows: [[Cell]]
        /// `numeric`: the column indices holding numbers.
        public init(_ header: [String], _ rows: [[String]], numeric: Set<Int> = []) {
            self.header = header
            self.rows = rows.map { row in
                row.enumerated().map { Cell(text: $0.element, numeric: numeric.contains($0.offset)) }
            }
        }
    }
    /// One piece of a section, in order: a paragraph, a chart (inline SVG), or a table.
    public struct Block {
        public var paragraph: String?
        public var figure: String?
        public var table: Table?
        public var list: [String]?
        public static func text(_ s: String) -> Block { Block(paragraph: s) }
        public static func chart(_ svg: String) -> Block { Block(figure: svg) }
        public static func table(_ t: Table) -> Block { Block(table: t) }
        public static func table(_ header: [String], _ rows: [[String]], numeric: Set<Int> = []) -> Block {
            Block(table: Table(header, rows, numeric: numeric))
        }
        public static func bullets(_ items: [String]) -> Block { Block(list: items) }
    }
    public struct Section {
        public var heading: String
        public var blocks: [Block]
        public init(_ heading: String, _ blocks: [Block]) {
            self.heading = heading
            self.blocks = blocks
        }
    }
    public struct AssumptionRow { public var rule: String, statement: String, reasoning: String }
    /// One of the summary's few numbers that matter: its value as people read it, what it is, and
    /// a short note on how to read it.
    public struct KeyFigure {
        public var value: String, label: String, note: String
        public init(_ value: String, _ label: String, note: String = "") {
            self.value = value
            self.label = label
            self.note = note
        }
    }

    public var title: String
    public var heading: String
    /// The first page, which a manager reads alone (printed on a page of its own): the question the
    /// run answers, the ``keyFigures`` that answer it, then the lead (the answer in words, what to
    /// know before trusting it, the scenario's own description, how the run was made). The detail
    /// follows.
    public var question: String = ""
    public var lead: [Block]
    public var keyFigures: [KeyFigure] = []
    public var sections: [Section] = []
    public var warnings: [String] = []
    public var assumptions: [AssumptionRow] = []
    public var files: [HTMLPage.File] = []
    public var rerunCommand: String = ""
    /// What the assumptions section leaves out, when it shows only the assumptions the run read.
    public var assumptionsNote: String = ""
    /// The printed page's size (A4 unless Letter is asked for).
    public var paper: Paper = .a4 { didSet { pageSize = paper.rawValue } }
    /// What every printed page repeats at its top: the scenario, the run and its date.
    public var running: String = "" { didSet { runningCSS = Self.cssString(running) } }
    /// What the template reads (it sees stored properties only): the `@page` size, and ``running``
    /// as a CSS string's contents.
    public private(set) var pageSize = Paper.a4.rawValue
    public private(set) var runningCSS = ""

    /// Printed page sizes, by CSS `@page size` name.
    public enum Paper: String, CaseIterable, Sendable {
        case a4 = "A4", letter = "letter"
    }

    /// Text for `content: "…"` of an `@page` margin box, inside `<style>`, where HTML escaping does
    /// not apply: quotes, backslashes, line breaks, `<`, `>` and `&` (so no `</style>` can end the
    /// sheet) are written as CSS escapes.
    static func cssString(_ text: String) -> String {
        text.unicodeScalars.map { scalar -> String in
            switch scalar {
            case "\\", "\"", "<", ">", "&", "\n", "\r": return "\\" + String(scalar.value, radix: 16) + " "
            default: return String(scalar)
            }
        }.joined()
    }

    public init(title: String, heading: String, lead: [Block]) {
        self.title = title
        self.heading = heading
        self.lead = lead
    }

    public mutating func add(_ heading: String, _ blocks: [Block]) { sections.append(Section(heading, blocks)) }

    /// The closing parts: what the run warned, the assumptions it ran under, its files and re-run command.
    public mutating func close(
        warnings: [String], assumptions: [Assumption], files: [HTMLPage.File], rerunCommand: String
    ) {
        self.warnings = warnings
        self.assumptions = assumptions.map {
            AssumptionRow(rule: $0.rule, statement: $0.statement, reasoning: $0.reasoning)
        }
        self.files = files
        self.rerunCommand = rerunCommand
    }

    /// The page, through `Templates/page.mustache` (text is HTML-escaped by the template; charts
    /// are inserted as they are, built by ``SVGChart`` which escapes its own text).
    public func render() throws -> String {
        guard let page = try ReportDocument.library.get().render(self, withTemplate: "page") else {
            throw TemplateError(message: "the report template \"page\" is missing from this build of ccts")
        }
        return page
    }

    struct TemplateError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// `page` and its partial `block`, compiled into the binary (a test parses them).
    static let library = Result { () throws -> MustacheLibrary in
        var library = MustacheLibrary()
        try library.register(String(decoding: PackageResources.page_mustache, as: UTF8.self), named: "page")
        try library.register(String(decoding: PackageResources.block_mustache, as: UTF8.self), named: "block")
        return library
    }
}

/// A scenario file's own description: its opening comment, as one paragraph. Command examples
/// (`--   ccts run …`) and blank comment lines that end it are left out.
public enum ScenarioDescription {
    public static func of(_ text: String) -> String? {
        var words: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("--") else { break }
            let content = trimmed.dropFirst(2).trimmingCharacters(in: .whitespaces)
            if content.hasPrefix("ccts ") || content.hasPrefix("[") { continue }
            if content.isEmpty { if words.isEmpty { continue } else { break } }
            words.append(content)
        }
        return words.isEmpty ? nil : words.joined(separator: " ")
    }
}
