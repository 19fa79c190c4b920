// Shared by the front matter fuzz targets.
import TWCCore
import TWCFrontmatter

/// Every value and key of a parsed document lies inside the input (without recursion, and
/// visiting shared alias values as often as they occur: the alias budget keeps that bounded).
func checkValue(_ value: FrontmatterValue, within count: Int) {
    var stack = [value]
    var visited = 0
    while let v = stack.popLast() {
        visited += 1
        if visited > 2_000_000 { fatalError("a parsed value of more than 2,000,000 nodes") }
        checkRange(v.range, within: count, "value")
        switch v.kind {
        case .array(let items): stack.append(contentsOf: items)
        case .table(let entries):
            for entry in entries {
                checkRange(entry.keyRange, within: count, "key")
                stack.append(entry.value)
            }
        default: break
        }
    }
}
