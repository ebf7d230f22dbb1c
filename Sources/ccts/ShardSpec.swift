import ArgumentParser
import CommandSupport

/// `--shard K/N`: shard K (0-based) of N.
struct ShardSpec: ExpressibleByArgument, Equatable, CustomStringConvertible {
    var index: Int
    var count: Int

    init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    init?(argument: String) {
        let parts = argument.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, index >= 0,
            index < count
        else { return nil }
        self.init(index: index, count: count)
    }

    static var defaultValueDescription: String { "K/N" }

    var description: String { "\(index)/\(count)" }
}
