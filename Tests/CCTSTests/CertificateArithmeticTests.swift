import CCTS
import Testing

@Suite struct CertificateArithmeticTests {
    /// The two cases users met: a whole exact result must not lose or gain a certificate.
    @Test func wholeResultsAreNotOffByOne() {
        // Issued: (0.7293 − 0.70154) × 2,250,000 = 0.02776 × 2,250,000 = 62,460 exactly
        // (the double product is 62,459.99999999977, whose floor would be 62,459).
        // Emissions chosen so that GEI = 1,578,465 / 2,250,000 = 0.70154 exactly.
        let issued = Settlement.credits(
            target: 0.7293, emissions: 1_578_465, production: 2_250_000, scale: 1e6,
            issueRounding: .floor, surrenderRounding: .ceil)
        #expect(issued.gei == 0.70154)
        #expect(issued.issued == 62_460)
        #expect(issued.surrender == 0)

        // Surrender: (0.696092 − 0.6952) × 2,500,000 = 0.000892 × 2,500,000 = 2,230 exactly
        // (not 2,231 from the ceiling of 2,230.0000000000x). GEI = 1,740,230 / 2,500,000 = 0.696092.
        let owed = Settlement.credits(
            target: 0.6952, emissions: 1_740_230, production: 2_500_000, scale: 1e6,
            issueRounding: .floor, surrenderRounding: .ceil)
        #expect(owed.gei == 0.696092)
        #expect(owed.surrender == 2_230)
        #expect(owed.issued == 0)
    }

    @Test func geiTiesRoundHalfUp() {
        // 1,403,400.5 / 2,000,000 = 0.70170025 → on a grid of 1e-6 that is 0.7017 (below the half)
        #expect(CertificateArithmetic.gridGEI(emissions: 1_403_400.5, production: 2_000_000, gridScale: 1e6) == 0.7017)
        // 1,403_401 / 2,000,000 = 0.7017005 exactly: a tie, rounded up to 0.701701
        #expect(CertificateArithmetic.gridGEI(emissions: 1_403_401, production: 2_000_000, gridScale: 1e6) == 0.701701)
    }

    @Test func offsetsDeliverWholeCertificates() {
        // 3,333 × 0.9 = 2,999.7 → 2,999 whole certificates
        #expect(CertificateArithmetic.delivered(credits: 3_333, fraction: 0.9) == 2_999)
        // 1,000 × 0.3 = 300 exactly (the double is 300.00000000000006 or 299.99999999999994)
        #expect(CertificateArithmetic.delivered(credits: 1_000, fraction: 0.3) == 300)
        #expect(CertificateArithmetic.delivered(credits: 7, fraction: 0.1) == 0)  // 0.7 of a certificate is none
    }

    /// Random decimal cases against exact integer arithmetic: targets with 4 decimals, GEIs on
    /// the 6-decimal grid, whole production. Every certificate count must agree exactly.
    @Test func agreesWithExactIntegerArithmetic() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: UInt64) -> Int64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int64((state >> 33) % n)
        }
        var mismatches: [String] = []
        for _ in 0..<200_000 {
            let targetE4 = 5_000 + next(5_000)  // 0.5000 … 0.9999
            let geiE6 = targetE4 * 100 + next(40_000) - 20_000  // within ±0.02 of the target
            let production = 1_000 * (1 + next(5_000))  // whole thousands of tonnes
            // exact credits × 10^6 = (target × 10^6 − GEI × 10^6) × production
            let exactE6 = (targetE4 * 100 - geiE6) * production
            let expectedIssued = exactE6 > 0 ? exactE6 / 1_000_000 : 0
            let expectedSurrender = exactE6 < 0 ? (-exactE6 + 999_999) / 1_000_000 : 0
            let target = Double(targetE4) / 1e4, gei = Double(geiE6) / 1e6
            let credits = Settlement.credits(
                target: target, emissions: gei * Double(production), production: Double(production),
                scale: 1e6, issueRounding: .floor, surrenderRounding: .ceil)
            if credits.issued != Double(expectedIssued) || credits.surrender != Double(expectedSurrender)
                || credits.gei != gei
            {
                mismatches.append(
                    "target \(target) gei \(gei) production \(production): \(credits.issued)/\(credits.surrender) vs "
                        + "\(expectedIssued)/\(expectedSurrender)"
                )
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }
}
