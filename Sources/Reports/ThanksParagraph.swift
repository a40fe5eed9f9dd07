import Foundation
import Ledger

/// The paragraph communications pastes into the newsletter to thank a fund's donors.
///
/// Names come in French order; "et" precedes the last; a plain space precedes the colon, as in
/// the newsletter. Singular when there is one name.
public enum ThanksParagraph {
    /// Thanks those who gave:
    /// `Un grand merci aux 27 collectivités donatrices pour leur engagement et leur solidarité
    /// envers la population gazaouie : Annemasse, Bondy, … et Strasbourg.`
    /// Nil when there is nobody to thank.
    public static func contributors(_ names: [String], audience: String?) -> String? {
        guard !names.isEmpty else { return nil }
        let towards = audience.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : " envers \($0)" } ?? ""
        if names.count == 1 {
            return "Un grand merci à la collectivité donatrice pour son engagement et sa solidarité\(towards) : \(names[0])."
        }
        return "Un grand merci aux \(names.count) collectivités donatrices pour leur engagement et leur solidarité\(towards) : \(FrenchText.list(names))."
    }

    /// Thanks those who confirmed they intend to give:
    /// `CUF souhaite d'ores et déjà remercier les collectivités qui ont confirmé leur intérêt à
    /// participer à cette initiative : Cergy, … et Saint-Calais.` Nil when there is nobody.
    public static func pledgers(_ names: [String]) -> String? {
        guard !names.isEmpty else { return nil }
        if names.count == 1 {
            return "CUF souhaite d'ores et déjà remercier la collectivité qui a confirmé son intérêt à participer à cette initiative : \(names[0])."
        }
        return "CUF souhaite d'ores et déjà remercier les collectivités qui ont confirmé leur intérêt à participer à cette initiative : \(FrenchText.list(names))."
    }
}
