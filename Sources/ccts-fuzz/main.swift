import Foundation
import Fuzzing

/// `ccts-fuzz [--seconds S] [--inputs N] [--seed K] [--out DIR]`: a fuzzing campaign over the
/// checkout's shipped files. Each defect is written to DIR as a .lua file with a header saying
/// what it is and why; exit 1 when any was found. (Kept free of the argument parser: four options.)
var seconds = 60.0, inputs = Int.max, seed: UInt64 = 1, out = "fuzz-defects"
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let option = arguments.next() {
    guard let value = arguments.next() else {
        FileHandle.standardError.write(Data("ccts-fuzz: \(option) needs a value\n".utf8)); exit(2)
    }
    switch option {
    case "--seconds": seconds = Double(value) ?? seconds
    case "--inputs": inputs = Int(value) ?? inputs
    case "--seed": seed = UInt64(value) ?? seed
    case "--out": out = value
    default:
        FileHandle.standardError.write(
            Data("ccts-fuzz: unknown option \(option); use --seconds, --inputs, --seed, --out\n".utf8));
        exit(2)
    }
}
let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
let (seeds, oracle) = try Campaign.corpus(root: root)
try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
var count = 0
let report = Campaign(seeds: seeds, oracle: oracle).run(seed: seed, inputs: inputs, seconds: seconds) {
    seed, text, why in
    count += 1
    let name = "\(out)/\(seed.target.rawValue)-\(count).lua"
    let header =
        "-- fuzz defect (\(seed.target.rawValue), mutant of \(seed.file.name)): "
        + "\(why.replacingOccurrences(of: "\n", with: " "))\n"
    try? (header + text).write(toFile: name, atomically: true, encoding: .utf8)
    print("defect: \(name): \(why)")
}
print(
    "ccts-fuzz: \(report.inputs) inputs in \(String(format: "%.1f", report.seconds)) s (seed \(seed)): \(report.ran) "
        + "ran, \(report.refused) refused with a located message, \(report.defects.count) defects"
)
print(
    "  per family: "
        + FuzzTarget.allCases.map { "\($0.rawValue) \(report.byTarget[$0] ?? 0)" }.joined(separator: ", "))
exit(report.defects.isEmpty ? 0 : 1)
