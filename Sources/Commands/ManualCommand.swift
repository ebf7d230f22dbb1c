import ArgumentParser
import CommandSupport
import Foundation

/// `ccts manual` (hidden): the manual page, in roff, written from the commands' own definitions —
/// the help each command prints, under its name — so `make install` needs no second build of the
/// package (swift package generate-manual compiled everything again in release mode for it).
struct ManualCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manual", abstract: "Write the manual page (roff) to standard output.",
        shouldDisplay: false)

    func run() throws {
        var page = [
            ".TH CCTS 1 \"\" \"ccts \(Self.escape(Ccts.version))\" \"User Commands\"",
            ".SH NAME", "ccts \\- \(Self.escape(Ccts.configuration.abstract))",
            ".SH SYNOPSIS", ".B ccts", ".I command", ".RI [ options ]",
            ".SH DESCRIPTION",
        ]
        page += Self.block(Ccts.helpMessage(columns: 100))
        page.append(".SH COMMANDS")
        for (name, command) in Self.commands(Ccts.self, path: "ccts") {
            page += [".SS \(Self.escape(name))"] + Self.block(Ccts.helpMessage(for: command, columns: 100))
        }
        page += [
            ".SH SEE ALSO",
            "The README and docs/ of the ccts source tree; ccts examples copy DIR writes the shipped scenarios.",
        ]
        emit(page.joined(separator: "\n"))
    }

    /// Every visible command below `command`, depth first, with its full name.
    static func commands(_ command: ParsableCommand.Type, path: String) -> [(String, ParsableCommand.Type)] {
        command.configuration.subcommands.filter { $0.configuration.shouldDisplay }.flatMap {
            sub -> [(String, ParsableCommand.Type)] in
            let name = path + " " + (sub.configuration.commandName ?? "")
            return [(name, sub)] + commands(sub, path: name)
        }
    }

    /// Help text as it prints, kept verbatim (no fill) with roff's special characters escaped.
    static func block(_ text: String) -> [String] {
        [".nf"] + text.split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) } + [".fi"]
    }

    /// A backslash written as `\e`; a line that would start with `.` or `'` (a roff request) guarded by `\&`.
    static func escape(_ line: String) -> String {
        let text = line.replacingOccurrences(of: "\\", with: "\\e").replacingOccurrences(of: "-", with: "\\-")
        return text.hasPrefix(".") || text.hasPrefix("'") ? "\\&" + text : text
    }
}
