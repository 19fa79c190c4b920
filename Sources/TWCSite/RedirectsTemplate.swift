import TWCCore
import TWCTemplate

/// The web server's redirects when the site writes its Netlify `_redirects` file with a template
/// (an output format whose `baseName` is `_redirects`, `SiteConfig.redirectsOutputFormat`;
/// opentelemetry.io's `layouts/index.redirects`): the home page's template for that format is
/// executed over the site's pages (`SiteTemplateHost`, `SiteCollections`) and what it writes is
/// read as a `_redirects` file (hugo-behaviour §8.6).
///
/// Only an output that is known in full is used: anything the evaluator could not compute may be
/// a rule for any path, and then every path where the build publishes nothing may be redirected.
enum RedirectsTemplate {
    enum Evaluation: Equatable {
        /// The rules the template writes (in the model's page order, so `ordered` is false).
        case rules(ServerRedirects)
        /// Why what the template writes is not known.
        case unknown(String)
    }

    static func evaluate(_ site: SiteIndex, files: any SiteFileSystem) -> Evaluation {
        let config = site.config
        guard let template = site.layouts.redirectsTemplate else {
            return .unknown(site.layouts.redirectsTemplateProblem ?? "no template was found")
        }
        guard !config.isMultihost else {
            return .unknown("every host of a multihost site gets its own, which is not modelled")
        }
        // Netlify reads the file at the root of what is published: the one of the language
        // whose pages are published at the root.
        let language = config.defaultContentLanguage
        guard config.languageDirectory(for: language).isEmpty else {
            return .unknown(
                "the default language is published in a subfolder, so which file the server reads is not modelled")
        }
        let home = site.collectionPage(logicalPath: "/", language: language)
        guard let origin = home ?? site.pages.first(where: { $0.language == language })?.index else {
            return .unknown("the default language has no pages")
        }
        let host = SiteTemplateHost(site: site, page: site.pages[origin], link: nil)
        host.files = files
        let dot: TemplateValue
        if let home {
            dot = SiteTemplateHost.page(home)
        } else if let generated = host.collections.generatedByKey[language + ":/"] {
            dot = host.value(.generated(generated))
        } else {
            return .unknown("the default language has no home page")
        }
        // The template ranges over every page, in every language.
        let pageCount = site.pages.count + host.collections.generated.count
        var evaluator = TemplateEvaluator(host: host, budget: 1_000_000 + 400 * pageCount)
        evaluator.iterationLimit = max(TemplateEvaluator.maxIterations, pageCount + 1)
        let result = evaluator.execute(template.file, dot: dot)
        guard result.output.isKnown, let text = result.output.joined else {
            return .unknown(
                "\(template.path) writes something twc-lint could not compute (\(evaluator.unknownCause ?? "unknown"))")
        }
        // Unless the format is plain text, html/template escapes what actions print; values
        // with characters it escapes are not modelled.
        if !config.redirectsPlainText,
            result.output.segments.contains(where: { segment in
                guard case .value(let value) = segment else { return false }
                return value.utf8.contains {
                    $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "&")
                        || $0 == UInt8(ascii: "'") || $0 == UInt8(ascii: "\"") || $0 == 0
                }
            })
        {
            return .unknown(
                "\(template.path) prints a value with a character html/template escapes, which is not modelled")
        }
        return .rules(ServerRedirects(text, ordered: false))
    }
}
