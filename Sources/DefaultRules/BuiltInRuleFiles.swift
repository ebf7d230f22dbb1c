/// The default rule set, compiled into the binary so that `ccts` works from any directory.
///
/// The Lua files live in `Rules/default/` at the top of the repository (this
/// target reaches them through a symbolic link) and are embedded at build time.
/// A test checks that this list names every file there.
public enum BuiltInRuleFiles {
    /// File name and text of each rule file, in load order.
    public static let files: [(name: String, text: String)] = [
        ("gwp.lua", text(PackageResources.gwp_lua)),
        ("fuels.lua", text(PackageResources.fuels_lua)),
        ("process.lua", text(PackageResources.process_lua)),
        ("refrigerants.lua", text(PackageResources.refrigerants_lua)),
        ("electricity.lua", text(PackageResources.electricity_lua)),
        ("sectors.lua", text(PackageResources.sectors_lua)),
        ("targets.lua", text(PackageResources.targets_lua)),
        ("verification.lua", text(PackageResources.verification_lua)),
        ("compliance.lua", text(PackageResources.compliance_lua)),
        ("abatement.lua", text(PackageResources.abatement_lua)),
    ]

    private static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
}
