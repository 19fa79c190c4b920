// Shared by the Markdown fuzz targets.
import TWCCore
import TWCMarkdown

/// Every node lies inside the input and inside its parent, and siblings come in source order.
func checkTree(_ tree: MarkdownNode, within count: Int) {
    var stack: [(MarkdownNode, SourceRange?)] = [(tree, nil)]
    while let (node, parent) = stack.popLast() {
        checkRange(node.range, within: count, "node \(node.kind)")
        if let parent, !parent.contains(node.range) {
            fatalError("node \(node.kind) \(node.range) outside its parent \(parent)")
        }
        if let destination = node.destinationRange { checkRange(destination, within: count, "destination") }
        var last = -1
        for child in node.children {
            if child.range.start < last {
                fatalError("child \(child.kind) \(child.range) out of order in \(node.kind)")
            }
            last = child.range.end
            stack.append((child, node.range))
        }
    }
}
