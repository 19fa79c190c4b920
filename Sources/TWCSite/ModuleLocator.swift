import TWCCore

/// Where Hugo finds a theme or an imported module on disk (hugo-behaviour §8.1), in this order:
/// `module.replacements` of the configuration (relative to `themesDir`), a `replace` directive of
/// the project's `go.mod` with a local folder, a `use` folder of the `module.workspace` file whose
/// `go.mod` declares the module, then `themesDir/<name>` and `_vendor/<path>`. A module only in
/// Hugo's module cache is not found (it is listed as a theme not on disk).
struct ModuleLocator {
    let site: any SiteFileSystem
    let config: SiteConfig
    /// Module path → folder (site-relative), from go.mod `replace` and the workspace's `use`.
    let goReplacements: [String: String]
    let workspaceModules: [String: String]

    init(site: any SiteFileSystem, config: SiteConfig) {
        self.site = site
        self.config = config
        var replacements: [String: String] = [:]
        if let text = Self.text(site, "go.mod") {
            for (module, target) in Self.directives("replace", in: text) {
                let parts = module.split(separator: " ")
                let targetPath = target.split(separator: " ").first.map(String.init) ?? ""
                guard let name = parts.first, Self.isLocal(targetPath) else { continue }
                replacements[String(name)] = Self.clean(targetPath)
            }
        }
        goReplacements = replacements
        var modules: [String: String] = [:]
        if let workspace = config.moduleWorkspace, let text = Self.text(site, workspace) {
            let base = workspace.contains("/") ? String(workspace[..<workspace.lastIndex(of: "/")!]) : ""
            for (folder, _) in Self.directives("use", in: text) {
                let dir = Self.clean(SitePath.join(base, folder))
                guard let goMod = Self.text(site, SitePath.join(dir, "go.mod")),
                    let line = goMod.split(separator: "\n").first(where: { $0.hasPrefix("module ") })
                else { continue }
                modules[String(line.dropFirst("module ".count)).trimmingSpaces] = dir
            }
        }
        workspaceModules = modules
    }

    /// The folder of a theme or module, site-relative (it may start with `..`); nil when not on disk.
    func root(of theme: String) -> String? {
        var candidates: [String] = []
        if let replaced = config.moduleReplacements[theme] {
            candidates.append(
                replaced.hasPrefix("/") ? replaced : Self.clean(SitePath.join(config.themesDir, replaced)))
        }
        if let replaced = goReplacements[theme] { candidates.append(replaced) }
        if let used = workspaceModules[theme] { candidates.append(used) }
        candidates += [SitePath.join(config.themesDir, theme), SitePath.join("_vendor", theme)]
        return candidates.first { site.isDirectory($0) }
    }

    static func text(_ site: any SiteFileSystem, _ path: String) -> String? {
        guard let bytes = try? site.read(path) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The lines of a go.mod/go.work directive, single (`use ../`) or in a block (`use ( ... )`):
    /// for `replace`, the module side and the target side of `=>`; for `use`, the folder.
    static func directives(_ keyword: String, in text: String) -> [(String, String)] {
        var result: [(String, String)] = []
        var inBlock = false
        for rawLine in text.split(separator: "\n") {
            var line = String(rawLine).trimmingSpaces
            if let comment = line.range(of: "//") { line = String(line[..<comment.lowerBound]).trimmingSpaces }
            if inBlock {
                if line == ")" {
                    inBlock = false
                    continue
                }
            } else if line == keyword + " (" || line == keyword + "(" {
                inBlock = true
                continue
            } else if line.hasPrefix(keyword + " ") || line.hasPrefix(keyword + "\t") {
                line = String(line.dropFirst(keyword.count)).trimmingSpaces
            } else {
                continue
            }
            guard !line.isEmpty else { continue }
            if keyword == "replace" {
                let sides = line.components(separatedBy: "=>")
                if sides.count == 2 { result.append((sides[0].trimmingSpaces, sides[1].trimmingSpaces)) }
            } else {
                result.append((line.trimmingCharacters(in: "\""), ""))
            }
        }
        return result
    }

    static func isLocal(_ path: String) -> Bool {
        path.hasPrefix("./") || path.hasPrefix("../") || path.hasPrefix("/") || path == "." || path == ".."
    }

    /// A relative folder without `.` segments and trailing slashes (`../` → `..`, `./x/` → `x`).
    static func clean(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") where part != "." {
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var scalars = Substring(self)
        while let first = scalars.first, set.contains(first) { scalars = scalars.dropFirst() }
        while let last = scalars.last, set.contains(last) { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
