/// Which of a fund's donors a listing shows.
public enum DonorSelection: String, Sendable, CaseIterable {
    /// Those that gave money (received above zero).
    case contributed
    /// Those that pledged (pledged above zero, cancelled pledges aside).
    case pledged
    case all
}
