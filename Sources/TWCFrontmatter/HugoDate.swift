import Foundation

/// Hugo's date parsing (`htime.ToTimeInDefaultLocationE` / `cast.StringToDateInDefaultLocation`):
/// Go layouts tried in order, implemented by hand on bytes.
public enum HugoDate {
    /// Parses a front matter date value as Hugo does. nil if unparseable.
    /// `timeZone` applies to values without an offset. Integers are Unix seconds.
    public static func parse(_ value: FrontmatterValue, timeZone: TimeZone) -> Date? {
        switch value.kind {
        case .string(let s), .datetime(let s): return parse(s, timeZone: timeZone)
        case .integer(let i): return Date(timeIntervalSince1970: TimeInterval(i))
        default: return nil
        }
    }

    public static func parse(_ text: String, timeZone: TimeZone) -> Date? {
        let v = Array(text.utf8)
        if v.isEmpty { return nil }
        for layout in layouts {
            if let d = match(layout, v, timeZone) { return d }
        }
        return nil
    }

    enum Tok: Equatable {
        case lit(UInt8), year4, year2, month2, monthName, monthFull, day2, dayUnder, weekday, weekdayFull
        case hour, minute, second, frac, zColon, zNoColon, offColon, offNoColon, zoneName
    }

    static let layoutStrings = [
        "2006-01-02",
        "2006-01-02T15:04:05Z07:00",
        "2006-01-02T15:04:05",
        "Mon, 02 Jan 2006 15:04:05 -0700",
        "Mon, 02 Jan 2006 15:04:05 MST",
        "02 Jan 06 15:04 -0700",
        "02 Jan 06 15:04 MST",
        "Monday, 02-Jan-06 15:04:05 MST",
        "2006-01-02 15:04:05.999999999 -0700 MST",
        "2006-01-02T15:04:05-0700",
        "2006-01-02 15:04:05Z0700",
        "2006-01-02 15:04:05",
        "Mon Jan _2 15:04:05 2006",
        "Mon Jan _2 15:04:05 MST 2006",
        "Mon Jan 02 15:04:05 -0700 2006",
        "2006-01-02 15:04:05Z07:00",
        "02 Jan 2006",
        "2006-01-02 15:04:05 -07:00",
        "2006-01-02 15:04:05 -0700",
    ]

    static let layouts: [[Tok]] = layoutStrings.map(tokenize)

    static func tokenize(_ layout: String) -> [Tok] {
        let l = Array(layout.utf8)
        var out: [Tok] = []
        var i = 0
        let table: [(String, Tok)] = [
            ("January", .monthFull), ("Jan", .monthName), ("Monday", .weekdayFull), ("Mon", .weekday), ("MST", .zoneName),
            ("2006", .year4), ("Z07:00", .zColon), ("Z0700", .zNoColon), ("-07:00", .offColon), ("-0700", .offNoColon),
            (".999999999", .frac), ("01", .month2), ("02", .day2), ("_2", .dayUnder), ("06", .year2),
            ("15", .hour), ("04", .minute), ("05", .second),
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

    static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august",
                             "september", "october", "november", "december"].map { Array($0.utf8) }
    static let dayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"].map { Array($0.utf8) }

    @inline(__always) static func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c + 32 : c }

    /// Matches a name (case-insensitive as Go's lookup): abbreviated (3 letters) or full.
    static func name(_ v: [UInt8], _ i: inout Int, _ names: [[UInt8]], full: Bool) -> Int? {
        for (idx, n) in names.enumerated() {
            let cand = full ? n : Array(n.prefix(3))
            if i + cand.count <= v.count {
                var ok = true
                for k in 0..<cand.count where lower(v[i + k]) != cand[k] { ok = false; break }
                if ok { i += cand.count; return idx }
            }
        }
        return nil
    }

    static func num(_ v: [UInt8], _ i: inout Int, fixed: Int?, maxDigits: Int = 2) -> Int? {
        var n = 0
        var count = 0
        let limit = fixed ?? maxDigits
        while count < limit && i < v.count && Bytes.isDigit(v[i]) {
            n = n * 10 + Int(v[i] - 0x30)
            i += 1
            count += 1
        }
        if let f = fixed { return count == f ? n : nil }
        return count >= 1 ? n : nil
    }

    static func match(_ layout: [Tok], _ v: [UInt8], _ tz: TimeZone) -> Date? {
        var i = 0
        var year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0
        var nanos = 0.0
        var offset: Int? = nil
        var zoneName: String? = nil
        var k = 0
        while k < layout.count {
            let t = layout[k]
            k += 1
            switch t {
            case .lit(let c):
                guard i < v.count, v[i] == c else { return nil }
                i += 1
            case .year4:
                guard let y = num(v, &i, fixed: 4) else { return nil }
                year = y
            case .year2:
                guard let y = num(v, &i, fixed: 2) else { return nil }
                year = y >= 69 ? 1900 + y : 2000 + y
            case .month2:
                guard let m = num(v, &i, fixed: 2) else { return nil }
                month = m
            case .monthName, .monthFull:
                guard let m = name(v, &i, monthNames, full: t == .monthFull) else { return nil }
                month = m + 1
            case .weekday, .weekdayFull:
                guard name(v, &i, dayNames, full: t == .weekdayFull) != nil else { return nil }
            case .day2:
                guard let d = num(v, &i, fixed: 2) else { return nil }
                day = d
            case .dayUnder:
                if i < v.count && v[i] == 0x20 { i += 1 }
                guard let d = num(v, &i, fixed: nil) else { return nil }
                day = d
            case .hour:
                guard let h = num(v, &i, fixed: nil) else { return nil }
                hour = h
            case .minute:
                guard let m = num(v, &i, fixed: 2) else { return nil }
                minute = m
            case .second:
                guard let s = num(v, &i, fixed: 2) else { return nil }
                second = s
                // Go accepts fractional seconds after seconds even if the layout has none.
                if (k >= layout.count || layout[k] != .frac), i + 1 < v.count, v[i] == UInt8(ascii: ".") || v[i] == UInt8(ascii: ","), Bytes.isDigit(v[i + 1]) {
                    i += 1
                    nanos = fraction(v, &i)
                }
            case .frac:
                if i + 1 < v.count, v[i] == UInt8(ascii: ".") || v[i] == UInt8(ascii: ","), Bytes.isDigit(v[i + 1]) {
                    i += 1
                    nanos = fraction(v, &i)
                }
            case .zColon, .zNoColon, .offColon, .offNoColon:
                if (t == .zColon || t == .zNoColon), i < v.count, v[i] == UInt8(ascii: "Z") {
                    i += 1
                    offset = 0
                    continue
                }
                guard i < v.count, v[i] == UInt8(ascii: "+") || v[i] == UInt8(ascii: "-") else { return nil }
                let sign = v[i] == UInt8(ascii: "-") ? -1 : 1
                i += 1
                guard let h = num(v, &i, fixed: 2) else { return nil }
                if t == .zColon || t == .offColon {
                    guard i < v.count, v[i] == UInt8(ascii: ":") else { return nil }
                    i += 1
                }
                guard let m = num(v, &i, fixed: 2), h < 24, m < 60 else { return nil }
                offset = sign * (h * 3600 + m * 60)
            case .zoneName:
                let s = i
                while i < v.count && v[i] >= 0x41 && v[i] <= 0x5A { i += 1 }
                if i - s == 3 && Array(v[s..<i]) == Array("GMT".utf8) {
                    // GMT+h
                    if i < v.count, v[i] == UInt8(ascii: "+") || v[i] == UInt8(ascii: "-") {
                        let sign = v[i] == UInt8(ascii: "-") ? -1 : 1
                        i += 1
                        guard let h = num(v, &i, fixed: nil) else { return nil }
                        zoneName = "GMT"
                        if offset == nil { offset = sign * h * 3600 }
                        continue
                    }
                }
                guard i - s >= 3 else { return nil }
                zoneName = String(decoding: v[s..<i], as: UTF8.self)
            }
        }
        guard i == v.count else { return nil }
        guard month >= 1, month <= 12, day >= 1, day <= TOMLImpl.daysIn(year, month),
              hour < 24, minute < 60, second < 60 else { return nil }
        let local = Double(daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second) + nanos
        if offset == nil, let z = zoneName {
            if z == "UTC" || z == "GMT" || z == "Z" {
                offset = 0
            } else {
                // Go: an abbreviation known to the location uses its offset, otherwise zero.
                let guess = Date(timeIntervalSince1970: local - Double(tz.secondsFromGMT(for: Date(timeIntervalSince1970: local))))
                offset = tz.abbreviation(for: guess) == z ? tz.secondsFromGMT(for: guess) : 0
            }
        }
        if let off = offset { return Date(timeIntervalSince1970: local - Double(off)) }
        let first = tz.secondsFromGMT(for: Date(timeIntervalSince1970: local))
        let second2 = tz.secondsFromGMT(for: Date(timeIntervalSince1970: local - Double(first)))
        return Date(timeIntervalSince1970: local - Double(second2))
    }

    static func fraction(_ v: [UInt8], _ i: inout Int) -> Double {
        var f = 0.0
        var scale = 0.1
        while i < v.count && Bytes.isDigit(v[i]) {
            f += Double(v[i] - 0x30) * scale
            scale /= 10
            i += 1
        }
        return f
    }

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
}
