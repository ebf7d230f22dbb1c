import CommandSupport
import Foundation

/// Prints an HTML page to PDF with a headless Chromium (Debian's `chromium`), the browser the
/// page is tested in. `$CCTS_CHROMIUM` names one explicitly; else the first of the usual names on
/// `PATH`.
struct PDFPrinter {
    let chromium: String

    static let names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    static func locate() throws -> String {
        let environment = CommandContext.current.environment
        if let named = environment["CCTS_CHROMIUM"], !named.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: named) else {
                throw CommandError(
                    "CCTS_CHROMIUM is \(named), which is not an executable file; unset it or name the chromium binary")
            }
            return named
        }
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in names {
            for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/" + name) {
                return folder + "/" + name
            }
        }
        throw CommandError(
            "writing a PDF needs a headless Chromium and none is on PATH (looked for "
                + "\(names.joined(separator: ", "))). "
                + "On Debian or Ubuntu: sudo apt-get install chromium; elsewhere install Chromium or Chrome, or set "
                + "CCTS_CHROMIUM "
                + "to its path. --report FILE.html writes the same page, which any browser prints to PDF")
    }

    /// `chromium --headless --print-to-pdf`: A4 by the page's print style, no header or footer.
    func print(html: String, to pdf: String) throws {
        let page = URL(fileURLWithPath: html).standardizedFileURL
        let output = URL(fileURLWithPath: pdf).standardizedFileURL
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent(
            "ccts-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        try? FileManager.default.removeItem(at: output)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        // --no-sandbox: Chromium refuses to start its sandbox as root (CI, containers); the page is
        // ccts's own, with no script and nothing fetched.
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--user-data-dir=\(profile.path)",
            "--print-to-pdf=\(output.path)", page.absoluteString,
        ]
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        let messages = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let head = (try? FileHandle(forReadingFrom: output))?.readData(ofLength: 5) ?? Data()
        guard process.terminationStatus == 0, head == Data("%PDF-".utf8) else {
            try? FileManager.default.removeItem(at: output)
            throw CommandError(
                "\(chromium) did not print \(html) to \(pdf) (exit \(process.terminationStatus)): "
                    + String(decoding: messages, as: UTF8.self).split(separator: "\n").suffix(3).joined(separator: " "))
        }
    }
}
