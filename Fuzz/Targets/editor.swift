// libFuzzer target: the front matter editor (what `twc-lint fix` writes) on any page: the first
// byte picks a new value, the rest is the page. Each edit the editor returns must read back as
// the value it set.
import TWCCore
import TWCFrontmatter

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEditor(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = fuzzInput(data, size)
    guard let selector = input.first else { return 0 }
    let bytes = Array(input.dropFirst())
    guard let editor = try? FrontmatterEditor(bytes: bytes) else { return 0 }
    let values: [FrontmatterScalar] = [
        .string("new"), .string("a: b # c\n'\"\\ [x]"), .string(""), .integer(-7), .float(0.5), .bool(true),
        .date("2025-03-23"), .string(" lead"),
    ]
    let newValue = values[Int(selector) % values.count]
    // The first scalar in document order, and a key that is not there.
    var path: FrontmatterPath = []
    var value = editor.root
    while true {
        switch value.kind {
        case .table(let entries) where !entries.isEmpty:
            path.append(.key(entries[0].key))
            value = entries[0].value
            continue
        case .array(let items) where !items.isEmpty:
            path.append(.index(0))
            value = items[0]
            continue
        default: break
        }
        break
    }
    var edits: [(FrontmatterPath, FrontmatterEdit)] = []
    if !path.isEmpty, let edit = try? editor.editReplacingValue(at: path, with: newValue) { edits.append((path, edit)) }
    let added: FrontmatterPath = [.key("fuzz-added-key")]
    if let edit = try? editor.editAddingKey(at: added, value: newValue) { edits.append((added, edit)) }
    for (path, edit) in edits {
        let edited = edit.applied(to: bytes)
        guard let again = try? FrontmatterEditor(bytes: edited) else {
            fatalError("the edit at \(path.pathDescription) made the front matter unreadable")
        }
        guard let read = again.value(at: path), FrontmatterScalar(read) != nil else {
            fatalError("the edit at \(path.pathDescription) did not write a scalar there")
        }
    }
    return 0
}
