import CLibXML2

/// The XML parts of an .xlsx workbook (workbook, relationships, shared strings, sheets) read by
/// libxml2's streaming reader (`xmlTextReader`), a parser built and fuzzed for hostile input:
/// start and end tags with their attributes, and the text between them.
///
/// What a file can make it do is bounded by the library and by the options below: no network
/// (`XML_PARSE_NONET`), no DTD loaded and no entity substituted (neither `XML_PARSE_DTDLOAD` nor
/// `XML_PARSE_NOENT`), libxml2's default limits on depth and on entity expansion (no
/// `XML_PARSE_HUGE`). A part that declares a document type is refused outright — Excel and
/// LibreOffice never write one — and a part that is not well-formed is refused with libxml2's
/// message and line.
final class XMLReader {
    enum Event: Equatable {
        case start(name: String, attributes: [String: String], selfClosing: Bool)
        case end(name: String)
        case text(String)
    }

    /// An XML part that cannot be read: what libxml2 said, and where.
    struct Malformed: Error, Equatable {
        var message: String
    }

    private let reader: xmlTextReaderPtr
    private let buffer: UnsafeMutableBufferPointer<UInt8>

    /// libxml2 initialises its global state once, before any thread parses.
    private static let initialised: Void = xmlInitParser()

    init(_ bytes: [UInt8]) throws {
        _ = Self.initialised
        // The reader reads the buffer in place: a copy that lives as long as the reader.
        buffer = .allocate(capacity: Swift.max(bytes.count, 1))
        _ = buffer.initialize(from: bytes)
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let created = buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
            xmlReaderForMemory($0, Int32(bytes.count), nil, nil, options)
        }
        guard let created, bytes.count <= Int(Int32.max) else {
            buffer.deallocate()
            throw Malformed(message: "libxml2 could not start reading it")
        }
        reader = created
    }

    deinit {
        xmlFreeTextReader(reader)
        buffer.deallocate()
    }

    /// The next event, or nil at the end. Comments and processing instructions are skipped.
    func next() throws -> Event? {
        while true {
            let status = xmlTextReaderRead(reader)
            if status == 0 { return nil }
            guard status == 1 else { throw Self.lastError() }
            switch UInt32(xmlTextReaderNodeType(reader)) {
            case XML_READER_TYPE_ELEMENT.rawValue:
                let name = Self.string(xmlTextReaderConstLocalName(reader))
                let selfClosing = xmlTextReaderIsEmptyElement(reader) == 1
                var attributes: [String: String] = [:]
                while xmlTextReaderMoveToNextAttribute(reader) == 1 {
                    attributes[Self.string(xmlTextReaderConstName(reader))] = Self.string(
                        xmlTextReaderConstValue(reader))
                }
                xmlTextReaderMoveToElement(reader)
                return .start(name: name, attributes: attributes, selfClosing: selfClosing)
            case XML_READER_TYPE_END_ELEMENT.rawValue:
                return .end(name: Self.string(xmlTextReaderConstLocalName(reader)))
            case XML_READER_TYPE_TEXT.rawValue, XML_READER_TYPE_CDATA.rawValue,
                XML_READER_TYPE_WHITESPACE.rawValue, XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue:
                return .text(Self.string(xmlTextReaderConstValue(reader)))
            case XML_READER_TYPE_DOCUMENT_TYPE.rawValue:
                throw Malformed(message: "it declares a document type (<!DOCTYPE …>), which a workbook never does")
            default:
                continue
            }
        }
    }

    private static func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    /// libxml2's last error on this thread, as a sentence with its line.
    private static func lastError() -> Malformed {
        defer { xmlResetLastError() }
        guard let error = xmlGetLastError(), let message = error.pointee.message else {
            return Malformed(message: "it is not well-formed XML")
        }
        let text = String(cString: message).trimmingWhitespace()
        return Malformed(message: "it is not well-formed XML (line \(error.pointee.line): \(text))")
    }
}
