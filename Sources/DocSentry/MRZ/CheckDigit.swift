/// The check digit of ICAO Doc 9303 Part 3 §4.9: weights 7, 3, 1 repeating from the left, sum modulo 10.
public enum CheckDigit {
    static let weights = [7, 3, 1]

    /// The check digit over `characters`, or nil if one of them is outside the MRZ alphabet.
    ///
    /// Doc 9303 Part 3 §4.9 worked examples: `520727` gives 3, `AB2134<<<` gives 5.
    public static func compute<S: Sequence>(_ characters: S) -> Int? where S.Element == Character {
        var sum = 0
        for (index, character) in characters.enumerated() {
            guard let value = MRZCharacter.checkValue(character) else { return nil }
            sum += value * weights[index % 3]
        }
        return sum % 10
    }

    /// The check digit as the character printed in the MRZ.
    public static func character<S: Sequence>(for characters: S) -> Character? where S.Element == Character {
        compute(characters).map { Character(String($0)) }
    }
}
