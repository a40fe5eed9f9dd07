import ArgumentParser
import Ledger

struct PartnerAddCommand: ParsableCommand, LedgerFieldNaming {
    static let ledgerFields = ["name": "name"]

    static let configuration = CommandConfiguration(commandName: "add", abstract: "Register a partner.")

    @Argument(help: "Name, e.g. \"Super Novae\".") var name: String
    @Option(help: "ISO 3166 two-letter country code, e.g. PS.") var country: String?
    @OptionGroup var idempotency: IdempotencyOption
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let partner = try connection.store().addPartner(name: name, country: country,
                                                        idempotencyKey: idempotency.value())
        Output.line("Partenaire n° \(partner.id) enregistré : \(partner.name)" + (partner.country.map { " (\($0))" } ?? "") + ".")
    }
}
