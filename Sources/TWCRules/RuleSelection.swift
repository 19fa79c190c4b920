import Foundation
import TWCCore
import TWCSite

/// Which rules run on a site and how their findings are reported, from `.twc-lint.toml` (`select`,
/// `ignore`, `[severity]`, `[ignorePaths]`) and the command line (`--select`, `--ignore`).
/// `--select` replaces the file's `select`; `--ignore` adds to its `ignore`.
public struct RuleSelection: Sendable {
    /// The rules that run, in the registry's order.
    public let rules: [any Rule]
    /// Severities set in `[severity]`, by rule id (`off` rules do not run at all).
    let severities: [String: Severity]
    /// `[ignorePaths]`: globs (relative to the configuration's folder) and the rule ids whose
    /// findings are not reported in the files they match (nil: every rule).
    let ignoredPaths: [(glob: HugoGlob, basenameOnly: Bool, rules: Set<String>?)]
    /// The site root and the configuration's folder, absolute (the folder nil: the site root).
    let siteRoot: String
    let configDirectory: String?

    /// Every rule, as reported by default.
    public init() {
        rules = RuleRegistry.all
        severities = [:]
        ignoredPaths = []
        siteRoot = ""
        configDirectory = nil
    }

    /// The selection `settings` and the flags make, for the site at `siteRoot`. A rule id or
    /// severity the file names that does not exist is an error located in the file.
    public init(settings: LintSettings, select: Set<String>? = nil, ignore: Set<String> = [], siteRoot: String)
        throws(SiteConfigError)
    {
        let file = settings.configFile ?? LintConfigFile.fileName
        func checked(_ name: LocatedName, allowingAll: Bool = false) throws(SiteConfigError) -> String {
            if allowingAll && name.name == "*" { return name.name }
            guard RuleRegistry.rule(name.name) != nil else {
                var message = "unknown rule '\(name.name)'"
                let distance = { (id: String) in EditDistance.levenshtein(id, name.name, limit: 4) }
                if let near = RuleRegistry.all.map(\.id).min(by: { distance($0) < distance($1) }), distance(near) <= 3 {
                    message += "; did you mean '\(near)'?"
                } else {
                    message += " (see 'twc-lint rules')"
                }
                throw SiteConfigError(file: file, line: name.line, column: name.column, message: message)
            }
            return name.name
        }
        var chosen: Set<String>? = select
        if chosen == nil, let names = settings.select {
            var ids = Set<String>()
            for name in names { ids.insert(try checked(name)) }
            chosen = ids
        }
        var ignored = ignore
        for name in settings.ignore { ignored.insert(try checked(name)) }
        var severities: [String: Severity] = [:]
        for (rule, level) in settings.severities {
            let id = try checked(rule)
            switch level.name {
            case "off": ignored.insert(id)
            case "error": severities[id] = .error
            case "warning": severities[id] = .warning
            case "info": severities[id] = .info
            default:
                throw SiteConfigError(
                    file: file, line: level.line, column: level.column,
                    message: "unknown severity '\(level.name)' for \(id) (use error, warning, info or off)")
            }
        }
        var paths: [(HugoGlob, Bool, Set<String>?)] = []
        for (glob, names) in settings.ignorePaths {
            var ids = Set<String>()
            for name in names { ids.insert(try checked(name, allowingAll: true)) }
            let pattern = glob.name.hasPrefix("./") ? String(glob.name.dropFirst(2)) : glob.name
            paths.append((HugoGlob(pattern), !pattern.contains("/"), ids.contains("*") ? nil : ids))
        }
        rules = RuleRegistry.all.filter { (chosen?.contains($0.id) ?? true) && !ignored.contains($0.id) }
        self.severities = severities
        ignoredPaths = paths
        self.siteRoot = siteRoot
        configDirectory = settings.configDirectory
    }

    /// The findings as reported: at their `[severity]`, without those `[ignorePaths]` leaves out
    /// and those of rules that did not run (a rule may report for another).
    public func apply(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        let running = Set(rules.map(\.id))
        guard !severities.isEmpty || !ignoredPaths.isEmpty || running.count != RuleRegistry.all.count else {
            return diagnostics
        }
        var pathCache: [String: String] = [:]
        return diagnostics.compactMap { diagnostic in
            guard running.contains(diagnostic.ruleID) else { return nil }
            if !ignoredPaths.isEmpty {
                let file = diagnostic.span.file
                let path: String
                if let cached = pathCache[file] {
                    path = cached
                } else {
                    path = relativeToConfiguration(file)
                    pathCache[file] = path
                }
                let name = path.split(separator: "/").last.map(String.init) ?? path
                for ignored in ignoredPaths where ignored.rules?.contains(diagnostic.ruleID) ?? true {
                    if ignored.glob.matches(ignored.basenameOnly ? name : path) { return nil }
                }
            }
            var diagnostic = diagnostic
            if let severity = severities[diagnostic.ruleID] { diagnostic.severity = severity }
            return diagnostic
        }
    }

    /// A site-relative file as seen from the configuration's folder.
    func relativeToConfiguration(_ file: String) -> String {
        guard let configDirectory, configDirectory != siteRoot, !siteRoot.isEmpty else { return file }
        let absolute = siteRoot + "/" + file
        let folder = SiteConfigLoader.relativePath(
            from: configDirectory, to: (absolute as NSString).deletingLastPathComponent)
        let name = (file as NSString).lastPathComponent
        return folder == "." ? name : folder + "/" + name
    }
}
