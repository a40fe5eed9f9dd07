import Foundation

/// ISO 8859-15 ("latin-9"), the 8-bit encoding the FEC's specification names beside ASCII: Latin-1
/// with € Š š Ž ž Œ œ Ÿ in place of eight symbols. Text it cannot hold is transliterated, never
/// dropped: typographic punctuation becomes its ASCII form (— → -, ’ → ', ≈ → ~), a letter with an
/// accent latin-9 lacks keeps its base letter (ş → s, ı → i: "Gölbaşı" → "Gölbasi"), and what
/// has no equivalent becomes "?".
public enum Latin9 {
    /// The bytes of `text` in ISO 8859-15.
    public static func encode(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars { append(scalar, to: &bytes) }
        return bytes
    }

    /// Latin-9 bytes as text (a file `encode` wrote, read back).
    public static func decode(_ bytes: some Sequence<UInt8>) -> String {
        String(String.UnicodeScalarView(bytes.compactMap { Unicode.Scalar(decodeTable[Int($0)]) }))
    }

    private static func append(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
        if let byte = byte(scalar) {
            bytes.append(byte)
        } else if let replacement = replacements[scalar] {
            bytes += encode(replacement)
        } else {
            // The base letters of its canonical decomposition, without the marks.
            let base = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
                .filter { !(0x300...0x36F).contains($0.value) }.compactMap(byte)
            bytes += base.isEmpty ? [UInt8(ascii: "?")] : base
        }
    }

    /// The byte of a character latin-9 holds; nil otherwise (C1 controls included).
    static func byte(_ scalar: Unicode.Scalar) -> UInt8? {
        switch scalar.value {
        case 0x20AC: 0xA4
        case 0x0160: 0xA6
        case 0x0161: 0xA8
        case 0x017D: 0xB4
        case 0x017E: 0xB8
        case 0x0152: 0xBC
        case 0x0153: 0xBD
        case 0x0178: 0xBE
        case 0xA4, 0xA6, 0xA8, 0xB4, 0xB8, 0xBC, 0xBD, 0xBE: nil
        case 0x09, 0x0A, 0x0D, 0x20...0x7E, 0xA0...0xFF: UInt8(scalar.value)
        default: nil
        }
    }

    /// Byte → code point.
    static let decodeTable: [UInt32] = (0...255).map { byte in
        switch byte {
        case 0xA4: 0x20AC
        case 0xA6: 0x0160
        case 0xA8: 0x0161
        case 0xB4: 0x017D
        case 0xB8: 0x017E
        case 0xBC: 0x0152
        case 0xBD: 0x0153
        case 0xBE: 0x0178
        default: UInt32(byte)
        }
    }

    /// Characters with an ASCII or latin-9 equivalent that no decomposition gives.
    static let replacements: [Unicode.Scalar: String] = [
        "\u{2014}": "-", "\u{2013}": "-", "\u{2010}": "-", "\u{2011}": "-", "\u{2212}": "-",
        "\u{2019}": "'", "\u{2018}": "'", "\u{201A}": ",", "\u{201C}": "\"", "\u{201D}": "\"", "\u{201E}": "\"",
        "\u{2026}": "...", "\u{2248}": "~", "\u{2022}": "-",
        "\u{202F}": "\u{00A0}", "\u{2009}": " ", "\u{2002}": " ", "\u{2003}": " ",
        "\u{0131}": "i", "\u{0130}": "I", "\u{0142}": "l", "\u{0141}": "L", "\u{0111}": "d", "\u{0110}": "D",
        "\u{2264}": "<=", "\u{2265}": ">=", "\u{2192}": "->",
    ]
}
