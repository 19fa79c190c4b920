// Number constants of templates, converted as Go's parse.NumberNode does (GoStrconv has the
// conversions).

/// The value of a number constant as Go's `parse.NumberNode` holds it: every type that can
/// represent the value is set.
public struct TemplateNumber: Sendable, Equatable {
    /// The constant as written.
    public var text: String
    /// Whether the value is a whole number that fits `Int64` (then `int64` holds it).
    public var isInt = false
    /// Whether the value is a whole number that fits `UInt64` (then `uint64` holds it).
    public var isUint = false
    /// Whether the value is real (then `float64` holds it): all but complex values with an
    /// imaginary part.
    public var isFloat = false
    /// Whether the constant is complex (`1+2i`, `2i`; then `real` and `imaginary` hold it).
    public var isComplex = false
    /// The value as a signed integer, when `isInt`.
    public var int64: Int64 = 0
    /// The value as an unsigned integer, when `isUint`.
    public var uint64: UInt64 = 0
    /// The value as a float, when `isFloat`.
    public var float64: Double = 0
    /// Complex constants: the real part.
    public var real: Double = 0
    /// Complex constants: the imaginary part.
    public var imaginary: Double = 0

    /// The token kinds a number node is made from.
    enum Source { case number, complex, character }

    /// Go's `newNumber`: the node's value, or Go's error message.
    static func make(_ token: ArraySlice<UInt8>, source: Source) -> Result<TemplateNumber, TemplateValueError> {
        let bytes = Array(token)
        var number = TemplateNumber(text: String(decoding: bytes, as: UTF8.self))
        switch source {
        case .character:
            guard let (rune, _, next) = GoStrconv.unquoteChar(bytes, at: 1, quote: UInt8(ascii: "'")) else {
                return .failure(TemplateValueError(message: "invalid syntax"))
            }
            guard next == bytes.count - 1, bytes[next] == UInt8(ascii: "'") else {
                return .failure(TemplateValueError(message: "malformed character constant: " + number.text))
            }
            number.isInt = true
            number.isUint = true
            number.isFloat = true
            number.int64 = Int64(rune)
            number.uint64 = UInt64(rune)
            number.float64 = Double(rune)
            return .success(number)
        case .complex:
            switch GoStrconv.scanComplex(bytes) {
            case .failure(let error): return .failure(error)
            case .success(let (real, imaginary)): number.setComplex(real, imaginary)
            }
            return .success(number)
        case .number:
            break
        }
        // An imaginary constant is complex (and also whatever its value is when that is zero).
        if bytes.last == UInt8(ascii: "i"), case .value(let imaginary) = GoStrconv.parseFloat(bytes.dropLast()) {
            number.setComplex(0, imaginary)
            return .success(number)
        }
        let unsigned = GoStrconv.parseUint(bytes)
        if let unsigned {
            number.isUint = true
            number.uint64 = unsigned
        }
        if let signed = GoStrconv.parseInt(bytes) {
            number.isInt = true
            number.int64 = signed
            if signed == 0 {  // -0
                number.isUint = true
                number.uint64 = unsigned ?? 0
            }
        }
        if number.isInt {
            number.isFloat = true
            number.float64 = Double(number.int64)
        } else if number.isUint {
            number.isFloat = true
            number.float64 = Double(number.uint64)
        } else if case .value(let value) = GoStrconv.parseFloat(bytes[...]) {
            // A float without '.', exponent or 'p' is an integer too large for 64 bits.
            guard bytes.contains(where: { ".eEpP".utf8.contains($0) }) else {
                return .failure(TemplateValueError(message: "integer overflow: " + GoText.quote(bytes)))
            }
            number.isFloat = true
            number.float64 = value
            let asInt = GoStrconv.int64(value)
            if Double(asInt) == value {
                number.isInt = true
                number.int64 = asInt
            }
            let asUint = GoStrconv.uint64(value)
            if Double(asUint) == value {
                number.isUint = true
                number.uint64 = asUint
            }
        }
        guard number.isInt || number.isUint || number.isFloat else {
            return .failure(TemplateValueError(message: "illegal number syntax: " + GoText.quote(bytes)))
        }
        return .success(number)
    }

    /// Go's `simplifyComplex`: a complex value with no imaginary part is also a float, and an
    /// integer when it is whole.
    private mutating func setComplex(_ real: Double, _ imaginary: Double) {
        isComplex = true
        self.real = real
        self.imaginary = imaginary
        isFloat = imaginary == 0
        guard isFloat else { return }
        float64 = real
        let asInt = GoStrconv.int64(real)
        isInt = Double(asInt) == real
        if isInt { int64 = asInt }
        let asUint = GoStrconv.uint64(real)
        isUint = Double(asUint) == real
        if isUint { uint64 = asUint }
    }
}

/// A constant that does not convert: Go's message.
struct TemplateValueError: Error, Sendable {
    var message: String
}
