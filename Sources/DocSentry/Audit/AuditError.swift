/// Why an audit (or a merge of audits) could not start or could not go on.
///
/// A document that cannot be read is not an `AuditError`: it becomes that document's error record and the
/// audit goes on. These are the problems with the audit itself: a missing input folder, an output file that
/// cannot be written, a results file that is not an audit's JSON Lines, two shards that disagree.
/// Every description is one line that names the file and the problem.
public enum AuditError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An input given on the command line does not exist.
    case inputMissing(path: String)
    /// An input folder (or a folder below it) cannot be listed.
    case folderUnreadable(path: String, reason: String)
    /// `--shard` is not of the form `K/N` with 0 <= K < N.
    case badShard(text: String)
    /// The output file exists and neither `--resume` nor `--force` was given.
    case outputExists(path: String)
    /// An output file cannot be created, written or read back.
    case cannotWrite(path: String, reason: String)
    case cannotRead(path: String, reason: String)
    /// A line of a results file is not an audit record.
    case corruptRecord(path: String, line: Int, detail: String)
    /// `--resume` with judging options other than those the earlier records were made with.
    case resumeMismatch(path: String, earlier: String, now: String)
    /// Two results files hold the same document path with different content.
    case mergeConflict(file: String, firstSource: String, firstSHA256: String, secondSource: String, secondSHA256: String)
    /// The OCR engine cannot be created, so no scan can be read (every image would fail the same way).
    case ocrUnavailable(RecognizeError)
    /// An output file is one of the inputs (a scan audited, a record file merged): inputs are never modified.
    case outputIsInput(option: String, path: String, input: String)
    /// Two outputs are the same file.
    case outputsCollide(path: String, firstOption: String, secondOption: String)
    /// Records to be merged (or resumed) were made by different DocSentry versions, rules, OCR models, judging
    /// options or redaction; `aspect` says which, `first` and `second` two of the values with where they are.
    case mixedRecords(aspect: String, first: String, second: String)

    public var description: String {
        switch self {
        case let .inputMissing(path):
            "\(path): no such file or folder"
        case let .folderUnreadable(path, reason):
            "\(path): cannot list the folder: \(reason)"
        case let .badShard(text):
            "--shard '\(text)': give K/N with 0 <= K < N, e.g. --shard 0/4 ... --shard 3/4 for four machines"
        case let .outputExists(path):
            "\(path): the output file exists: add --resume to continue that audit, or --force to start it again"
        case let .cannotWrite(path, reason):
            "\(path): cannot write: \(reason)"
        case let .cannotRead(path, reason):
            "\(path): cannot read: \(reason)"
        case let .corruptRecord(path, line, detail):
            "\(path):\(line): not an audit record (\(detail))"
        case let .resumeMismatch(path, earlier, now):
            "\(path): its records were made with \(earlier), this run would use \(now): resume with the same options, or start a new output file"
        case let .mergeConflict(file, firstSource, firstSHA, secondSource, secondSHA):
            "\(file): different content in \(firstSource) (sha256 \(firstSHA.prefix(12))…) and \(secondSource) (sha256 \(secondSHA.prefix(12))…): the file changed between the runs; audit it again"
        case let .ocrUnavailable(error):
            error.description
        case let .outputIsInput(option, path, input):
            "\(option) \(path): that file is an input (\(input)); inputs are never overwritten: write to another file"
        case let .outputsCollide(path, first, second):
            "\(second) \(path): the same file as \(first): give each output its own file"
        case let .mixedRecords(aspect, first, second):
            "records made with different \(aspect): \(first) and \(second): audit again with the same DocSentry, rules and model, or add --allow-mixed to merge them anyway"
        }
    }
}
