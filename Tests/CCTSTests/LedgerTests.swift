import Testing
@testable import CCTS

@Suite struct LedgerTests {
    let year = ComplianceYear("2025-26")!

    func rules(bankingCap: Double? = nil, offsetShare: Double? = nil, allowBanking: Bool = true) -> ComplianceRules {
        let provenance = Provenance(rule: "compliance", source: "test")
        return ComplianceRules(geiDecimals: 6, issueRounding: .floor, surrenderRounding: .ceil,
                               banking: BankingRules(allowed: allowBanking, maximumCarried: bankingCap),
                               offsets: OffsetRules(allowed: true, eligibleTypes: ["renewable_energy"],
                                                    earliestVintage: ComplianceYear("2025-26"), maximumShare: offsetShare),
                               compensationMultiple: .constant(2), compensationProvenance: provenance, prices: [],
                               capturedCO2Deductible: true, exportsDeductible: true, provenance: provenance)
    }

    func offset(_ type: String, _ vintage: String, _ credits: Double) -> (line: OffsetLine, delivered: Double) {
        (OffsetLine(project: "P", type: type, credits: credits, delivered: .fixed(1), vintage: ComplianceYear(vintage)!, path: "o"), credits)
    }

    @Test func balanceIdentityHolds() {
        let builder = LedgerBuilder(rules: rules(), year: year)
        let ledger = builder.build(opening: 1_000, issued: 0, obligation: 5_000, offsets: [], purchased: 3_000,
                                   requestedSale: 0, recorder: Recorder(year: year, tracing: false))
        // holdings 1,000 + 3,000 = 4,000 < 5,000: all surrendered, shortfall 1,000, closing 0
        #expect(ledger.surrendered == 4_000 && ledger.shortfall == 1_000 && ledger.closing == 0)
        #expect(ledger.opening + ledger.issued + ledger.offsets + ledger.purchased - ledger.surrendered - ledger.sold == ledger.closing)
    }

    @Test func salesAreCappedAtHoldings() {
        let recorder = Recorder(year: year, tracing: false)
        let ledger = LedgerBuilder(rules: rules(), year: year).build(opening: 0, issued: 800, obligation: 0, offsets: [],
                                                                     purchased: 0, requestedSale: 1_000, recorder: recorder)
        #expect(ledger.sold == 800 && ledger.closing == 0)
        #expect(recorder.warnings.contains { $0.contains("reduced") })
    }

    @Test func bankingCapLapsesTheRest() {
        let ledger = LedgerBuilder(rules: rules(bankingCap: 500), year: year)
            .build(opening: 0, issued: 2_000, obligation: 0, offsets: [], purchased: 0, requestedSale: 0, recorder: Recorder(year: year, tracing: false))
        #expect(ledger.carried == 500 && ledger.lapsed == 1_500)
        let none = LedgerBuilder(rules: rules(allowBanking: false), year: year)
            .build(opening: 0, issued: 2_000, obligation: 0, offsets: [], purchased: 0, requestedSale: 0, recorder: Recorder(year: year, tracing: false))
        #expect(none.carried == 0 && none.lapsed == 2_000)
    }

    @Test func offsetEligibility() {
        let builder = LedgerBuilder(rules: rules(offsetShare: 0.1), year: year)
        let outcomes = builder.assessOffsets([offset("renewable_energy", "2025-26", 800),
                                              offset("renewable_energy", "2025-26", 800),
                                              offset("biochar", "2025-26", 100),
                                              offset("renewable_energy", "2024-25", 100),
                                              offset("renewable_energy", "2026-27", 100)], obligation: 10_000)
        // cap = 10 % × 10,000 = 1,000: the first 800 count, the second only 200
        #expect(outcomes[0].counted == 800)
        #expect(outcomes[1].counted == 200 && outcomes[1].ineligibility.contains("cap"))
        #expect(outcomes[2].counted == 0 && outcomes[2].ineligibility.contains("not eligible"))
        #expect(outcomes[3].counted == 0 && outcomes[3].ineligibility.contains("older"))
        #expect(outcomes[4].counted == 0 && outcomes[4].ineligibility.contains("later"))
    }
}
