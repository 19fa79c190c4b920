import Foundation

/// A time as Hugo holds it (Go's `time.Time`): an instant to the nanosecond, and the UTC offset of
/// the location Hugo shows it in (what `{{ .Date.Format "Z07:00" }}` prints).
public struct HugoTime: Sendable, Hashable {
    /// Whole seconds since 1970-01-01T00:00:00Z, rounded down.
    public var seconds: Int64
    /// 0 ..< 1_000_000_000.
    public var nanoseconds: Int
    /// Seconds east of UTC.
    public var utcOffset: Int

    public init(seconds: Int64, nanoseconds: Int = 0, utcOffset: Int = 0) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
        self.utcOffset = utcOffset
    }

    /// The instant (Foundation's `Date` keeps about a tenth of a microsecond of the nanoseconds).
    public var date: Date { Date(timeIntervalSince1970: Double(seconds) + Double(nanoseconds) / 1e9) }

    /// Go's `IsZero`: the instant 0001-01-01T00:00:00Z, whatever the offset.
    public var isZero: Bool { seconds == HugoDate.goZeroSeconds && nanoseconds == 0 }

    /// Go's `Format("2006-01-02T15:04:05.999999999Z07:00")`: RFC 3339 with the fraction trimmed
    /// of trailing zeros (none when whole) and `Z` for a zero offset.
    public var formatted: String {
        // Wrapping: only absurd Unix seconds come near the limits, and must not trap.
        let local = seconds &+ Int64(utcOffset)
        var days = local / 86400
        var secondOfDay = Int(local % 86400)
        if secondOfDay < 0 {
            secondOfDay += 86400
            days -= 1
        }
        let (year, month, day) = HugoDate.civilFromDays(days)
        var out: [UInt8] = []
        out.reserveCapacity(36)
        func append(_ value: Int, width: Int) {
            var v = value
            if v < 0 {
                out.append(UInt8(ascii: "-"))
                v = -v
            }
            let digits = Array(String(v).utf8)
            if digits.count < width {
                out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits.count))
            }
            out.append(contentsOf: digits)
        }
        append(year, width: 4)
        out.append(UInt8(ascii: "-"))
        append(month, width: 2)
        out.append(UInt8(ascii: "-"))
        append(day, width: 2)
        out.append(UInt8(ascii: "T"))
        append(secondOfDay / 3600, width: 2)
        out.append(UInt8(ascii: ":"))
        append(secondOfDay / 60 % 60, width: 2)
        out.append(UInt8(ascii: ":"))
        append(secondOfDay % 60, width: 2)
        if nanoseconds > 0 {
            var digits = Array(String(nanoseconds).utf8)
            digits.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: 9 - digits.count), at: 0)
            while digits.last == UInt8(ascii: "0") { digits.removeLast() }
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: digits)
        }
        // Go: minutes of the offset truncated toward zero; the sign comes from the minutes.
        let zone = utcOffset / 60
        if utcOffset == 0 {
            out.append(UInt8(ascii: "Z"))
        } else {
            out.append(zone < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            append(abs(zone) / 60, width: 2)
            out.append(UInt8(ascii: ":"))
            append(abs(zone) % 60, width: 2)
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Hugo's `[frontmatter]` date chains (docs/hugo-behaviour.md §4.2): for each of the four dates,
/// what is tried in order: front matter keys (lower case; a key also stands for its aliases) and
/// the tokens `:filename`, `:filemodtime` and `:git`. The site configuration owns the chains
/// (`SiteConfig.dateChains`); `HugoDate.resolve` follows them.
public struct DateChains: Sendable, Equatable {
    public var date: [String]
    public var publishDate: [String]
    public var lastmod: [String]
    public var expiryDate: [String]

    /// Hugo's chains before `:default` is expanded and aliases are added.
    static let defaults: [String: [String]] = [
        "date": ["date", "publishdate", "lastmod"],
        "publishdate": ["publishdate", "date"],
        "lastmod": [":git", "lastmod", "date", "publishdate"],
        "expirydate": ["expirydate"],
    ]
    /// Front matter keys Hugo reads as another name of a date field.
    static let aliases: [String: [String]] = [
        "lastmod": ["modified"], "publishdate": ["pubdate", "published"], "expirydate": ["unpublishdate"],
    ]
    /// The fields a `[frontmatter]` table may configure, as Hugo names them (lower case).
    public static let fields = ["date", "publishdate", "lastmod", "expirydate"]

    /// The chains of a site whose `[frontmatter]` table sets `configured` (field → list, any
    /// case): each configured list lower-cased, `:default` replaced by Hugo's chain for the field,
    /// each key followed by its aliases, every entry kept once.
    public init(configured: [String: [String]] = [:]) {
        func chain(_ field: String) -> [String] {
            let defaults = Self.defaults[field]!
            let written = configured.first { $0.key.lowercased() == field }?.value.map { $0.lowercased() } ?? defaults
            var result: [String] = []
            for token in written {
                for key in token == ":default" ? defaults : [token] {
                    for item in [key] + (Self.aliases[key] ?? []) where !result.contains(item) { result.append(item) }
                }
            }
            return result
        }
        date = chain("date")
        publishDate = chain("publishdate")
        lastmod = chain("lastmod")
        expiryDate = chain("expirydate")
    }

    /// The chains when the site configures none.
    public static let hugoDefault = DateChains()

    /// Each chain by Hugo's field name (`date`, `publishdate`, `lastmod`, `expirydate`).
    public var byField: [String: [String]] {
        ["date": date, "publishdate": publishDate, "lastmod": lastmod, "expirydate": expiryDate]
    }

    /// Every front matter key some chain reads (Hugo's `IsDateKey`).
    public var keys: Set<String> {
        Set((date + publishDate + lastmod + expiryDate).filter { !$0.hasPrefix(":") })
    }
}

/// The four dates of a page as Hugo resolves them from front matter (docs/hugo-behaviour.md §4.2),
/// each with what supplied it.
public struct HugoDates: Sendable, Equatable {
    public struct Source: Sendable, Equatable {
        public var time: HugoTime
        /// The front matter entry that supplied the date; nil when it came from the file name
        /// (`:filename`) or the file's modification time (`:filemodtime`).
        public var entry: FrontmatterEntry?
        /// The key or token the chain found it at (`date`, `golive`, `:filename`).
        public var origin: String

        public init(time: HugoTime, entry: FrontmatterEntry?, origin: String? = nil) {
            self.time = time
            self.entry = entry
            self.origin = origin ?? entry?.key.lowercased() ?? ""
        }
    }

    public var date: Source?
    public var publishDate: Source?
    public var lastmod: Source?
    public var expiryDate: Source?
    /// Date entries with a value Hugo cannot read as a date, in the order the chains meet them.
    /// Hugo 0.168 logs `the "<key>" front matter field is not a parsable date` for each and fails
    /// the build (0.111 left the date zero); the chain goes on to its next key.
    public var unparseable: [FrontmatterEntry] = []
    /// The slug `:filename` took from the file name (`2024-05-06-trip.md` → `trip`), when the
    /// chain used it and the front matter sets no `slug`: Hugo uses it as the page's slug.
    public var filenameSlug: String?

    public init(
        date: Source? = nil, publishDate: Source? = nil, lastmod: Source? = nil, expiryDate: Source? = nil,
        unparseable: [FrontmatterEntry] = [], filenameSlug: String? = nil
    ) {
        self.date = date
        self.publishDate = publishDate
        self.lastmod = lastmod
        self.expiryDate = expiryDate
        self.unparseable = unparseable
        self.filenameSlug = filenameSlug
    }
}

/// Hugo's date reading: `htime.ToTimeInDefaultLocationE` over the value its front matter decoder
/// produced, i.e. spf13/cast's Go layouts tried in order (implemented by hand on bytes) for
/// strings, Unix seconds for integers, go-toml's own types for TOML dates.
///
/// Assumes the machine running Hugo is on UTC (Go's `time.Local`): it is the zone Hugo shows Unix
/// seconds in, and the only zone abbreviation Go then resolves in a value. Offsets of values
/// without one come from `TimeZone`, whose database can differ from Go's (the system zoneinfo)
/// before 1970 (e.g. Amsterdam's local mean time). A YAML value tagged `!!timestamp` reaches Hugo
/// as a `time.Time` (fraction dropped, no offset meaning UTC); it is read here as its text.
public enum HugoDate {
    // MARK: Public API

    /// What Hugo makes of one front matter value.
    public enum Reading: Sendable, Equatable {
        /// Missing for Hugo: null or the empty string; the chain goes on to its next key.
        case empty
        case time(HugoTime)
        /// Hugo fails the build (`not a parsable date`).
        case unparseable
    }

    /// Reads one front matter value as Hugo does. `format` matters: YAML dates reach Hugo as
    /// strings, TOML date-times as typed values (with an offset: fraction of a second dropped;
    /// without: in `timeZone`; local times: unparseable), JSON numbers as floats (unparseable).
    public static func read(_ value: FrontmatterValue, format: FrontmatterFormat, timeZone: TimeZone) -> Reading {
        switch value.kind {
        case .null:
            return .empty
        case .string(let text):
            if text.isEmpty { return .empty }
            return reading(castTime(Array(text.utf8), timeZone))
        case .datetime(let text):
            if format == .toml { return reading(tomlTime(Array(text.utf8), timeZone)) }
            return reading(castTime(Array(text.utf8), timeZone))
        case .integer(let seconds):
            // encoding/json decodes every number as float64, which cast does not take.
            if format == .json { return .unparseable }
            return .time(HugoTime(seconds: seconds))
        case .float, .bool, .array, .table:
            return .unparseable
        }
    }

    /// The instant Hugo reads from a value; nil if Hugo would not read a date (empty or unparseable).
    public static func parse(_ value: FrontmatterValue, format: FrontmatterFormat, timeZone: TimeZone) -> Date? {
        if case .time(let time) = read(value, format: format, timeZone: timeZone) { return time.date }
        return nil
    }

    /// As `parse(_:format:timeZone:)` for a YAML value (typed date-times read as their text;
    /// integers are Unix seconds).
    public static func parse(_ value: FrontmatterValue, timeZone: TimeZone) -> Date? {
        parse(value, format: .yaml, timeZone: timeZone)
    }

    /// A date string as Hugo (cast) parses it; nil if unparseable. `timeZone` applies to values
    /// without an offset.
    public static func time(_ text: String, timeZone: TimeZone) -> HugoTime? {
        castTime(Array(text.utf8), timeZone)
    }

    public static func parse(_ text: String, timeZone: TimeZone) -> Date? {
        time(text, timeZone: timeZone)?.date
    }

    /// `.Date`, `.PublishDate`, `.Lastmod` and `.ExpiryDate` as Hugo's front matter handler sets
    /// them: the chains run in that order; in each, the first key whose value is not empty and
    /// parses wins (an unparseable value is recorded and the chain goes on). A date found sets its
    /// field's front matter key when the page lacks it (`date`, `lastmod`, `publishdate`,
    /// `expirydate`), so later chains see it: with only `lastmod` set, `.PublishDate` is the
    /// lastmod (through `date`); with `date:` left empty beside it, `.PublishDate` stays zero.
    /// - Parameters:
    ///   - baseName: the name `:filename` reads (the file name without extension and language, or
    ///     a leaf bundle's folder name), nil when unknown.
    ///   - modificationTime: the file's modification time, for `:filemodtime`.
    ///   `:git` (Git author dates, with `enableGitInfo`) is not modelled: the chain goes on.
    public static func resolve(
        frontmatter: FrontmatterValue, format: FrontmatterFormat, timeZone: TimeZone,
        chains: DateChains = .hugoDefault, baseName: String? = nil,
        modificationTime: Date? = nil
    ) -> HugoDates {
        var readings: [String: Reading] = [:]
        // Keys set by a chain for the page that lacked them, with the time they were set to.
        var setKeys: [String: HugoDates.Source] = [:]
        var result = HugoDates()
        func first(_ chain: [String]) -> HugoDates.Source? {
            for key in chain {
                switch key {
                case ":filename":
                    guard let baseName, let (time, slug) = dateAndSlug(baseName, timeZone) else { continue }
                    if frontmatter.entry("slug") == nil { result.filenameSlug = slug }
                    return HugoDates.Source(time: time, entry: nil, origin: key)
                case ":filemodtime":
                    guard let modificationTime else { continue }
                    let seconds = modificationTime.timeIntervalSince1970.rounded(.down)
                    let nanoseconds = Int(((modificationTime.timeIntervalSince1970 - seconds) * 1e9).rounded())
                    let offset = timeZone.secondsFromGMT(for: modificationTime)
                    return HugoDates.Source(
                        time: HugoTime(
                            seconds: Int64(seconds), nanoseconds: min(nanoseconds, 999_999_999),
                            utcOffset: offset), entry: nil, origin: key)
                case ":git":
                    continue
                default:
                    if let set = setKeys[key] { return set }
                    guard let entry = frontmatter.entry(key) else { continue }
                    let reading: Reading
                    if let known = readings[key] {
                        reading = known
                    } else {
                        reading = read(entry.value, format: format, timeZone: timeZone)
                        readings[key] = reading
                        if reading == .unparseable { result.unparseable.append(entry) }
                    }
                    if case .time(let time) = reading { return HugoDates.Source(time: time, entry: entry, origin: key) }
                }
            }
            return nil
        }
        func setIfAbsent(_ key: String, _ source: HugoDates.Source?) {
            guard let source, frontmatter.entry(key) == nil, setKeys[key] == nil else { return }
            setKeys[key] = source
        }
        result.date = first(chains.date)
        setIfAbsent("date", result.date)
        result.lastmod = first(chains.lastmod)
        setIfAbsent("lastmod", result.lastmod)
        result.publishDate = first(chains.publishDate)
        setIfAbsent("publishdate", result.publishDate)
        result.expiryDate = first(chains.expiryDate)
        return result
    }

    /// Hugo's `:filename` reading (after Jekyll): the first ten bytes of `name` as a date (any of
    /// Hugo's date layouts), and the rest without leading and trailing ` `, `-`, `_` as the slug.
    static func dateAndSlug(_ name: String, _ timeZone: TimeZone) -> (HugoTime, String)? {
        let bytes = Array(name.utf8)
        guard bytes.count >= 10, let time = castTime(Array(bytes[0..<10]), timeZone) else { return nil }
        var rest = bytes[10...]
        let trimmed: Set<UInt8> = [0x20, UInt8(ascii: "-"), UInt8(ascii: "_")]
        while let first = rest.first, trimmed.contains(first) { rest = rest.dropFirst() }
        while let last = rest.last, trimmed.contains(last) { rest = rest.dropLast() }
        return (time, String(decoding: rest, as: UTF8.self))
    }

    // MARK: cast's layouts

    /// How spf13/cast treats the zone of a layout (`timeFormatType`).
    enum ZoneKind {
        /// Wall clock in the default location.
        case none
        /// Wall clock (as Go shows it in the parsed zone) moved to the default location.
        case named
        /// The parsed offset (`Z` = UTC).
        case numeric
        /// The parsed offset, unless the name is `UTC` (then the wall clock is UTC).
        case numericAndNamed
        /// Go's result as is: year 0, UTC.
        case timeOnly
    }

    enum Tok: Equatable {
        case lit(UInt8)
        case space
        case longYear, year, zeroMonth, month, longWeekday, weekday, zeroDay, underDay
        case hour, hour12, zeroMinute, zeroSecond, fraction9, pm
        case isoColonTZ, isoTZ, numColonTZ, numTZ, tzName
    }

    /// cast v1.10 `timeFormats`, in order. StampMilli/Micro/Nano come after Stamp, which already
    /// takes any fraction of a second, so they never match and are left out.
    static let layoutStrings: [(String, ZoneKind)] = [
        ("2006-01-02", .none),
        ("2006-01-02T15:04:05Z07:00", .numeric),  // RFC3339
        ("2006-01-02T15:04:05", .none),
        ("Mon, 02 Jan 2006 15:04:05 -0700", .numeric),  // RFC1123Z
        ("Mon, 02 Jan 2006 15:04:05 MST", .named),  // RFC1123
        ("02 Jan 06 15:04 -0700", .numeric),  // RFC822Z
        ("02 Jan 06 15:04 MST", .named),  // RFC822
        ("Monday, 02-Jan-06 15:04:05 MST", .named),  // RFC850
        ("2006-01-02 15:04:05.999999999 -0700 MST", .numericAndNamed),  // Time.String()
        ("2006-01-02T15:04:05-0700", .numeric),
        ("2006-01-02 15:04:05Z0700", .numeric),
        ("2006-01-02 15:04:05", .none),
        ("Mon Jan _2 15:04:05 2006", .none),  // ANSIC
        ("Mon Jan _2 15:04:05 MST 2006", .named),  // UnixDate
        ("Mon Jan 02 15:04:05 -0700 2006", .numeric),  // RubyDate
        ("2006-01-02 15:04:05Z07:00", .numeric),
        ("02 Jan 2006", .none),
        ("2006-01-02 15:04:05 -07:00", .numeric),
        ("2006-01-02 15:04:05 -0700", .numeric),
        ("3:04PM", .timeOnly),  // Kitchen
        ("Jan _2 15:04:05", .timeOnly),  // Stamp
    ]

    static let layouts: [(tokens: [Tok], zone: ZoneKind)] = layoutStrings.map { (tokenize($0.0), $0.1) }

    /// Go's `nextStdChunk`, for the elements the layouts above use.
    static func tokenize(_ layout: String) -> [Tok] {
        let l = Array(layout.utf8)
        var out: [Tok] = []
        var i = 0
        let table: [(String, Tok)] = [
            ("Monday", .longWeekday), ("Mon", .weekday), ("MST", .tzName), ("Jan", .month), ("2006", .longYear),
            ("Z07:00", .isoColonTZ), ("Z0700", .isoTZ), ("-07:00", .numColonTZ), ("-0700", .numTZ),
            (".999999999", .fraction9), ("01", .zeroMonth), ("02", .zeroDay), ("_2", .underDay), ("06", .year),
            ("15", .hour), ("3", .hour12), ("04", .zeroMinute), ("05", .zeroSecond), ("PM", .pm), (" ", .space),
        ]
        outer: while i < l.count {
            for (p, t) in table {
                let pb = Array(p.utf8)
                if i + pb.count <= l.count && Array(l[i..<(i + pb.count)]) == pb {
                    out.append(t)
                    i += pb.count
                    continue outer
                }
            }
            out.append(.lit(l[i]))
            i += 1
        }
        return out
    }

    static let shortMonthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        .map { Array($0.utf8) }
    static let shortDayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"].map { Array($0.utf8) }
    static let longDayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"].map {
        Array($0.utf8)
    }

    /// Go's `lookup`: the first name the value starts with, ASCII letters compared case-insensitively.
    static func lookup(_ v: [UInt8], _ i: inout Int, _ names: [[UInt8]]) -> Int? {
        for (index, name) in names.enumerated() where i + name.count <= v.count {
            var same = true
            for k in 0..<name.count where v[i + k] | 0x20 != name[k] {
                same = false
                break
            }
            if same {
                i += name.count
                return index
            }
        }
        return nil
    }

    /// Go's `getnum`: one or two digits; `fixed` requires two.
    static func getnum(_ v: [UInt8], _ i: inout Int, fixed: Bool) -> Int? {
        guard i < v.count, Bytes.isDigit(v[i]) else { return nil }
        guard i + 1 < v.count, Bytes.isDigit(v[i + 1]) else {
            if fixed { return nil }
            i += 1
            return Int(v[i - 1] - 0x30)
        }
        i += 2
        return Int(v[i - 2] - 0x30) * 10 + Int(v[i - 1] - 0x30)
    }

    /// Two fixed digits at `i` (offset hours and minutes).
    static func twoDigits(_ v: [UInt8], _ i: Int) -> Int? {
        guard Bytes.isDigit(v[i]), Bytes.isDigit(v[i + 1]) else { return nil }
        return Int(v[i] - 0x30) * 10 + Int(v[i + 1] - 0x30)
    }

    /// Go's `parseNanoseconds` after a `.` or `,`: all digits are consumed, the first nine count.
    static func nanoseconds(_ v: [UInt8], _ i: inout Int) -> Int {
        var n = 0
        var count = 0
        while i < v.count && Bytes.isDigit(v[i]) {
            if count < 9 { n = n * 10 + Int(v[i] - 0x30) }
            count += 1
            i += 1
        }
        for _ in min(count, 9)..<9 { n *= 10 }
        return n
    }

    @inline(__always) static func isCommaOrPeriod(_ c: UInt8) -> Bool {
        c == UInt8(ascii: ".") || c == UInt8(ascii: ",")
    }

    /// Go's `parseSignedOffset`: sign and digits (all of them) with a value up to 23; the length, or 0.
    static func signedOffsetLength(_ v: [UInt8], _ i: Int) -> Int {
        guard i < v.count, v[i] == UInt8(ascii: "+") || v[i] == UInt8(ascii: "-") else { return 0 }
        var j = i + 1
        var x = 0
        while j < v.count && Bytes.isDigit(v[j]) {
            x = min(x * 10 + Int(v[j] - 0x30), 1_000)
            j += 1
        }
        if j == i + 1 || x > 23 { return 0 }
        return j - i
    }

    /// Go's `parseTimeZone` (after the `UTC` special case): the length of a zone abbreviation at `i`.
    static func timeZoneLength(_ v: [UInt8], _ i: Int) -> Int? {
        let rest = v.count - i
        guard rest >= 3 else { return nil }
        func hasPrefix(_ s: String) -> Bool {
            let p = Array(s.utf8)
            return rest >= p.count && Array(v[i..<(i + p.count)]) == p
        }
        if hasPrefix("ChST") || hasPrefix("MeST") { return 4 }
        if hasPrefix("GMT") { return 3 + (rest == 3 ? 0 : signedOffsetLength(v, i + 3)) }
        if v[i] == UInt8(ascii: "+") || v[i] == UInt8(ascii: "-") {
            let n = signedOffsetLength(v, i)
            return n > 0 ? n : nil
        }
        var upper = 0
        while upper < 6 && i + upper < v.count && v[i + upper] >= 0x41 && v[i + upper] <= 0x5A { upper += 1 }
        switch upper {
        case 3: return 3
        case 4: return v[i + 3] == UInt8(ascii: "T") || hasPrefix("WITA") ? 4 : nil
        case 5: return v[i + 4] == UInt8(ascii: "T") ? 5 : nil
        default: return nil
        }
    }

    /// What Go's `time.Parse` read from a value.
    struct Parsed {
        var year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0, nanos = 0
        /// `Z` or the name `UTC`.
        var utc = false
        /// A numeric offset, seconds east.
        var offset: Int?
        /// `GMT+h`: Go shows the wall clock h hours later.
        var gmtShift = 0

        var wallSeconds: Int64 {
            Int64(HugoDate.daysFromCivil(year, month, day)) * 86400 + Int64(hour * 3600 + minute * 60 + second)
        }
    }

    /// Go's `time.Parse(layout, value)` for one tokenized layout; nil where Go returns an error.
    static func match(_ layout: [Tok], _ v: [UInt8]) -> Parsed? {
        var p = Parsed()
        var i = 0
        let n = v.count
        var pm = false
        var am = false
        for (k, token) in layout.enumerated() {
            switch token {
            case .lit(let c):
                guard i < n, v[i] == c else { return nil }
                i += 1
            case .space:
                // A layout space takes a run of spaces (none at the end of the value).
                if i < n && v[i] != 0x20 { return nil }
                while i < n && v[i] == 0x20 { i += 1 }
            case .longYear:
                guard n - i >= 4, Bytes.isDigit(v[i]), Bytes.isDigit(v[i + 1]), Bytes.isDigit(v[i + 2]),
                    Bytes.isDigit(v[i + 3])
                else { return nil }
                p.year =
                    Int(v[i] - 0x30) * 1000 + Int(v[i + 1] - 0x30) * 100 + Int(v[i + 2] - 0x30) * 10
                    + Int(v[i + 3] - 0x30)
                i += 4
            case .year:
                // Go's atoi on two bytes: two digits, or a sign and a digit.
                guard n - i >= 2, Bytes.isDigit(v[i + 1]) else { return nil }
                var y: Int
                if Bytes.isDigit(v[i]) {
                    y = Int(v[i] - 0x30) * 10 + Int(v[i + 1] - 0x30)
                } else if v[i] == UInt8(ascii: "+") {
                    y = Int(v[i + 1] - 0x30)
                } else if v[i] == UInt8(ascii: "-") {
                    y = -Int(v[i + 1] - 0x30)
                } else {
                    return nil
                }
                y += y >= 69 ? 1900 : 2000
                p.year = y
                i += 2
            case .zeroMonth:
                guard let m = getnum(v, &i, fixed: true), m >= 1, m <= 12 else { return nil }
                p.month = m
            case .month:
                guard let m = lookup(v, &i, shortMonthNames) else { return nil }
                p.month = m + 1
            case .weekday:
                guard lookup(v, &i, shortDayNames) != nil else { return nil }
            case .longWeekday:
                guard lookup(v, &i, longDayNames) != nil else { return nil }
            case .zeroDay, .underDay:
                if token == .underDay && i < n && v[i] == 0x20 { i += 1 }
                guard let d = getnum(v, &i, fixed: token == .zeroDay) else { return nil }
                p.day = d
            case .hour:
                guard let h = getnum(v, &i, fixed: false), h < 24 else { return nil }
                p.hour = h
            case .hour12:
                guard let h = getnum(v, &i, fixed: false), h <= 12 else { return nil }
                p.hour = h
            case .zeroMinute:
                guard let m = getnum(v, &i, fixed: true), m < 60 else { return nil }
                p.minute = m
            case .zeroSecond:
                guard let s = getnum(v, &i, fixed: true), s < 60 else { return nil }
                p.second = s
                // A fraction the layout does not have is read here, unless the layout's next
                // element is a fraction.
                if n - i >= 2, isCommaOrPeriod(v[i]), Bytes.isDigit(v[i + 1]),
                    layout[(k + 1)...].first(where: {
                        if case .lit = $0 { return false }
                        return $0 != .space
                    }) != .fraction9
                {
                    i += 1
                    p.nanos = nanoseconds(v, &i)
                }
            case .fraction9:
                if n - i >= 2, isCommaOrPeriod(v[i]), Bytes.isDigit(v[i + 1]) {
                    i += 1
                    p.nanos = nanoseconds(v, &i)
                }
            case .pm:
                guard n - i >= 2 else { return nil }
                if v[i] == UInt8(ascii: "P") && v[i + 1] == UInt8(ascii: "M") {
                    pm = true
                } else if v[i] == UInt8(ascii: "A") && v[i + 1] == UInt8(ascii: "M") {
                    am = true
                } else {
                    return nil
                }
                i += 2
            case .isoColonTZ, .isoTZ, .numColonTZ, .numTZ:
                if token == .isoColonTZ || token == .isoTZ, i < n, v[i] == UInt8(ascii: "Z") {
                    i += 1
                    p.utc = true
                    continue
                }
                let colon = token == .isoColonTZ || token == .numColonTZ
                let hours: Int?
                let minutes: Int?
                if colon {
                    guard n - i >= 6, v[i + 3] == UInt8(ascii: ":") else { return nil }
                    hours = twoDigits(v, i + 1)
                    minutes = twoDigits(v, i + 4)
                } else {
                    guard n - i >= 5 else { return nil }
                    hours = twoDigits(v, i + 1)
                    minutes = twoDigits(v, i + 3)
                }
                // Go allows 24 hours and 60 minutes ("some people do write offsets of 24 hours").
                guard let h = hours, let m = minutes, h <= 24, m <= 60,
                    v[i] == UInt8(ascii: "+") || v[i] == UInt8(ascii: "-")
                else { return nil }
                p.offset = (v[i] == UInt8(ascii: "-") ? -1 : 1) * (h * 3600 + m * 60)
                i += colon ? 6 : 5
            case .tzName:
                if n - i >= 3 && v[i] == UInt8(ascii: "U") && v[i + 1] == UInt8(ascii: "T")
                    && v[i + 2] == UInt8(ascii: "C")
                {
                    p.utc = true
                    i += 3
                    continue
                }
                guard let length = timeZoneLength(v, i) else { return nil }
                if length > 3 && v[i] == UInt8(ascii: "G") && v[i + 1] == UInt8(ascii: "M")
                    && v[i + 2] == UInt8(ascii: "T")
                {
                    var hours = 0
                    for c in v[(i + 4)..<(i + length)] { hours = hours * 10 + Int(c - 0x30) }
                    p.gmtShift = (v[i + 3] == UInt8(ascii: "-") ? -hours : hours) * 3600
                }
                i += length
            }
        }
        guard i == n else { return nil }
        if pm && p.hour < 12 { p.hour += 12 } else if am && p.hour == 12 { p.hour = 0 }
        guard p.day >= 1, p.day <= TOMLImpl.daysIn(p.year, p.month) else { return nil }
        return p
    }

    /// cast's `StringToDateInDefaultLocation`: the first layout that parses, its zone handled as
    /// cast does.
    static func castTime(_ v: [UInt8], _ tz: TimeZone) -> HugoTime? {
        for layout in layouts {
            guard let p = match(layout.tokens, v) else { continue }
            switch layout.zone {
            case .none:
                return inZone(p.wallSeconds, p.nanos, tz)
            case .named:
                return inZone(p.wallSeconds + Int64(p.utc ? 0 : p.gmtShift), p.nanos, tz)
            case .numeric, .numericAndNamed:
                let offset = p.utc ? 0 : p.offset ?? 0
                return HugoTime(seconds: p.wallSeconds - Int64(offset), nanoseconds: p.nanos, utcOffset: offset)
            case .timeOnly:
                return HugoTime(seconds: p.wallSeconds, nanoseconds: p.nanos, utcOffset: 0)
            }
        }
        return nil
    }

    /// A TOML date-time as go-toml decodes it and Hugo converts it: a local date or date-time
    /// (`AsTime`) in `tz` with all nine fraction digits; an offset date-time via
    /// `Format(time.RFC3339)`, which drops the fraction; a local time is not a date.
    static func tomlTime(_ t: [UInt8], _ tz: TimeZone) -> HugoTime? {
        guard t.count >= 10, t[4] == UInt8(ascii: "-"),
            let year = TOMLImpl.digits(t, 0, 4), let month = TOMLImpl.digits(t, 5, 2),
            let day = TOMLImpl.digits(t, 8, 2)
        else {
            return nil
        }
        var p = Parsed()
        p.year = year
        p.month = month
        p.day = day
        guard t.count > 10 else { return inZone(p.wallSeconds, 0, tz) }
        guard t.count >= 19, let h = TOMLImpl.digits(t, 11, 2), let m = TOMLImpl.digits(t, 14, 2),
            let s = TOMLImpl.digits(t, 17, 2)
        else { return nil }
        p.hour = h
        p.minute = m
        p.second = s  // 60 carries into the next minute, as time.Date does
        var j = 19
        if j < t.count && t[j] == UInt8(ascii: ".") {
            j += 1
            p.nanos = nanoseconds(t, &j)
        }
        if j == t.count { return inZone(p.wallSeconds, p.nanos, tz) }
        var offset = 0
        if t[j] != UInt8(ascii: "Z") && t[j] != UInt8(ascii: "z") {
            guard t.count - j == 6, let oh = TOMLImpl.digits(t, j + 1, 2), let om = TOMLImpl.digits(t, j + 4, 2) else {
                return nil
            }
            offset = (t[j] == UInt8(ascii: "-") ? -1 : 1) * (oh * 3600 + om * 60)
        }
        return HugoTime(seconds: p.wallSeconds - Int64(offset), nanoseconds: 0, utcOffset: offset)
    }

    @inline(__always) static func reading(_ time: HugoTime?) -> Reading {
        time.map { .time($0) } ?? .unparseable
    }

    /// Go's `time.Date(wall clock, loc)`: the offset in effect at the wall clock read as UTC; if
    /// it is not zero, the offset in effect at the instant that gives. A wall clock skipped by a
    /// DST jump lands after it (Amsterdam 02:30 → 03:30+02:00); a repeated one takes the offset
    /// this finds (Amsterdam: the later, +01:00; New York: the earlier, -04:00).
    static func inZone(_ wall: Int64, _ nanos: Int, _ tz: TimeZone) -> HugoTime {
        func offset(_ seconds: Int64) -> Int { tz.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds))) }
        var instant = wall
        let guess = offset(wall)
        if guess != 0 { instant = wall - Int64(offset(wall - Int64(guess))) }
        return HugoTime(seconds: instant, nanoseconds: nanos, utcOffset: offset(instant))
    }

    /// Seconds from 1970 to Go's zero time, 0001-01-01T00:00:00Z.
    static let goZeroSeconds: Int64 = -62_135_596_800

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The proleptic Gregorian date of a day number since 1970-01-01.
    static func civilFromDays(_ days: Int64) -> (Int, Int, Int) {
        let z = Int(days) + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
