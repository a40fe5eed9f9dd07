/// Which pledges a contribution pays.
public enum PledgeChoice: Sendable, Equatable {
    /// The donor's open pledges on the fund, oldest first; the rest is a gift above pledges.
    case automatic
    /// Only this pledge; the rest is a gift above it.
    case pledge(Int64)
    /// None: a gift without pledge, even if one is open.
    case none
}
