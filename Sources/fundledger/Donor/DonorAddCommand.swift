import ArgumentParser
import Ledger

extension Donor.Kind: ExpressibleByArgument {}

struct DonorAddCommand: ParsableCommand, LedgerFieldNaming {
    static let ledgerFields = ["name": "name"]

    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Register a donor collectivité (refused if it exists but for case or accents).")

    @Argument(help: "Name as it should be printed, e.g. \"Liffré\".") var name: String
    @Option(help: "commune, departement, region, intercommunalite or autre.") var kind: Donor.Kind = .commune
    @Option(help: "SIREN number (9 digits).") var siren: String?
    @OptionGroup var idempotency: IdempotencyOption
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let donor = try connection.store().addDonor(name: name, kind: kind, siren: siren,
                                                    idempotencyKey: idempotency.value())
        Output.line("Donateur n° \(donor.id) enregistré : \(donor.name) (\(FrenchLabels.donorKind(donor.kind))"
                    + (donor.siren.map { ", SIREN \($0)" } ?? "") + ").")
    }
}
