import Foundation

/// Keeps Tesseract's OpenMP to one thread.
///
/// Measured on the target machine: with OpenMP's default threads one MRZ read took 460 ms, with
/// `OMP_THREAD_LIMIT=1` 55 ms (DocSentry parallelises across documents instead). libgomp reads the variable when
/// it is loaded, before any Swift code runs, so `setenv` inside the process is too late and
/// `omp_set_num_threads(1)` does not help: the program re-executes itself once with the variable set.
public enum OpenMP {
    /// Re-executes the running program with `OMP_THREAD_LIMIT=1` unless it is already set. Returns only when it
    /// is set (or re-execution is impossible, in which case the program runs on, slower).
    public static func limitToOneThread() {
        guard getenv("OMP_THREAD_LIMIT") == nil else { return }
        setenv("OMP_THREAD_LIMIT", "1", 1)
        let arguments = CommandLine.arguments
        var pointers: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        pointers.append(nil)
        execv("/proc/self/exe", &pointers)
        // execv returns only on failure: go on in this process.
    }
}
