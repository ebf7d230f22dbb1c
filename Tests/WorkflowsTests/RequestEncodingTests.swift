import Foundation
import Testing
import Workflows
import Requests

/// A stored run keeps its request as JSON written the store's way (snake_case keys, as every
/// document ccts writes); re-runs read it back. Every field set away from its default must come
/// back: a key that does not survive the case conversion (a name with a run of capitals, such as
/// `untilSE` written `until_se` and read as `untilSe`) would come back as nil, silently.
@Suite struct RequestEncodingTests {
    static func roundTrip<T: Codable & Equatable>(_ value: T) throws -> T {
        let encoder = JSONEncoder(), decoder = JSONDecoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(T.self, from: try encoder.encode(value))
    }

    static let lua = LuaLimits(millionInstructions: 7, memoryMebibytes: 16, seconds: 9)

    @Test func aCompareRequestReadsBackAsWritten() throws {
        let request = CompareRequest(
            portfolios: ["a.lua", "b.lua"], reforms: ["r.lua"], rules: "rules", sets: ["verification.materiality=0.05"],
            lua: Self.lua, iterations: 10_000, seed: 7, threads: 3, shard: ShardSpec(index: 1, count: 2))
        #expect(try Self.roundTrip(request) == request)
    }

    @Test func aPathwayRequestReadsBackAsWritten() throws {
        let request = PathwayRequest(
            scenario: "s.lua", measures: "m.lua", horizon: "2029-30", discountRate: 0.07, optimise: true,
            exhaustive: true, prices: [1_500, 3_000], probability: 0.8, iterations: 5_000, seed: 7, rules: "rules",
            reforms: ["r.lua"], sets: ["a.b=1"], strict: true, lua: Self.lua, shard: ShardSpec(index: 0, count: 3))
        #expect(try Self.roundTrip(request) == request)
    }

    @Test func aPlanRequestReadsBackAsWritten() throws {
        let request = PlanRequest(
            scenario: "p.lua", rules: "rules", reforms: ["r.lua"], sets: ["a.b=1"], strict: true, lua: Self.lua,
            iterations: 5_000, seed: 7, threads: 3, objective: .chance, level: 0.9, epsilon: 0.1, steps: 8,
            offsetSteps: 3, budget: 5e6, untilStandardError: 1e5)
        #expect(try Self.roundTrip(request) == request)
    }
}
