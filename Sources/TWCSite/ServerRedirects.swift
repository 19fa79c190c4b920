import TWCCore

/// The redirect rules a site gives its web server in a Netlify `_redirects` file at the site
/// root (a static file; hugo-behaviour §2.8): a link to a path where the build publishes
/// nothing still leads somewhere when a rule sends it on.
///
/// Rules are read as Netlify reads them: `FROM TO [STATUS][!] [CONDITIONS]`, one per line, `#`
/// comments; the first rule that matches wins; `FROM` matches the path with or without its
/// trailing slash, a `:name` segment matches one segment and a final `*` the rest (`:splat` in
/// `TO`). A rule with a 4xx status serves an error page: the link stays broken. A rule with
/// conditions (`Language=`, `Country=`, `Role=`, query parameters) or a host in `FROM` may or may
/// not apply: unknown.
struct ServerRedirects: Sendable, Equatable {
    struct Rule: Sendable, Equatable {
        /// `FROM` as written.
        var pattern: String
        var from: [Substring]
        var to: String
        /// A final `*`: the rest of the path.
        var splat: Bool
        var status: Int
        /// Conditions or a host: whether the rule applies is not known.
        var conditional: Bool
        /// `301!`: the rule applies even where the build publishes something (Netlify's
        /// shadowing is turned off).
        var force = false
    }

    enum Outcome: Equatable {
        /// The server sends the request on to `to` (a path of the site or an external URL).
        case redirect(to: String)
        /// The server answers with an error (a rule with a 4xx status).
        case error
        /// A rule may apply or not.
        case unknown
    }

    var rules: [Rule] = []
    /// Whether the rules are in the order the server reads them. A `_redirects` file a template
    /// writes from the site's page collections is not: twc-lint does not sort pages as Hugo does
    /// (`SiteCollections`), so when several rules match a path and disagree, the outcome is unknown.
    var ordered = true

    init(_ bytes: [UInt8]) { self.init(String(decoding: bytes, as: UTF8.self)) }

    init(_ text: String, ordered: Bool = true) {
        self.ordered = ordered
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let tokens = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard tokens.count >= 2, !tokens[0].hasPrefix("#") else { continue }
            var from = tokens[0]
            var conditional = !from.hasPrefix("/")
            var status = 301
            var force = false
            for token in tokens.dropFirst(2) {
                if token.hasPrefix("#") { break }
                let digits = token.hasSuffix("!") ? token.dropLast() : token
                if let code = Int(digits), (200...599).contains(code) {
                    status = code
                    force = token.hasSuffix("!")
                } else {
                    conditional = true
                }
            }
            var splat = false
            if from.hasSuffix("*") {
                splat = true
                from = from.dropLast()
            }
            rules.append(
                Rule(
                    pattern: String(tokens[0]), from: from.split(separator: "/"), to: String(tokens[1]), splat: splat,
                    status: status,
                    conditional: conditional, force: force))
        }
        hasForcedRules = rules.contains(where: \.force)
    }

    /// Whether a rule applies where the build publishes something (`301!`).
    private(set) var hasForcedRules = false

    /// What the server does for a request of `path` (an absolute URL path, decoded) where the
    /// build publishes nothing; nil when no rule matches.
    func outcome(for path: String) -> Outcome? { outcome(for: path, forcedOnly: false) }

    /// What the server does for a request of `path` where the build publishes something: only
    /// forced rules apply there.
    func forcedOutcome(for path: String) -> Outcome? {
        hasForcedRules ? outcome(for: path, forcedOnly: true) : nil
    }

    private func outcome(for path: String, forcedOnly: Bool) -> Outcome? {
        let segments = path.split(separator: "/")
        var found: Outcome?
        for rule in rules where !forcedOnly || rule.force {
            guard let bindings = Self.match(rule, segments) else { continue }
            let outcome: Outcome
            if rule.conditional {
                outcome = .unknown
            } else if (400...599).contains(rule.status) {
                outcome = .error
            } else {
                var to = rule.to
                for (name, value) in bindings { to = to.replacingBytes(":" + name, with: value) }
                outcome = .redirect(to: to)
            }
            if ordered { return outcome }
            if let found, found != outcome { return .unknown }
            found = outcome
        }
        return found
    }

    /// The placeholder values when `rule` matches the path's segments (`splat` for the rest).
    static func match(_ rule: Rule, _ segments: [Substring]) -> [(String, String)]? {
        if rule.splat ? segments.count < rule.from.count : segments.count != rule.from.count { return nil }
        var bindings: [(String, String)] = []
        for (pattern, segment) in zip(rule.from, segments) {
            if pattern.hasPrefix(":") {
                bindings.append((String(pattern.dropFirst()), String(segment)))
            } else if pattern != segment {
                return nil
            }
        }
        if rule.splat { bindings.append(("splat", segments.dropFirst(rule.from.count).joined(separator: "/"))) }
        // The longest name first, so that `:splat` is not taken for `:s`.
        return bindings.sorted { $0.0.count > $1.0.count }
    }
}
