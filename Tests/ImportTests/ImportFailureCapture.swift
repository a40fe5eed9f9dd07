import Import
import Testing
import TestSupport

/// Runs `body` and returns the `ImportFailure` it threw (nil when it did not throw one).
func importFailure(_ body: () throws -> Void) -> ImportFailure? {
    do {
        try body()
        return nil
    } catch let failure as ImportFailure {
        return failure
    } catch {
        Issue.record("expected an ImportFailure, got \(errorDetails(error))")
        return nil
    }
}
