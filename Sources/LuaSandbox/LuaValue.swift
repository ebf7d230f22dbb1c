/// A Lua value copied out of a state into plain Swift data.
///
/// Everything a script returns is converted once into `LuaValue`; only
/// functions stay behind in the state, as a ``LuaFunctionRef``.
public indirect enum LuaValue: Sendable {
    case `nil`
    case boolean(Bool)
    case number(Double)
    case string(String)
    case table(LuaTable)
    case function(LuaFunctionRef)

    /// The Lua type name, for error messages ("expected a number, got a string").
    public var typeName: String {
        switch self {
        case .nil: return "nil"
        case .boolean: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .table: return "table"
        case .function: return "function"
        }
    }

    public var number: Double? { if case .number(let x) = self { return x } else { return nil } }
    public var string: String? { if case .string(let s) = self { return s } else { return nil } }
    public var table: LuaTable? { if case .table(let t) = self { return t } else { return nil } }
    public var isNil: Bool { if case .nil = self { return true } else { return false } }
}

/// A Lua table split into its sequence part (`t[1] … t[n]`) and its named fields.
///
/// Fields are kept sorted by name so that walking a table is deterministic,
/// which Lua's own `pairs` is not.
public struct LuaTable: Sendable {
    public var sequence: [LuaValue]
    public var fields: [(name: String, value: LuaValue)]
    /// Integer keys outside `1…n` (rare; kept so that nothing is silently dropped).
    public var otherKeys: [(key: Int, value: LuaValue)]

    public init(
        sequence: [LuaValue] = [], fields: [(name: String, value: LuaValue)] = [],
        otherKeys: [(key: Int, value: LuaValue)] = []
    ) {
        self.sequence = sequence
        self.fields = fields
        self.otherKeys = otherKeys
    }

    /// The field called `name`, or `.nil`.
    public subscript(name: String) -> LuaValue {
        fields.first(where: { $0.name == name })?.value ?? .nil
    }

    /// Names of the fields, sorted.
    public var fieldNames: [String] { fields.map(\.name) }
}

/// A Lua function left in its state (in the registry), callable later through the state.
public final class LuaFunctionRef: @unchecked Sendable {
    let reference: Int32
    /// The file the function was defined in, for error messages.
    public let chunk: String
    weak var owner: LuaState?

    init(reference: Int32, chunk: String, owner: LuaState) {
        self.reference = reference
        self.chunk = chunk
        self.owner = owner
    }

    deinit { owner?.release(reference) }
}
