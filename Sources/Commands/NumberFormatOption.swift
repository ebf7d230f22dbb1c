import CCTS
import ArgumentParser
import CommandSupport
import Foundation
import Reports

extension NumberFormat.Grouping: ExpressibleByArgument {}

/// `--number-format international|indian|lakh-crore`: how text and HTML outputs group digits
/// (12,345,678 or 1,23,45,678) and, with `lakh-crore`, write amounts of money (₹1.23 crore). JSON,
/// CSV and the store always hold plain numbers.
struct NumberFormatOption: ParsableArguments {
    @Option(
        name: .customLong("number-format"),
        help:
            ArgumentHelp(
                "Group digits the international way (12,345,678) or the Indian way (1,23,45,678) in text, HTML and "
                    + "workbooks; lakh-crore groups the Indian way and writes amounts of money in rupees by lakh and "
                    + "crore "
                    + "(₹1.23 crore). Default: $CCTS_NUMBER_FORMAT, else international.")
    )
    var numberFormat: NumberFormat.Grouping?

    /// The parser validates every option group of a command before the command runs: the grouping
    /// is set here, once, so no command that offers the option can forget to apply it.
    func validate() throws {
        if let numberFormat {
            NumberFormat.grouping = numberFormat
        } else if let name = CommandContext.current.environment["CCTS_NUMBER_FORMAT"], !name.isEmpty {
            guard let grouping = NumberFormat.Grouping(rawValue: name) else {
                let names = NumberFormat.Grouping.allCases.map(\.rawValue)
                throw ValidationError(
                    "CCTS_NUMBER_FORMAT is '\(name)'; expected "
                        + "\(names.dropLast().joined(separator: ", ")) or \(names.last!)"
                )
            }
            NumberFormat.grouping = grouping
        }
    }
}
