// TEMPORARY: replaced by the real parsers before commit.
import Foundation
import TWCCore
public enum FrontmatterParser {
    public static func detect(_ bytes: [UInt8]) throws(FrontmatterError) -> FrontmatterBlock? { nil }
    public static func parse(_ bytes: [UInt8], block: FrontmatterBlock) throws(FrontmatterError) -> FrontmatterValue { FrontmatterValue(kind: .table([]), range: SourceRange(0,0)) }
}
public enum YAMLParser { public static func parse(_ bytes: [UInt8], range: Range<Int>) throws(FrontmatterError) -> FrontmatterValue { FrontmatterValue(kind: .table([]), range: SourceRange(0,0)) } }
public enum TOMLParser { public static func parse(_ bytes: [UInt8], range: Range<Int>) throws(FrontmatterError) -> FrontmatterValue { FrontmatterValue(kind: .table([]), range: SourceRange(0,0)) } }
public enum JSONParser { public static func parse(_ bytes: [UInt8], range: Range<Int>) throws(FrontmatterError) -> FrontmatterValue { FrontmatterValue(kind: .table([]), range: SourceRange(0,0)) } }
public enum HugoDate {
    public static func parse(_ value: FrontmatterValue, timeZone: TimeZone) -> Date? { nil }
    public static func parse(_ text: String, timeZone: TimeZone) -> Date? { nil }
}
