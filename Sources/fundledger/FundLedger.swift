import Ledger
@main struct Main { static func main() {} }
