import Ledger
import Testing
import TestSupport

/// Expects `parse` to refuse `text` with an `InputError` naming `field`, giving the text back
/// as typed, and a reason containing `reasonFragment`.
func expectRefusal<T>(_ text: String, field: String, reasonFragment: String,
                      sourceLocation: SourceLocation = #_sourceLocation,
                      _ parse: (String, String) throws -> T) {
    do {
        let value = try parse(text, field)
        Issue.record("accepted \"\(text)\" as \(value)", sourceLocation: sourceLocation)
    } catch let error as InputError {
        #expect(error.field == field, "\(error)", sourceLocation: sourceLocation)
        #expect(error.value == text, "\(error)", sourceLocation: sourceLocation)
        #expect(error.reason.contains(reasonFragment), "reason was: \(error.reason)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected an InputError, got \(errorDetails(error))", sourceLocation: sourceLocation)
    }
}
