import TWCRules

/// A rule's documentation page (what, why, fix, examples), generated from the rule type.
public enum RuleDocumentation {
    public static func markdown(for rule: any Rule) -> String {
        var text = "# \(rule.id)\n\n"
        let fix = rule.fixBehavior ?? "none"
        text += "Severity: **\(rule.severity.rawValue)**. Fix: \(fix)\(fix.hasSuffix(".") ? "" : ".")\n\n"
        text += "## What it finds\n\n\(rule.summary)\n\n## Why\n\n\(rule.rationale)\n\n## Examples\n"
        for example in rule.examples {
            text += "\n### \(example.triggers ? "Reported" : "Not reported"): \(example.title)\n"
            for file in example.files {
                text += "\n`\(file.path)`:\n\n```markdown\n\(file.text)\(file.text.hasSuffix("\n") ? "" : "\n")```\n"
            }
        }
        return text
    }
}
