import Foundation

/// Finds scenario files (`*.scenario`) in files and folders.
public enum ScenarioFiles {
    /// The scenario files among `paths`, folders searched recursively, sorted.
    public static func find(in paths: [String]) throws -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ScenarioError("no such file or folder: \(path)")
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let enumerator = FileManager.default.enumerator(atPath: path)
            while let name = enumerator?.nextObject() as? String {
                if name.hasSuffix(".scenario") { files.append((path as NSString).appendingPathComponent(name)) }
            }
        }
        return files.sorted()
    }
}
