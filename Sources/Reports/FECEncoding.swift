/// The FEC's character set: ISO 8859-15 (the default; what the text cannot hold is
/// transliterated, `Latin9`) or UTF-8.
public enum FECEncoding: String, Sendable, CaseIterable {
    case latin9
    case utf8 = "utf-8"
}
