// libFuzzer target: the Go text/template parser (as Hugo parses layouts), Hugo's `.Inner` analysis,
// and the evaluator (bounded work, no crash) with a host whose objects answer every field.
import TWCCore
import TWCTemplate

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplate(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzInput(data, size)
    do {
        let file = try TemplateParser.parse(bytes, name: "fuzz.html")
        file.root.walk { node in
            checkRange(node.range, within: bytes.count, "node")
            return true
        }
        _ = HugoTemplates.usesInner(file)
        var evaluator = TemplateEvaluator(host: FuzzHost(file: file), budget: 5_000)
        let result = evaluator.execute(file, dot: .object(TemplateObject(kind: "hook")))
        _ = result.output.attribute("href")
    } catch {
        if error.offset < 0 || error.offset > bytes.count {
            fatalError("error offset \(error.offset) outside the input")
        }
    }
    return 0
}

/// Objects with a field for every name (strings, a nested object, a destination) and the file's
/// own templates as partials, so that the fuzzer reaches every construct of the evaluator.
struct FuzzHost: TemplateHost {
    let file: TemplateFile

    func member(_ object: TemplateObject, _ name: String, _ arguments: [TemplateValue]) -> TemplateValue {
        switch name.count % 4 {
        case 0: return .string(name)
        case 1: return .object(TemplateObject(kind: "x", id: object.id + 1))
        case 2: return .slice([.string("a"), .int(object.id)])
        default: return arguments.first ?? .null
        }
    }

    func function(_ name: String, _ arguments: [TemplateValue]) -> TemplateValue? {
        name.hasPrefix("u") ? nil : .string(name)
    }

    func partial(_ name: String) -> TemplateFile? { file }

    func print(_ object: TemplateObject) -> TemplateOutputSegment { .value(object.kind) }
}
