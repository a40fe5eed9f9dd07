/// The ledger's own SQLSTATEs (class `FL`), raised by the SQL in `sql/`: one case per code,
/// one place that says what each means. `LedgerError.init(_: PostgresError)` reads them here.
///
/// `ErrorCodeTableTests` keeps this table and the SQL in step: a code raised in `sql/` but
/// missing here, or declared here but raised nowhere, fails the tests.
public enum LedgerErrorCode: String, CaseIterable, Sendable {
    /// A journal entry's postings do not sum to zero (or it has fewer than two).
    case unbalancedEntry = "FL001"
    /// An append-only table (journal entries, postings, business events) was updated or deleted.
    case appendOnly = "FL002"
    /// Postings were added to a journal entry after the transaction that recorded it, or after
    /// the statement that sealed it (its hash covers the postings of that statement).
    case sealedEntry = "FL003"
    /// Derived data (balances, daily totals) was written directly instead of through postings.
    case derivedDataWrittenDirectly = "FL004"
    /// A posting is on an account of another fund than its entry's: restricted money left its fund.
    case postingOnAnotherFund = "FL005"
    /// A pledge's receivable would receive more than was pledged.
    case pledgeOverApplied = "FL006"
    /// A pledge was paid, written off or otherwise touched on a date before the pledge itself.
    case pledgeTouchedBeforeItsDate = "FL007"
    /// Not enough money: the fund's available balance or bank account would go below zero.
    case insufficientFunds = "FL010"
    /// The fund is not open (closing or closed) for this kind of operation.
    case fundNotOpen = "FL011"
    /// Something with that name, code or reference already exists.
    case duplicate = "FL012"
    /// The fund, donor, partner, project, milestone, pledge or entry named does not exist.
    case notFound = "FL013"
    /// The entry cannot be reversed (a reversal itself, already reversed, dated before, or would overdraw).
    case cannotReverse = "FL014"
    /// The pledge's state forbids it (cancelled, nothing outstanding, already paid).
    case pledgeState = "FL015"
    /// References that do not fit together (a pledge of another fund, a milestone of another project…).
    case inconsistentReference = "FL016"
    /// A date outside the range the ledger accepts.
    case dateOutOfRange = "FL017"
    /// Dated on or before the day the books are closed through (`fundledger period close`).
    case periodClosed = "FL018"
    /// A fund closed while it still holds money or expects pledges.
    case fundNotSettled = "FL019"
    /// An argument the ledger refuses (zero or negative amount, missing reason, impossible dates…).
    case invalidArgument = "FL020"
    /// Text refused: control or invisible characters, too long, or a leading formula character.
    case textRefused = "FL021"
    /// An idempotency key already used for another request (another operation or other values).
    case idempotencyKeyReused = "FL409"

    /// How the ledger reports a refusal with this code.
    public var kind: LedgerError.Kind {
        switch self {
        case .unbalancedEntry, .appendOnly, .sealedEntry, .derivedDataWrittenDirectly,
             .postingOnAnotherFund, .pledgeOverApplied:
            .invariantViolated
        case .pledgeTouchedBeforeItsDate, .pledgeState: .pledgeState
        case .insufficientFunds: .insufficientFunds
        case .fundNotOpen: .fundNotOpen
        case .periodClosed: .periodClosed
        case .fundNotSettled: .fundNotSettled
        case .duplicate: .duplicate
        case .notFound: .notFound
        case .cannotReverse: .cannotReverse
        case .inconsistentReference: .inconsistent
        case .dateOutOfRange, .invalidArgument, .textRefused: .invalidInput
        case .idempotencyKeyReused: .idempotencyConflict
        }
    }
}
