/// Notices: the shortcodes sites use for them, which a GitHub-style alert (`> [!NOTE]`) may
/// replace (Hugo renders both through a blockquote hook or a shortcode template).
enum Notices {
    /// The last part of the shortcode's name (`docs/alert` is `alert`).
    static let shortcodeNames: Set<String> = [
        "alert", "callout", "admonition", "note", "notice", "hint", "tip", "warning", "caution", "important",
        "info", "danger", "attention", "warn", "error", "success",
    ]
}
