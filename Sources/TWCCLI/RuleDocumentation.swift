import TWCRules

/// A rule's documentation page (what, why, fix, examples with their findings and the text after
/// the fix), generated from the rule type.
public enum RuleDocumentation {
    /// How a rule's fix availability reads in listings and on its page.
    public static func fixLabel(_ availability: FixAvailability) -> String {
        switch availability {
        case .none: return "none"
        case .safe: return "safe (applied by --fix)"
        case .unsafe: return "unsafe (shown, never applied by --fix)"
        case .sometimes: return "safe or unsafe, depending on the finding (--fix applies the safe ones)"
        }
    }

    public static func markdown(for rule: any Rule) -> String {
        var text = "# \(rule.id)\n\n"
        text += "Severity: **\(rule.severity.rawValue)**. Fix: \(fixLabel(rule.fixAvailability)).\n\n"
        text += "## What it finds\n\n\(rule.summary)\n\n## Why\n\n\(rule.rationale)\n\n"
        if let behavior = rule.fixBehavior { text += "## Fix\n\n\(behavior)\n\n" }
        text += "## Examples\n"
        for example in rule.examples {
            text += "\n### \(example.triggers ? "Reported" : "Not reported"): \(example.title)\n"
            for (number, commit) in example.commits.enumerated() {
                text += "\nCommit \(number + 1):\n"
                for file in commit {
                    text +=
                        "\n`\(file.path)`:\n\n```\(fence(file.path))\n\(shown(file))\(shown(file).hasSuffix("\n") ? "" : "\n")```\n"
                }
            }
            if !example.commits.isEmpty { text += "\nThen, committed:\n" }
            for file in example.files {
                text +=
                    "\n`\(file.path)`:\n\n```\(fence(file.path))\n\(shown(file))\(shown(file).hasSuffix("\n") ? "" : "\n")```\n"
            }
            if !example.findings.isEmpty {
                text += "\nFindings:\n\n"
                for finding in example.findings { text += "- `\(finding.location)`: \(finding.message)\n" }
            }
            for file in example.fixed {
                text +=
                    "\n`\(file.path)` after the fix:\n\n```\(fence(file.path))\n\(file.text)\(file.text.hasSuffix("\n") ? "" : "\n")```\n"
            }
        }
        return text
    }

    static func fence(_ path: String) -> String {
        if path.hasSuffix(".toml") { return "toml" }
        if path.hasSuffix(".html") { return "go-html-template" }
        return "markdown"
    }

    /// A file's text, with bytes that are not UTF-8 shown as `\xNN`.
    static func shown(_ file: RuleExample.File) -> String {
        var output = ""
        var index = 0
        let bytes = file.bytes
        while index < bytes.count {
            var end = index + 1
            while end <= min(bytes.count, index + 4), String(validating: bytes[index..<end], as: UTF8.self) == nil {
                end += 1
            }
            if end <= min(bytes.count, index + 4), let scalar = String(validating: bytes[index..<end], as: UTF8.self) {
                output += scalar
                index = end
            } else {
                output += "\\x" + String(bytes[index], radix: 16, uppercase: true)
                index += 1
            }
        }
        return output
    }
}
