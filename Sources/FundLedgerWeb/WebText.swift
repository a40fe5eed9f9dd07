import Import
import Ledger

/// French words of the screens that come from values: roles, and the refusals the ledger gives
/// in its own (English) words, said again for finance staff.
enum WebText {
    static func role(_ role: APIToken.Role) -> String {
        switch role {
        case .reader: "lecture"
        case .clerk: "saisie"
        case .admin: "administration"
        }
    }

    /// A refusal of a typed amount, in French.
    static func amountRefusal(_ error: InputError) -> String {
        let reason = error.reason
        let why: String = if reason.hasPrefix("an amount is required") || reason == "no digits" {
            "Indiquez un montant."
        } else if reason.contains("positive") || reason.contains("sign") {
            "Le montant s’écrit sans signe, et doit être positif."
        } else if reason.contains("more than zero") {
            "Le montant doit être supérieur à zéro."
        } else if reason.contains("two decimals") {
            "Deux décimales au plus."
        } else if reason.contains("maximum") {
            "Montant au-delà du maximum (1 000 000 000 000,00 €)."
        } else if reason.contains("ambiguous") {
            "Séparateurs ambigus : écrivez par exemple 1 234,56."
        } else {
            "Montant illisible : écrivez par exemple 1 234,56."
        }
        return why
    }

    /// A refused line of an import, in French where the importer's reason is known: amounts and
    /// dates worded as on the forms, the ledger's usual refusals translated; any other reason as
    /// the importer gives it.
    static func importReason(column: String?, value: String?, reason: String) -> String {
        let name = (column ?? "").lowercased()
        let error = InputError(field: name, value: value ?? "", reason: reason)
        if let french = ledgerImportReason(reason) { return french }
        if ["montant", "amount"].contains(name) { return amountRefusal(error) }
        if name.contains("date") || name.contains("reçu") || name.contains("received") { return dateRefusal(error) }
        if reason == "unknown donor" { return "Donateur inconnu." }
        if reason.hasPrefix("unknown fund") { return "Fonds inconnu." }
        if reason.hasPrefix("a reference is required") {
            return "Référence obligatoire : c’est elle qui empêche d’enregistrer deux fois le même versement."
        }
        if let match = reason.firstMatch(of: /^(\d+) fields? where the header has (\d+)$/) {
            return "\(match.1) champ(s) alors que l’en-tête en compte \(match.2)."
        }
        return recordReason(reason) ?? textReason(reason) ?? reason
    }

    /// What the CSV reader says of a record it could not read cleanly, in French.
    static func recordReason(_ reason: String) -> String? {
        if let m = reason.firstMatch(of: /^field (\d+) is not valid UTF-8/) {
            return "Le champ \(m.1) n’est pas en UTF-8 : si le fichier vient d’un tableur, choisissez l’encodage latin1."
        }
        if reason == "a quoted field is never closed" { return "Un champ ouvert par un guillemet n’est jamais refermé (fichier tronqué ?)." }
        if let m = reason.firstMatch(of: /^text after the closing quote of field (\d+)$/) {
            return "Du texte suit le guillemet fermant du champ \(m.1)."
        }
        return nil
    }

    /// What `NameInput` says of a text it refuses, in French.
    static func textReason(_ reason: String) -> String? {
        if reason == "must not be empty" { return "Valeur vide." }
        if reason == "control characters are not allowed" { return "Caractères de contrôle interdits." }
        if reason == "invisible characters are not allowed" {
            return "Caractères invisibles interdits (espace sans chasse, marque d’ordre des octets, contrôle de direction…)."
        }
        if reason == "line breaks are not allowed" { return "Retours à la ligne interdits." }
        if let m = reason.firstMatch(of: /^at most (\d+) characters \((\d+) given\)$/) {
            return "\(m.1) caractères au plus (\(m.2) donnés)."
        }
        if let m = reason.firstMatch(of: /^must not begin with (.) \(spreadsheets would read it as a formula\)$/) {
            return "Ne doit pas commencer par \(m.1) : un tableur y lirait une formule."
        }
        return nil
    }

    /// Why the importer could not read a file at all (its `ImportError`), in French; the file
    /// named as its sender calls it, never by the server's temporary path.
    static func importFileReason(_ description: String, path: String, fileName: String) -> String {
        let french: [ImportColumn: String] = [.date: "date", .donor: "collectivité", .fund: "fonds", .amount: "montant",
                                              .reference: "référence", .pledge: "promesse"]
        /// A column as the importer names it, in French when it is one of its columns.
        func column(_ name: String) -> String { ImportColumn(rawValue: name).flatMap { french[$0] } ?? name }
        func columns(_ list: Substring) -> String {
            list.split(separator: ";").map { item in
                column(item.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init) ?? "")
            }.joined(separator: ", ")
        }
        if let m = description.firstMatch(of: /^the header names the (\w+) column twice: "(.*)" and "(.*)"$/) {
            return "l’en-tête nomme deux fois la colonne \(column(String(m.1))) (« \(m.2) » et « \(m.3) »)."
        }
        if let m = description.firstMatch(of: /^the header line lacks columns? (.*); found: (.*)$/) {
            return "il manque à l’en-tête la ou les colonnes \(columns(m.1)) ; l’en-tête lu : \(m.2)."
        }
        if description.hasPrefix(path + " is empty") {
            return "le fichier est vide ; une ligne d’en-tête est attendue (date, collectivité, fonds, montant, référence)."
        }
        if description.hasPrefix(path + " has a header but no data line") {
            return "le fichier n’a qu’une ligne d’en-tête, aucun versement."
        }
        if let m = description.firstMatch(of: /^header line (\d+): (.*)$/) {
            return "ligne d’en-tête \(m.1) : " + (recordReason(String(m.2)) ?? String(m.2))
        }
        if description.hasPrefix("the delimiter must be") {
            return "le séparateur doit être un seul caractère ASCII, ni guillemet ni fin de ligne."
        }
        return description.replacingOccurrences(of: path, with: fileName)
    }

    /// The import's refusals that come from the ledger (import_contributions, fund_refusal), in
    /// French; nil for those said by the columns' own checks.
    static func ledgerImportReason(_ reason: String) -> String? {
        if let m = reason.firstMatch(of: /^reference already used on line (\d+) for (.+)$/) {
            return "Référence déjà utilisée ligne \(m.1) pour \(m.2)."
        }
        if let m = reason.firstMatch(of: /^reference already recorded for (.+) \(contribution (\d+) of (.+)\)$/) {
            return "Référence déjà enregistrée pour \(m.1) (versement n° \(m.2) du \(m.3))."
        }
        if let m = reason.firstMatch(of: /^pledge (\d+) is a pledge of (.+) to fund (\S+), not of (.+) to (\S+)$/) {
            return "La promesse n° \(m.1) est celle de \(m.2) au fonds \(m.3), pas de \(m.4) au fonds \(m.5)."
        }
        if let m = reason.firstMatch(of: /^pledge (\d+) was voted on (\S+): money received on (\S+) cannot pay it$/) {
            return "La promesse n° \(m.1) a été votée le \(m.2) : un versement reçu le \(m.3) ne peut pas la payer."
        }
        if let m = reason.firstMatch(of: /^pledge (\d+) was cancelled$/) { return "La promesse n° \(m.1) est annulée." }
        if reason.hasPrefix("idempotency key already used") { return "Clé d’idempotence déjà utilisée pour un autre versement." }
        if reason.hasPrefix("a pledge is given by its number") { return "Une promesse se désigne par son numéro, par exemple 12." }
        if let m = reason.firstMatch(of: /^fund (\S+) is closed since (\S+)/) { return "Le fonds \(m.1) est clos depuis le \(m.2)." }
        if let m = reason.firstMatch(of: /^fund (\S+) is closing/) { return "Le fonds \(m.1) est en clôture." }
        if let m = reason.firstMatch(of: /^fund (\S+) opened on (\S+)/) { return "Le fonds \(m.1) a ouvert le \(m.2) : la date précède son ouverture." }
        if reason.contains("more than a year ahead") { return "Date à plus d’un an dans l’avenir." }
        // fund_refusal's own French reasons (closed period, dated ahead).
        if reason.hasPrefix("période close") || reason.hasPrefix("date à venir") { return FrenchTypography.apply(reason) }
        return nil
    }

    /// A text the ledger's input checks refused.
    static let inputRefusal = "Valeur refusée (caractères invisibles ou de contrôle, ou trop longue)."

    /// A refusal of a typed date, in French.
    static func dateRefusal(_ error: InputError) -> String {
        if error.reason.contains("no such day") { return "Ce jour n’existe pas." }
        if error.reason.contains("year out of range") { return "Année hors de la plage acceptée (1900 à 2100)." }
        return "Date illisible : écrivez par exemple 2026-07-08 ou 08/07/2026."
    }

    /// What the ledger's refusal means, in French, for the person at the form.
    /// `taking`: what the fund no longer takes when it is closing ("de versements", "de promesses").
    static func ledgerRefusal(_ error: LedgerError, taking: String = "de versements") -> String {
        switch error.code {
        case .duplicate where error.field == "reference":
            return "Cette référence est déjà enregistrée dans ce fonds."
        case .fundNotOpen: return "Ce fonds n’accepte plus \(taking) (en clôture ou clos)."
        // Written in French by the ledger, with the day the books are closed through.
        case .periodClosed: return FrenchTypography.apply(error.message)
        case .dateOutOfRange: return "Date hors de ce que le grand livre accepte."
        case .textRefused: return "Texte refusé (caractères invisibles ou de contrôle, trop long, ou commençant par = + - @)."
        case .idempotencyKeyReused:
            return "Ce formulaire a déjà servi à un autre enregistrement : rechargez la page pour en saisir un nouveau."
        default: break
        }
        switch error.kind {
        case .notFound: return "Introuvable dans le grand livre."
        case .duplicate: return "Existe déjà."
        case .insufficientFunds: return "Fonds insuffisants."
        case .fundNotOpen: return "Ce fonds n’accepte plus d’opérations."
        case .periodClosed: return "Cette date est dans une période close : datez l’opération dans la période ouverte."
        case .fundNotSettled: return "Le fonds détient encore de l’argent ou attend des promesses : il ne peut être clos."
        case .pledgeState: return "La promesse est dans un état qui l’interdit."
        case .inconsistent: return "Références incohérentes."
        case .invalidInput: return "Valeur refusée."
        case .cannotReverse: return "Contre-passation impossible."
        case .idempotencyConflict: return "Ce formulaire a déjà servi à un autre enregistrement."
        case .invariantViolated: return "Une règle du grand livre a refusé l’écriture ; rien n’a été enregistré."
        case .migration, .database: return "Le grand livre est indisponible pour l’instant ; réessayez dans un moment."
        }
    }
}
