import TWCCore

/// How two external URLs of a page and its translation relate, decided from the URLs alone
/// (never from a list of sites): the same address written differently (`http`/`https`, `www.`, a
/// trailing slash), the other language's version of one address (the difference is language
/// tokens: `uwv.nl/en` and `uwv.nl/nl`, `convention_eng` and `Convention_NLD`, `?lang=nl`, a
/// `mailto:` with another subject), or different.
enum LocalizedURL {
    enum Relation: Equatable {
        case same
        /// The addresses differ only in language tokens (each list: the tokens that differ).
        case localized
        case different
    }

    /// `languages`: the site's language keys (`en`, `pt-br`), which are language tokens too.
    static func relation(_ a: String, _ b: String, languages: [String]) -> Relation {
        let (first, second) = (a.trimmingSpaces, b.trimmingSpaces)
        if first == second { return .same }
        if let one = mailAddress(first), let other = mailAddress(second) {
            guard one.address == other.address else { return .different }
            return one.query == other.query ? .same : .localized
        }
        guard let one = parts(first), let other = parts(second), one.host == other.host else { return .different }
        if one.rest == other.rest { return .same }
        let tokens = languageTokens(languages)
        let (left, leftRemoved) = withoutLanguageTokens(one.rest, tokens)
        let (right, rightRemoved) = withoutLanguageTokens(other.rest, tokens)
        return left == right && (leftRemoved || rightRemoved) ? .localized : .different
    }

    /// Two names (file names, paths, URLs) that are the same but for language tokens, at least
    /// one of them having one: `feature-en.png` and `feature-nl.png`.
    /// With `ignoringHashes`, tokens that look like a content hash a CMS adds to an upload
    /// (`rcmp_prototype_fr_e12e5f1872.jpg`: hexadecimal, 8 characters or more, with a digit) are
    /// left out too.
    static func sameButForLanguage(_ a: String, _ b: String, languages: [String], ignoringHashes: Bool = false)
        -> Bool
    {
        sameButForLanguage(a, b, tokens: languageTokens(languages), ignoringHashes: ignoringHashes)
    }

    /// `sameButForLanguage` with the language tokens of `languageTokens(_:)`, computed once.
    static func sameButForLanguage(_ a: String, _ b: String, tokens: Set<String>, ignoringHashes: Bool = false)
        -> Bool
    {
        let (left, leftRemoved) = withoutLanguageTokens(a, tokens, ignoringHashes: ignoringHashes)
        let (right, rightRemoved) = withoutLanguageTokens(b, tokens, ignoringHashes: ignoringHashes)
        return left == right && (leftRemoved || rightRemoved)
    }

    /// Two references to one file or address, decided from the strings alone: equal once
    /// normalised (`http`/`https`, `www.`, a leading `./` or `/`, a trailing `/`), with any query
    /// or fragment left out, or the same but for language tokens (`images/feature-en.png` and
    /// `images/feature-nl.png`, `/en/img.png` and `/nl/img.png`) and the hash a CMS adds to an
    /// upload.
    static func sameResource(_ a: String, _ b: String, languages: [String]) -> Bool {
        sameResource(a, b, tokens: languageTokens(languages))
    }

    /// `sameResource` with the language tokens of `languageTokens(_:)`, computed once.
    static func sameResource(_ a: String, _ b: String, tokens: Set<String>) -> Bool {
        a == b || resourceKey(a, tokens: tokens) == resourceKey(b, tokens: tokens)
    }

    /// What `sameResource` compares: the address normalised, without query, fragment, language
    /// tokens and CMS hashes, in lower case.
    static func resourceKey(_ reference: String, tokens: Set<String>) -> String {
        var text = reference.trimmingSpaces
        if let end = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = String(text[..<end]) }
        text = normalized(text)
        while text.hasPrefix("./") { text.removeFirst(2) }
        while text.hasPrefix("/") && !text.hasPrefix("//") { text.removeFirst() }
        if text.count > 1, text.hasSuffix("/") { text.removeLast() }
        return withoutLanguageTokens(text, tokens, ignoringHashes: true).0
    }

    /// Whether a name (a file name, a path, a URL) has a language token: `feature-nl.png`,
    /// `/en/img.png`, `Convention_NLD.pdf`. A word that ends or starts with a language's name
    /// counts (`workflowenglish.png`).
    static func hasLanguageToken(_ name: String, languages: [String]) -> Bool {
        hasLanguageToken(name, tokens: languageTokens(languages))
    }

    /// `hasLanguageToken` with the language tokens of `languageTokens(_:)`, computed once.
    static func hasLanguageToken(_ name: String, tokens: Set<String>) -> Bool {
        if withoutLanguageTokens(name, tokens).1 { return true }
        let words = name.lowercased().split(whereSeparator: { "/_-.?&=#+".contains($0) })
        return words.contains { word in
            languageNames.contains { word.count > $0.count && (word.hasPrefix($0) || word.hasSuffix($0)) }
        }
    }

    /// Language names long enough to be recognised inside a word.
    static let languageNames = [
        "english", "french", "francais", "dutch", "nederlands", "german", "deutsch", "spanish", "espanol",
        "italian", "italiano", "portuguese", "portugues",
    ]

    static func isHash(_ token: String) -> Bool {
        token.count >= 8 && token.allSatisfy(\.isHexDigit) && token.contains(where: \.isNumber)
    }

    /// Normalised for comparison: scheme (`http` as `https`), host in lower case without `www.`,
    /// and the rest without a trailing `/`: `HTTP://www.X.org/a/` = `https://x.org/a`. Other
    /// schemes get their scheme and host in lower case and lose a bare trailing `/`.
    static func normalized(_ url: String) -> String {
        if let parts = parts(url.trimmingSpaces) { return "https://" + parts.host + parts.rest }
        guard let schemeEnd = url.range(of: "://") else { return url }
        let afterScheme = url[schemeEnd.upperBound...]
        let hostEnd = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? afterScheme.endIndex
        var rest = String(afterScheme[hostEnd...])
        if rest == "/" { rest = "" }
        return url[..<schemeEnd.upperBound].lowercased() + afterScheme[..<hostEnd].lowercased() + rest
    }

    static func parts(_ url: String) -> (host: String, rest: String)? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        let afterScheme = url[schemeEnd.upperBound...]
        let hostEnd = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? afterScheme.endIndex
        var host = afterScheme[..<hostEnd].lowercased()
        if host.hasPrefix("www.") { host.removeFirst(4) }
        if host.hasSuffix(":443") || host.hasSuffix(":80") { host = String(host.prefix { $0 != ":" }) }
        var rest = String(afterScheme[hostEnd...])
        // A trailing slash of the path (before any query or fragment) changes nothing.
        let pathEnd = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) ?? rest.endIndex
        if pathEnd > rest.startIndex, rest[rest.index(before: pathEnd)] == "/" {
            rest.remove(at: rest.index(before: pathEnd))
        }
        return (host, rest)
    }

    static func mailAddress(_ url: String) -> (address: String, query: String)? {
        guard url.lowercased().hasPrefix("mailto:") else { return nil }
        let body = url.dropFirst("mailto:".count)
        let query = body.firstIndex(of: "?").map { String(body[$0...]) } ?? ""
        let address = body.prefix { $0 != "?" }.lowercased()
        return (address, query)
    }

    /// The rest of a URL in lower case with its language tokens (and the separator before each)
    /// left out; whether any was.
    static func withoutLanguageTokens(_ rest: String, _ tokens: Set<String>, ignoringHashes: Bool = false)
        -> (String, Bool)
    {
        var output = ""
        var token = ""
        var separator = ""
        var removed = false
        func flush() {
            if !token.isEmpty, tokens.contains(token) {
                removed = true
            } else if ignoringHashes, isHash(token) {
                // Left out, but not a language.
            } else {
                output += separator + token
            }
            token = ""
            separator = ""
        }
        for character in rest.lowercased() {
            if "/_-.?&=#+".contains(character) {
                flush()
                separator = String(character)
            } else {
                token.append(character)
            }
        }
        flush()
        return (output, removed)
    }

    /// The site's language keys and their parts (`pt-br`: `pt-br`, `pt`, `br`), and well-known
    /// language codes and names: ISO 639-1 and 639-2 codes, locale spellings, the languages' own
    /// and English names.
    static func languageTokens(_ languages: [String]) -> Set<String> {
        var tokens = wellKnown
        for key in languages {
            let lowered = key.lowercased()
            tokens.insert(lowered)
            for part in lowered.split(whereSeparator: { $0 == "-" || $0 == "_" }) { tokens.insert(String(part)) }
        }
        return tokens
    }

    static let wellKnown = Set([
        // ISO 639-1
        "ar", "bg", "bn", "ca", "cs", "da", "de", "el", "en", "es", "et", "fa", "fi", "fr", "he", "hi", "hr", "hu",
        "id", "it", "ja", "ko", "lt", "lv", "ms", "nb", "nl", "nn", "no", "pl", "pt", "ro", "ru", "sk", "sl", "sr",
        "sv", "sw", "th", "tr", "uk", "ur", "vi", "zh",
        // ISO 639-2 (bibliographic and terminological)
        "ara", "bul", "cat", "ces", "cze", "dan", "deu", "ger", "ell", "gre", "eng", "spa", "est", "fas", "per",
        "fin", "fra", "fre", "heb", "hin", "hrv", "hun", "ind", "ita", "jpn", "kor", "lit", "lav", "msa", "may",
        "nld", "dut", "nor", "pol", "por", "ron", "rum", "rus", "slk", "slo", "slv", "srp", "swe", "tha", "tur",
        "ukr", "urd", "vie", "zho", "chi",
        // Names, in English and their own
        "english", "dutch", "nederlands", "german", "deutsch", "french", "francais", "français", "spanish",
        "espanol", "español", "italian", "italiano", "portuguese", "portugues", "português", "russian", "polish",
        "polski", "turkish", "turkce", "türkçe", "arabic", "chinese", "japanese", "korean", "swedish", "svenska",
        "danish", "dansk", "norwegian", "norsk", "finnish", "suomi", "greek", "czech", "hungarian", "romanian",
        "ukrainian", "hebrew", "hindi",
        // Regions of common locales (`en-us`, `pt-br`, `zh-cn`)
        "us", "gb", "uk", "au", "ca", "br", "cn", "tw", "hk", "be", "ch", "at", "mx", "ar",
    ])
}
