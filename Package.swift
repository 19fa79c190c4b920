// swift-tools-version:6.0
import PackageDescription

// twc-lint: translation-consistency linter for multilingual Hugo sites.
// One pipeline, one direction:
//   TWCCore (sources, positions, diagnostics)
//   -> TWCFrontmatter + TWCMarkdown + TWCTemplate (parsing)
//   -> TWCSite (site model: config, languages, translation groups, URLs, anchors)
//   -> TWCRules (rule engine, rules)
//   -> TWCReport (text/JSON reporters, fixer)
//   -> TWCCLI (command line) -> twc-lint (executable)
let package = Package(
    name: "twc-lint",
    products: [
        .executable(name: "twc-lint", targets: ["twc-lint"]),
        .library(
            name: "TWCLint",
            targets: [
                "TWCCore", "TWCFrontmatter", "TWCMarkdown", "TWCTemplate", "TWCSite", "TWCRules", "TWCReport", "TWCCLI",
            ]),
    ],
    targets: [
        .target(name: "TWCCore"),
        .target(name: "TWCFrontmatter", dependencies: ["TWCCore"]),
        .target(name: "TWCMarkdown", dependencies: ["TWCCore"]),
        // Go text/template parsing as Hugo does it, and Hugo's analyses of templates.
        .target(name: "TWCTemplate", dependencies: ["TWCCore"]),
        .target(name: "TWCSite", dependencies: ["TWCCore", "TWCFrontmatter", "TWCMarkdown", "TWCTemplate"]),
        .target(name: "TWCRules", dependencies: ["TWCCore", "TWCFrontmatter", "TWCMarkdown", "TWCSite"]),
        .target(name: "TWCReport", dependencies: ["TWCCore"]),
        .target(
            name: "TWCCLI",
            dependencies: ["TWCCore", "TWCFrontmatter", "TWCMarkdown", "TWCSite", "TWCRules", "TWCReport"]),
        .executableTarget(name: "twc-lint", dependencies: ["TWCCLI"]),
        // Benchmarks: swift run -c release twc-bench [parse|scaling] [MB]
        .executableTarget(name: "twc-bench", dependencies: ["TWCCore", "TWCMarkdown", "TWCRules"]),
        // Shared by the test targets: in-memory test sites, checks for the external tools oracle tests need.
        .target(name: "TWCTestSupport", dependencies: ["TWCCore", "TWCSite"], path: "Tests/TWCTestSupport"),
        .testTarget(name: "TWCFrontmatterTests", dependencies: ["TWCFrontmatter", "TWCTestSupport"]),
        .testTarget(name: "TWCMarkdownTests", dependencies: ["TWCMarkdown", "TWCTestSupport"]),
        .testTarget(name: "TWCTemplateTests", dependencies: ["TWCTemplate", "TWCTestSupport"]),
        .testTarget(name: "TWCSiteTests", dependencies: ["TWCSite", "TWCTestSupport"]),
        .testTarget(name: "TWCRulesTests", dependencies: ["TWCRules", "TWCSite", "TWCTestSupport"]),
        .testTarget(name: "TWCCLITests", dependencies: ["TWCCLI", "TWCReport", "TWCTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
