/// Just enough XML for the parts of an .xlsx file ccts reads (workbook, relationships, shared
/// strings, sheets): start and end tags with their attributes, and the text between them, with the
/// five predefined entities and numeric character references decoded. No DTD, no external
/// entities: nothing in the file can make the reader fetch or expand anything.
struct XMLScanner {
    enum Event {
        case start(name: String, attributes: [String: String], selfClosing: Bool)
        case end(name: String)
        case text(String)
    }

    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The next event, or nil at the end. Comments, processing instructions and declarations are skipped.
    mutating func next() -> Event? {
        while position < bytes.count {
            if bytes[position] != UInt8(ascii: "<") {
                let start = position
                while position < bytes.count, bytes[position] != UInt8(ascii: "<") { position += 1 }
                return .text(Self.decode(bytes[start..<position]))
            }
            // a tag
            let start = position + 1
            guard let close = find(UInt8(ascii: ">"), from: start) else { position = bytes.count; return nil }
            position = close + 1
            let first = bytes[start]
            if first == UInt8(ascii: "?") || first == UInt8(ascii: "!") { continue }
            if first == UInt8(ascii: "/") {
                return .end(
                    name: Self.localName(
                        String(decoding: bytes[(start + 1)..<close], as: UTF8.self).trimmingWhitespace()))
            }
            var end = close
            let selfClosing = bytes[close - 1] == UInt8(ascii: "/")
            if selfClosing { end -= 1 }
            return parseTag(bytes[start..<end], selfClosing: selfClosing)
        }
        return nil
    }

    func find(_ byte: UInt8, from: Int) -> Int? {
        var i = from
        while i < bytes.count {
            if bytes[i] == byte { return i }
            i += 1
        }
        return nil
    }

    func parseTag(_ tag: ArraySlice<UInt8>, selfClosing: Bool) -> Event {
        var i = tag.startIndex
        while i < tag.endIndex, !Self.isSpace(tag[i]) { i += 1 }
        let name = Self.localName(String(decoding: tag[tag.startIndex..<i], as: UTF8.self))
        var attributes: [String: String] = [:]
        while i < tag.endIndex {
            while i < tag.endIndex, Self.isSpace(tag[i]) { i += 1 }
            let keyStart = i
            while i < tag.endIndex, tag[i] != UInt8(ascii: "="), !Self.isSpace(tag[i]) { i += 1 }
            let key = String(decoding: tag[keyStart..<i], as: UTF8.self)
            while i < tag.endIndex, tag[i] != UInt8(ascii: "\""), tag[i] != UInt8(ascii: "'") { i += 1 }
            guard i < tag.endIndex else { break }
            let quote = tag[i]
            i += 1
            let valueStart = i
            while i < tag.endIndex, tag[i] != quote { i += 1 }
            if !key.isEmpty { attributes[key] = Self.decode(tag[valueStart..<min(i, tag.endIndex)]) }
            i += 1
        }
        return .start(name: name, attributes: attributes, selfClosing: selfClosing)
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// `x:sheet` → `sheet`.
    static func localName(_ name: String) -> String {
        name.split(separator: ":").last.map(String.init) ?? name
    }

    /// Text with `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;` and `&#…;` decoded.
    static func decode(_ raw: ArraySlice<UInt8>) -> String {
        let text = String(decoding: raw, as: UTF8.self)
        guard text.contains("&") else { return text }
        var out = "", rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";") else { out += rest[amp...]; return out }
            let entity = rest[rest.index(after: amp)..<semi]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                if entity.hasPrefix("#x"), let code = UInt32(entity.dropFirst(2), radix: 16),
                    let scalar = Unicode.Scalar(code)
                {
                    out.unicodeScalars.append(scalar)
                } else if entity.hasPrefix("#"), let code = UInt32(entity.dropFirst()),
                    let scalar = Unicode.Scalar(code)
                {
                    out.unicodeScalars.append(scalar)
                } else {
                    out += "&" + entity + ";"
                }
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }
}

extension String {
    func trimmingWhitespace() -> String {
        String(
            drop { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }.reversed().drop {
                $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r"
            }.reversed())
    }
}
