import Foundation

/// `docsentry audit merge`: the JSON Lines of several audits (the shards of one archive, or runs over
/// different folders) as one.
public enum AuditMerge {
    /// Writes one record per document of `inputs` to `output`, sorted by file, each line as it was written by
    /// its audit (byte for byte). A document in several inputs (same file, same SHA-256) is written once, a
    /// report preferred over an error record.
    ///
    /// - Returns: the merged records, for `--csv` and `--html`.
    /// - Throws: `AuditError.mergeConflict` when the same file has different SHA-256s in two inputs (the
    ///   scan changed between the runs), `.corruptRecord` for a line that is no record, `.cannotWrite`.
    @discardableResult
    public static func merge(_ inputs: [String], into output: String) throws(AuditError) -> AuditResults {
        let normalizedOutput = URL(fileURLWithPath: output).standardizedFileURL.path
        for input in inputs where URL(fileURLWithPath: input).standardizedFileURL.path == normalizedOutput {
            throw .cannotWrite(path: output, reason: "it is also one of the inputs; write the merge to a new file")
        }
        let results = try AuditResults(inputs)
        let out = try AuditOutputFile(path: output, append: false)
        var buffer: [UInt8] = []
        try results.forEach { _, line throws(AuditError) in
            buffer += line
            buffer.append(0x0A)
            if buffer.count > 1 << 20 {
                try out.write(String(decoding: buffer, as: UTF8.self))
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try out.write(String(decoding: buffer, as: UTF8.self))
        return try AuditResults([output])
    }
}
