/// The outcome of verification for one year.
///
/// `misstatement = |reported − verified| / verified`, on emissions and on
/// production. If either exceeds the materiality threshold the verified figures
/// replace the reported ones (emissions with the rules' conservative uplift).
public struct VerificationOutcome: Sendable {
    public var reportedEmissions: Double
    public var verifiedEmissions: Double
    public var reportedProduction: Double
    public var verifiedProduction: Double
    public var emissionsMisstatement: Double
    public var productionMisstatement: Double
    public var threshold: Double
    public var material: Bool
    /// The figures compliance uses.
    public var emissions: Double
    public var production: Double

    @inlinable
    public init(
        reportedEmissions: Double, verifiedEmissions: Double, reportedProduction: Double, verifiedProduction: Double,
        emissionsMisstatement: Double, productionMisstatement: Double, threshold: Double, material: Bool,
        emissions: Double, production: Double
    ) {
        self.reportedEmissions = reportedEmissions
        self.verifiedEmissions = verifiedEmissions
        self.reportedProduction = reportedProduction
        self.verifiedProduction = verifiedProduction
        self.emissionsMisstatement = emissionsMisstatement
        self.productionMisstatement = productionMisstatement
        self.threshold = threshold
        self.material = material
        self.emissions = emissions
        self.production = production
    }

    /// Applies the verifier's findings (fractions of the reported figures) under `threshold`.
    /// - Parameters:
    ///   - emissionsFinding: verified = reported × (1 + finding); e.g. 0.03 = 3 % more than reported.
    ///   - uplift: fractional uplift on verified emissions when material.
    @inlinable
    ///   - onGEI: judge the misstatement of the GEI (`|GEI_reported − GEI_verified| / GEI_verified`)
    ///     instead of each quantity's.
    public static func assess(
        reportedEmissions: Double, reportedProduction: Double, emissionsFinding: Double,
        productionFinding: Double, threshold: Double, uplift: Double, onGEI: Bool = false
    ) -> VerificationOutcome {
        let verifiedEmissions = reportedEmissions * (1 + emissionsFinding)
        let verifiedProduction = reportedProduction * (1 + productionFinding)
        let emissionsMisstatement =
            verifiedEmissions == 0 ? 0 : abs(reportedEmissions - verifiedEmissions) / verifiedEmissions
        let productionMisstatement =
            verifiedProduction == 0 ? 0 : abs(reportedProduction - verifiedProduction) / verifiedProduction
        let material: Bool
        if onGEI {
            // GEI_r / GEI_v = (E_r / P_r) / (E_v / P_v) = (1 + production finding) / (1 + emissions finding)
            let ratio = (1 + productionFinding) / (1 + emissionsFinding)
            material = verifiedEmissions > 0 && abs(ratio - 1) > threshold
        } else {
            material = emissionsMisstatement > threshold || productionMisstatement > threshold
        }
        return VerificationOutcome(
            reportedEmissions: reportedEmissions, verifiedEmissions: verifiedEmissions,
            reportedProduction: reportedProduction, verifiedProduction: verifiedProduction,
            emissionsMisstatement: emissionsMisstatement, productionMisstatement: productionMisstatement,
            threshold: threshold, material: material,
            emissions: material ? verifiedEmissions * (1 + uplift) : reportedEmissions,
            production: material ? verifiedProduction : reportedProduction)
    }
}
