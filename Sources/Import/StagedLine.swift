/// A line ready for the staging table, every value in the text COPY expects.
struct StagedLine {
    var line: Int
    var date: String
    var donor: String
    var fund: String
    var cents: Int64
    var reference: String
    var pledge: String?
    var key: String?
}
