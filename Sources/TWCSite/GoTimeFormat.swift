import TWCFrontmatter

/// Go's `time.Time.Format` for the layouts a permalink token can spell (`:2006`, `:Jan`,
/// `:06`, `:Monday` ...: word characters only, hugo-behaviour §2.9).
enum GoTimeFormat {
    static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]
    static let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    /// A time's calendar fields in its own offset.
    struct Components: Equatable {
        var year: Int
        var month: Int
        var day: Int
        /// 0 = Sunday.
        var weekday: Int
        var yearDay: Int
        var hour: Int
        var minute: Int
        var second: Int
        var utcOffset: Int

        /// Go's zero time, 0001-01-01T00:00:00Z (a Monday): what a page without a date has.
        static let zero = Components(
            year: 1, month: 1, day: 1, weekday: 1, yearDay: 1, hour: 0, minute: 0, second: 0, utcOffset: 0)

        init(
            year: Int, month: Int, day: Int, weekday: Int, yearDay: Int, hour: Int, minute: Int, second: Int,
            utcOffset: Int
        ) {
            (self.year, self.month, self.day, self.weekday, self.yearDay) = (year, month, day, weekday, yearDay)
            (self.hour, self.minute, self.second, self.utcOffset) = (hour, minute, second, utcOffset)
        }

        init(_ time: HugoTime) {
            if time.isZero {
                self = .zero
                return
            }
            let local = time.seconds &+ Int64(time.utcOffset)
            var days = local / 86400
            var secondOfDay = Int(local % 86400)
            if secondOfDay < 0 {
                secondOfDay += 86400
                days -= 1
            }
            let (year, month, day) = GoTimeFormat.civil(days)
            let weekday = Int(((days + 4) % 7 + 7) % 7)
            let yearDay = Int(days - GoTimeFormat.daysFromCivil(year, 1, 1)) + 1
            self.init(
                year: year, month: month, day: day, weekday: weekday, yearDay: yearDay, hour: secondOfDay / 3600,
                minute: secondOfDay / 60 % 60, second: secondOfDay % 60, utcOffset: time.utcOffset)
        }
    }

    /// Days since 1970-01-01 to (year, month, day), proleptic Gregorian (H. Hinnant's algorithm).
    static func civil(_ days: Int64) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        return (Int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0)), Int(month), Int(day))
    }

    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }

    static func padded(_ value: Int, _ width: Int, with pad: Character = "0") -> String {
        let digits = String(abs(value))
        let sign = value < 0 ? "-" : ""
        return sign + String(repeating: pad, count: max(0, width - digits.count)) + digits
    }

    /// Hugo's test of whether a permalink word is a date layout: formatting its reference time
    /// (2019-11-09T23:01:42.000000001Z) changes it.
    static func isLayout(_ word: String) -> Bool {
        let reference = Components(
            year: 2019, month: 11, day: 9, weekday: 6, yearDay: 313, hour: 23, minute: 1, second: 42, utcOffset: 0)
        return format(word, reference) != word
    }

    /// Go's `Format(layout)`: the layout's standard chunks (`nextStdChunk`) replaced.
    static func format(_ layout: String, _ time: Components) -> String {
        let bytes = Array(layout.utf8)
        var out: [UInt8] = []
        var index = 0
        func starts(_ text: String, at position: Int) -> Bool {
            let needle = Array(text.utf8)
            return position + needle.count <= bytes.count
                && Array(bytes[position..<(position + needle.count)]) == needle
        }
        func lowerAt(_ position: Int) -> Bool {
            position < bytes.count && bytes[position] >= UInt8(ascii: "a") && bytes[position] <= UInt8(ascii: "z")
        }
        let hour12 = time.hour % 12 == 0 ? 12 : time.hour % 12
        while index < bytes.count {
            var value: String?
            var length = 0
            switch bytes[index] {
            case UInt8(ascii: "J"):
                if starts("January", at: index) {
                    (value, length) = (months[time.month - 1], 7)
                } else if starts("Jan", at: index), !lowerAt(index + 3) {
                    (value, length) = (String(months[time.month - 1].prefix(3)), 3)
                }
            case UInt8(ascii: "M"):
                if starts("Monday", at: index) {
                    (value, length) = (weekdays[time.weekday], 6)
                } else if starts("Mon", at: index), !lowerAt(index + 3) {
                    (value, length) = (String(weekdays[time.weekday].prefix(3)), 3)
                } else if starts("MST", at: index) {
                    (value, length) = (time.utcOffset == 0 ? "UTC" : zone(time.utcOffset, colon: false), 3)
                }
            case UInt8(ascii: "0"):
                if index + 1 < bytes.count, bytes[index + 1] >= UInt8(ascii: "1"), bytes[index + 1] <= UInt8(ascii: "6")
                {
                    let values = [
                        twoDigits(time.month), twoDigits(time.day), twoDigits(hour12), twoDigits(time.minute),
                        twoDigits(time.second), twoDigits(((time.year % 100) + 100) % 100),
                    ]
                    (value, length) = (values[Int(bytes[index + 1] - UInt8(ascii: "1"))], 2)
                } else if starts("002", at: index) {
                    (value, length) = (padded(time.yearDay, 3), 3)
                }
            case UInt8(ascii: "1"):
                if starts("15", at: index) {
                    (value, length) = (twoDigits(time.hour), 2)
                } else {
                    (value, length) = (String(time.month), 1)
                }
            case UInt8(ascii: "2"):
                if starts("2006", at: index) {
                    (value, length) = (padded(time.year, 4), 4)
                } else {
                    (value, length) = (String(time.day), 1)
                }
            case UInt8(ascii: "_"):
                if starts("_2006", at: index) {
                    (value, length) = ("_" + padded(time.year, 4), 5)
                } else if starts("_2", at: index) {
                    (value, length) = (padded(time.day, 2, with: " "), 2)
                } else if starts("__2", at: index) {
                    (value, length) = (padded(time.yearDay, 3, with: " "), 3)
                }
            case UInt8(ascii: "3"): (value, length) = (String(hour12), 1)
            case UInt8(ascii: "4"): (value, length) = (String(time.minute), 1)
            case UInt8(ascii: "5"): (value, length) = (String(time.second), 1)
            case UInt8(ascii: "P"):
                if starts("PM", at: index) { (value, length) = (time.hour >= 12 ? "PM" : "AM", 2) }
            case UInt8(ascii: "p"):
                if starts("pm", at: index) { (value, length) = (time.hour >= 12 ? "pm" : "am", 2) }
            case UInt8(ascii: "Z"):
                if starts("Z0700", at: index) {
                    (value, length) = (time.utcOffset == 0 ? "Z" : zone(time.utcOffset, colon: false), 5)
                } else if starts("Z07", at: index) {
                    (value, length) = (
                        time.utcOffset == 0 ? "Z" : String(zone(time.utcOffset, colon: false).prefix(3)), 3
                    )
                }
            default: break
            }
            if let value {
                out += Array(value.utf8)
                index += length
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `+hhmm` / `-hhmm`.
    static func zone(_ offset: Int, colon: Bool) -> String {
        let minutes = abs(offset) / 60
        return (offset < 0 ? "-" : "+") + twoDigits(minutes / 60) + (colon ? ":" : "") + twoDigits(minutes % 60)
    }
}
