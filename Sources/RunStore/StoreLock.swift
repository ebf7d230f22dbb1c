import Foundation

/// An exclusive advisory lock shared by every process that opens the same store path.
///
/// Lives in the temporary folder, named by the SHA-256 of the store's absolute path, so that
/// nothing is created next to the user's files.
struct StoreLock {
    private let descriptor: Int32

    init(for path: String) throws {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let lockPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("ccts-store-\(SHA256.hex(absolute).prefix(32)).lock").path
        var descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
        if descriptor < 0, errno == EACCES {
            // Another user made the lock file; flock works on a descriptor opened for reading.
            descriptor = open(lockPath, O_RDONLY | O_CLOEXEC)
        }
        self.descriptor = descriptor
        guard descriptor >= 0 else {
            throw StoreError(
                path: path, message: "cannot take the store's lock \(lockPath) (\(String(cString: strerror(errno))))")
        }
        flock(descriptor, LOCK_EX)
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
