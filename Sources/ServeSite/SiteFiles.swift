/// The files of `ccts serve`'s site, embedded at build time.
public enum SiteFiles {
    public static var index: [UInt8] { PackageResources.index_html }
    public static var script: [UInt8] { PackageResources.app_js }
    public static var style: [UInt8] { PackageResources.app_css }
    public static var openAPI: [UInt8] { PackageResources.openapi_json }
}
