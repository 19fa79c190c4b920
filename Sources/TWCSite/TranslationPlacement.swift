extension SiteModel {
    /// Where Hugo 0.168 reads a `language` version of `page` from, in the site's pairing mode
    /// (hugo-behaviour §2.1, §8.5): the same path in the folder mounted for that language alone (a
    /// per-language `contentDir` or a content mount with that language), without the language a
    /// file name of the page may carry (`content/en/about.en.md` → `content/nl/about.md`); else
    /// beside the page with the language in its file name (`about.md`, `about.en.md` →
    /// `about.nl.md`; `index.md` → `index.nl.md`). A page whose file names its language and whose
    /// language folder is the page's own folder keeps the file-name form. Site-relative.
    public func translationPath(of page: Page, in language: String) -> String {
        let parts = HugoPath.contentPath(page.contentPath) { config.language($0) != nil }
        var unsuffixed = page.contentPath
        if parts.language != nil, let dot = unsuffixed.lastIndex(of: "."),
            let inner = unsuffixed[..<dot].lastIndex(of: ".")
        {
            // `about.en.md` → `about.md`: the suffix is between the last two dots of the name.
            unsuffixed = String(unsuffixed[..<inner]) + String(unsuffixed[dot...])
        }
        if let path = mounts.contentSource(of: unsuffixed, language: language), path != page.path,
            parts.language == nil || Self.folder(of: path) != Self.folder(of: page.path)
        {
            return path
        }
        var path = page.path
        guard let dot = path.lastIndex(of: "."), dot > (path.lastIndex(of: "/") ?? path.startIndex) else {
            return path + "." + language
        }
        let stem = path[..<dot]
        let ext = path[dot...]
        if let innerDot = stem.lastIndex(of: "."), innerDot > (stem.lastIndex(of: "/") ?? stem.startIndex),
            config.language(HugoPath.lower(String(stem[stem.index(after: innerDot)...]))) != nil
        {
            path = String(stem[..<innerDot]) + "." + language + ext
        } else {
            path = String(stem) + "." + language + ext
        }
        return path
    }

    static func folder(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
    }
}
