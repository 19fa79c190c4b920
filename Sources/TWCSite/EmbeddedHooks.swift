import TWCTemplate

/// Hugo's embedded link and image render hooks (hugo-behaviour §6.3), written as templates for
/// twc-lint's evaluator, so that they are followed by the same mechanism as a site's own hooks.
/// What they do (Hugo 0.168, `tpl/tplimpl/embedded/templates/_markup`): a destination that is only
/// a fragment links the page itself; any other relative destination (a leading `./` removed) is
/// looked up as a page (links only), then as a resource of the page, then as an asset, and the
/// one found gives its permalink, with the query and fragment of the destination; anything else
/// is written as `urls.Parse` gives it back.
enum EmbeddedHooks {
    static let linkSource = """
        {{- $parsed := urls.Parse .Destination -}}
        {{- $written := $parsed.String -}}
        {{- if hasPrefix $written "#" -}}
          {{- $written = printf "%s#%s" .PageInner.RelPermalink $parsed.Fragment -}}
        {{- else if and $written (not $parsed.IsAbs) -}}
          {{- $name := strings.TrimPrefix "./" $parsed.Path -}}
          {{- with or ($.PageInner.GetPage $name) ($.PageInner.Resources.Get $name) (resources.Get $name) -}}
            {{- $written = .RelPermalink -}}
            {{- with $parsed.RawQuery }}{{ $written = printf "%s?%s" $written . }}{{ end -}}
            {{- with $parsed.Fragment }}{{ $written = printf "%s#%s" $written . }}{{ end -}}
          {{- end -}}
        {{- end -}}
        <a href="{{ $written }}">{{ .Text }}</a>
        """

    static let imageSource = """
        {{- $parsed := urls.Parse .Destination -}}
        {{- $written := $parsed.String -}}
        {{- if not $parsed.IsAbs -}}
          {{- $name := strings.TrimPrefix "./" $parsed.Path -}}
          {{- with or ($.PageInner.Resources.Get $name) (resources.Get $name) -}}
            {{- $written = .RelPermalink -}}
            {{- with $parsed.RawQuery }}{{ $written = printf "%s?%s" $written . }}{{ end -}}
            {{- with $parsed.Fragment }}{{ $written = printf "%s#%s" $written . }}{{ end -}}
          {{- end -}}
        {{- end -}}
        <img src="{{ $written }}" alt="{{ .PlainText }}">
        """

    static let link = parse(linkSource, "_markup/render-link.html")
    static let image = parse(imageSource, "_markup/render-image.html")

    private static func parse(_ source: String, _ name: String) -> TemplateFile {
        // Our own constant: it parses (EvaluatorTests would fail otherwise).
        try! TemplateParser.parse(Array(source.utf8), name: name)
    }
}
