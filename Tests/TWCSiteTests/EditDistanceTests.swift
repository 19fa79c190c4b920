import TWCCore
import XCTest

/// `EditDistance.levenshtein` (bit-parallel for short strings, banded for long ones) against the
/// textbook dynamic programme, on random strings over a small alphabet (so that distances vary).
final class EditDistanceTests: XCTestCase {
    static func reference(_ x: [Unicode.Scalar], _ y: [Unicode.Scalar]) -> Int {
        var previous = Array(0...y.count)
        for i in 1...max(1, x.count) where !x.isEmpty {
            var current = [i] + [Int](repeating: 0, count: y.count)
            for j in stride(from: 1, through: y.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return x.isEmpty ? y.count : previous[y.count]
    }

    func testAgreesWithTheTextbookDistance() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Unicode.Scalar] = ["a", "b", "c", "é", "/", "-"]
        var compared = 0
        for round in 0..<3000 {
            let maximum = round % 3 == 0 ? 150 : 20
            let x = (0..<Int.random(in: 0...maximum, using: &generator)).map { _ in
                alphabet.randomElement(using: &generator)!
            }
            var y = x
            for _ in 0..<Int.random(in: 0...6, using: &generator) {
                switch Int.random(in: 0...2, using: &generator) {
                case 0 where !y.isEmpty: y.remove(at: Int.random(in: 0..<y.count, using: &generator))
                case 1:
                    y.insert(
                        alphabet.randomElement(using: &generator)!, at: Int.random(in: 0...y.count, using: &generator))
                default:
                    if !y.isEmpty {
                        y[Int.random(in: 0..<y.count, using: &generator)] = alphabet.randomElement(using: &generator)!
                    }
                }
            }
            let expected = Self.reference(x, y)
            for limit in [0, 1, 3, 8, 200] {
                XCTAssertEqual(
                    EditDistance.levenshtein(x, y, limit: limit), min(expected, limit + 1),
                    "\(String(String.UnicodeScalarView(x))) / \(String(String.UnicodeScalarView(y))), limit \(limit)")
                compared += 1
            }
        }
        XCTAssertEqual(EditDistance.levenshtein("bestaande-initiativen", "bestaande-initiatieven", limit: 3), 1)
        XCTAssertGreaterThanOrEqual(compared, 15000)
    }
}
