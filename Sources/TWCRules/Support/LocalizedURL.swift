import Foundation
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
            guard one.address == other.address else {
                // Another mailbox of the same domain, each with its own subject: a mailbox per
                // language (`summer2026@…?subject=Self-organization`, `zomer2026@…?subject=Zelforganisatie`).
                let sameDomain = one.address.split(separator: "@").last == other.address.split(separator: "@").last
                return sameDomain && !one.query.isEmpty && !other.query.isEmpty && one.query != other.query
                    ? .localized : .different
            }
            return one.query == other.query ? .same : .localized
        }
        guard let one = parts(first), let other = parts(second) else { return .different }
        if one.host == other.host, one.rest == other.rest { return .same }
        let tokens = languageTokens(languages)
        // A language in the host (`ja.wikipedia.org`), the path or the file name; a content
        // hash (`…_fra_7255f4e7.pdf`) and the fragment (a page number) may differ with it.
        let (host, hostRemoved) = withoutLanguageTokens(one.host, tokens)
        let (otherHost, otherHostRemoved) = withoutLanguageTokens(other.host, tokens)
        guard host == otherHost else { return .different }
        let (left, leftRemoved) = withoutLanguageTokens(withoutFragment(one.rest), tokens, ignoringHashes: true)
        let (right, rightRemoved) = withoutLanguageTokens(withoutFragment(other.rest), tokens, ignoringHashes: true)
        return left == right && (leftRemoved || rightRemoved || hostRemoved || otherHostRemoved)
            ? .localized : .different
    }

    static func withoutFragment(_ rest: String) -> String {
        rest.firstIndex(of: "#").map { String(rest[..<$0]) } ?? rest
    }

    /// The tokens that name one language in a URL: its key and the key's parts (`pt-br`, `pt`,
    /// `br`), its ISO 639-2 codes and its names.
    static func tokens(of language: String) -> Set<String> {
        let key = language.lowercased()
        var tokens: Set<String> = [key]
        for part in key.split(whereSeparator: { $0 == "-" || $0 == "_" }) { tokens.insert(String(part)) }
        let base = String(key.prefix { $0 != "-" && $0 != "_" })
        tokens.formUnion(synonyms[base] ?? [])
        return tokens
    }

    static let synonyms: [String: Set<String>] = [
        "en": ["eng", "english"], "fr": ["fra", "fre", "french", "francais", "français", "francaise", "française"],
        "de": ["deu", "ger", "german", "deutsch", "deutsche"], "nl": ["nld", "dut", "dutch", "nederlands"],
        "es": ["spa", "spanish", "espanol", "español", "espanola", "española"],
        "it": ["ita", "italian", "italiano", "italiana"],
        "pt": ["por", "portuguese", "portugues", "português", "portuguesa"], "ja": ["jpn", "japanese"],
        "zh": ["zho", "chi", "chinese"], "ko": ["kor", "korean"], "ru": ["rus", "russian"],
        "pl": ["pol", "polish", "polski"], "sv": ["swe", "swedish", "svenska"], "da": ["dan", "danish", "dansk"],
        "fi": ["fin", "finnish", "suomi"], "tr": ["tur", "turkish", "turkce", "türkçe"],
        "uk": ["ukr", "ukrainian"], "ar": ["ara", "arabic"], "he": ["heb", "hebrew"], "el": ["ell", "gre", "greek"],
        "cs": ["ces", "cze", "czech"], "hu": ["hun", "hungarian"], "ro": ["ron", "rum", "romanian"],
        "nb": ["nor", "norwegian", "norsk"], "no": ["nor", "norwegian", "norsk"], "fa": ["fas", "per", "persian"],
        "hi": ["hin", "hindi"], "vi": ["vie", "vietnamese"], "id": ["ind", "indonesian"], "bn": ["ben", "bengali"],
    ]

    /// Two addresses on other sites that are each in their page's language: the other
    /// language's article on the same story, a guide in the reader's language. Decided from the
    /// URLs: the words of their paths (`/achter-het-fascisme-staat-het-tech-kapitaal`, Dutch, for
    /// `/hinter-dem-faschismus-steht-das-tech-kapital`) told by `LanguageIdentifier`, or a
    /// the translation's on a country domain of its language and the source's not (`.de` for a German page). On one site
    /// (its language subdomains aside), when the translation's address names the translation's
    /// language and the source's does not (`/en/submitting-a-tip-off` for
    /// `/een-tip-of-klacht-indienen`, `canada.ca/fr/secretariat-conseil-tresor` for
    /// `canada.ca/en/treasury-board-secretariat`, `fa.wikipedia.org/wiki/فاوآیکون` for
    /// `en.wikipedia.org/wiki/Favicon`).
    /// `translationLanguage` and `sourceLanguage` are the pages' language keys.
    static func localResources(
        translation: String, source: String, translationLanguage: String, sourceLanguage: String,
        languages: [String]
    ) -> Bool {
        guard let mine = parts(translation.trimmingSpaces), let theirs = parts(source.trimmingSpaces) else {
            return false
        }
        let myCode = LanguageIdentifier.code(forLanguage: translationLanguage)
        let theirCode = LanguageIdentifier.code(forLanguage: sourceLanguage)
        let tokens = languageTokens(languages)
        let ownTokens = Self.tokens(of: translationLanguage)
        let (myHost, _) = withoutLanguageTokens(mine.host, tokens)
        let (theirHost, _) = withoutLanguageTokens(theirs.host, tokens)
        if myHost == theirHost {
            // One site in several languages: the translation's address names its language (in
            // the host, `fa.wikipedia.org`, or the path, `canada.ca/fr/…`) and the source's does
            // not: that site's own version for this language, its slug translated.
            let mineHas = (words(mine.host) + words(mine.rest)).contains { ownTokens.contains($0) }
            let theirsHas = (words(theirs.host) + words(theirs.rest)).contains { ownTokens.contains($0) }
            guard !mineHas || theirsHas else { return true }
            guard mine.host == theirs.host else { return false }
        } else {
            func country(_ host: String, _ code: String?) -> Bool {
                guard let code, let domains = countryDomains[code] else { return false }
                return domains.contains(String(host.split(separator: ".").last ?? ""))
            }
            if country(mine.host, myCode) && !country(theirs.host, myCode) { return true }
            // A folder named for the language (`dotcom-monitor.com/blog/fr/…`), not in the source's.
            func languageFolder(_ rest: String) -> Bool {
                let path = rest.prefix { $0 != "?" && $0 != "#" }.lowercased()
                return path.split(separator: "/").contains { ownTokens.contains(String($0)) }
            }
            if languageFolder(mine.rest) && !languageFolder(theirs.rest) { return true }
            // The language's name in the address (`grammatica-italiana`), not in the source's.
            let names = ownTokens.filter { $0.count > 3 }
            let mineNames = (words(mine.host) + words(mine.rest)).contains { names.contains($0) }
            let theirsNames = (words(theirs.host) + words(theirs.rest)).contains { names.contains($0) }
            if mineNames && !theirsNames { return true }
        }
        guard let myCode, let theirCode, myCode != theirCode else { return false }
        let myWords = LanguageIdentifier.evidence(of: words(mine.rest).joined(separator: " "))
        let theirWords = LanguageIdentifier.evidence(of: words(theirs.rest).joined(separator: " "))
        func written(_ evidence: LanguageIdentifier.Evidence, _ language: String, _ other: String) -> Bool {
            LanguageIdentifier.isWritten(evidence, in: language, ratherThan: other)
        }
        return (written(myWords, myCode, theirCode) && !written(theirWords, myCode, theirCode))
            || (written(theirWords, theirCode, myCode) && !written(myWords, theirCode, myCode))
    }

    /// The words of a URL's path and query, lower case, percent-decoded.
    static func words(_ rest: String) -> [String] {
        let decoded = rest.removingPercentEncoding ?? rest
        return decoded.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
    }

    /// Country domains where a language is the main one.
    static let countryDomains: [String: Set<String>] = [
        "de": ["de", "at"], "nl": ["nl"], "fr": ["fr"], "es": ["es", "mx", "ar", "co", "cl", "pe"], "it": ["it"],
        "pt": ["pt", "br"], "ja": ["jp"], "ko": ["kr"], "zh": ["cn", "tw"], "ru": ["ru"], "pl": ["pl"], "tr": ["tr"],
        "cs": ["cz"], "sk": ["sk"], "sv": ["se"], "da": ["dk"], "nb": ["no"], "fi": ["fi"], "hu": ["hu"],
        "ro": ["ro"], "uk": ["ua"], "el": ["gr"], "he": ["il"], "vi": ["vn"], "id": ["id"], "fa": ["ir"],
        "bg": ["bg"], "th": ["th"],
    ]

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
        return withoutGenericNumbers(withoutLanguageTokens(text, tokens, ignoringHashes: true).0)
    }

    /// Names a camera or a CMS gives uploads (`image004`, `IMG_1234`, `screenshot2`), without
    /// their numbers: two such uploads say nothing about showing different pictures.
    static func withoutGenericNumbers(_ key: String) -> String {
        let generic: Set<String> = ["image", "img", "photo", "picture", "pic", "screenshot", "capture", "dsc", "pxl"]
        var output = ""
        var word = ""
        func flush() {
            let stem = String(word.prefix { !$0.isNumber })
            if stem.count < word.count, generic.contains(stem) || stem.isEmpty && output.hasSuffix("img_") {
                output += stem
            } else {
                output += word
            }
            word = ""
        }
        for character in key {
            if "/_-.".contains(character) {
                flush()
                output.append(character)
            } else {
                word.append(character)
            }
        }
        flush()
        return output
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
        guard let schemeEnd = url.rangeOfSchemeSeparator() else { return url }
        let afterScheme = url[schemeEnd.upperBound...]
        let hostEnd = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? afterScheme.endIndex
        var rest = String(afterScheme[hostEnd...])
        if rest == "/" { rest = "" }
        return url[..<schemeEnd.upperBound].lowercased() + afterScheme[..<hostEnd].lowercased() + rest
    }

    /// An `http` or `https` URL's host (lower case, without `www.` and the default ports) and the
    /// rest (path without its trailing slash, query, fragment). Read on UTF-8 bytes: every link of
    /// every page pair passes here.
    static func parts(_ url: String) -> (host: String, rest: String)? {
        guard let scheme = url.webSchemeLength else { return nil }
        let bytes = url.utf8
        let afterScheme = bytes.index(bytes.startIndex, offsetBy: scheme)
        let hostEnd =
            bytes[afterScheme...].firstIndex { $0 == 0x2F || $0 == 0x3F || $0 == 0x23 } ?? bytes.endIndex
        let hostBytes = bytes[afterScheme..<hostEnd]
        var host =
            hostBytes.allSatisfy({ $0 < 0x80 })
            ? String(decoding: hostBytes.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
            : url[afterScheme..<hostEnd].lowercased()
        if host.hasPrefix("www.") { host.removeFirst(4) }
        if host.hasSuffix(":443") || host.hasSuffix(":80") { host = String(host.prefix { $0 != ":" }) }
        var rest = Array(bytes[hostEnd...])
        // A trailing slash of the path (before any query or fragment) changes nothing.
        let pathEnd = rest.firstIndex { $0 == 0x3F || $0 == 0x23 } ?? rest.endIndex
        if pathEnd > 0, rest[pathEnd - 1] == 0x2F { rest.remove(at: pathEnd - 1) }
        return (host, String(decoding: rest, as: UTF8.self))
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
