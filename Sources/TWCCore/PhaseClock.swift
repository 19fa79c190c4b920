import Foundation

/// Wall-clock time of the pipeline's phases, written to standard error when the environment sets
/// `TWC_LINT_PHASES` (a developer's aid for finding the serial parts of a run; benchmarks measure).
public enum PhaseClock {
    public static let enabled = ProcessInfo.processInfo.environment["TWC_LINT_PHASES"] != nil

    /// Runs `body`, and when enabled reports how long it took under `name`.
    @inline(__always)
    public static func measure<T>(_ name: String, _ body: () -> T) -> T {
        guard enabled else { return body() }
        let start = DispatchTime.now().uptimeNanoseconds
        let startCPU = cpuNanoseconds()
        let result = body()
        let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
        let cpu = Double(cpuNanoseconds() - startCPU) / 1_000_000
        let line = "phase \(name): \(String(format: "%.1f", milliseconds)) ms (CPU \(String(format: "%.1f", cpu)) ms)\n"
        FileHandle.standardError.write(Data(line.utf8))
        return result
    }

    /// CPU time of the whole process (all threads).
    static func cpuNanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
