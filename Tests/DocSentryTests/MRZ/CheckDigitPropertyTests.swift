import DocSentry
import PropertyBased
import Testing

/// Random valid MRZs of every format, built from a seed.
struct RandomMRZ {
    var generator: SplitMix64

    init(state: UInt64) { generator = SplitMix64(seed: state) }

    mutating func next() -> UInt64 { generator.next() }

    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
    mutating func string(_ alphabet: String, _ count: Int) -> String {
        String((0..<count).map { _ in pick(Array(alphabet)) })
    }

    mutating func fields() -> MRZFields {
        let format = pick(MRZFormat.allCases)
        let letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        let alphanumeric = letters + "0123456789"
        func date() -> String {
            let year = int(0...99), month = int(1...12), day = int(1...28)
            return [year, month, day].map { $0 < 10 ? "0\($0)" : "\($0)" }.joined()
        }
        let code: String = switch format {
        case .td3: pick(["P<", "PD", "PO"])
        case .td1, .td2: pick(["I<", "ID", "AC", "C<"]).replacingOccurrences(of: "AC", with: format == .td1 ? "AC" : "A<")
        case .mrvA, .mrvB: pick(["V<", "VC"])
        }
        let longNumber = (format == .td1 || format == .td2) && int(0...3) == 0
        return MRZFields(
            format: format, documentCode: code, issuingState: pick(["UTO", "D", "GBR", "FRA"]),
            primaryIdentifier: [string(letters, int(2...8))], secondaryIdentifier: [string(letters, int(2...6))],
            documentNumber: string(alphanumeric, longNumber ? int(10...12) : int(6...9)),
            nationality: pick(["UTO", "D", "XXA"]), dateOfBirth: date(), sex: pick(["F", "M", "<"]),
            dateOfExpiry: date(), optionalData: int(0...1) == 0 ? "" : string(alphanumeric, int(1...5)),
            optionalData2: format == .td1 ? string(alphanumeric, int(0...4)) : "")
    }
}

@Suite struct CheckDigitPropertyTests {
    /// The fields a check digit covers, and the check digit whose finding must name them.
    static func coveredPositions(_ document: MRZDocument) -> [(line: Int, column: Int, rule: String, field: MRZFieldName)] {
        let layout = MRZLayout.of(document.format)
        var positions: [(Int, Int, String, MRZFieldName)] = []
        for spec in layout.checkDigits {
            guard let field = layout.spec(spec.field), let digit = layout.spec(spec.checkDigit) else { continue }
            if spec.field == .documentNumber, document.longDocumentNumber != nil { continue }
            for column in Array(field.columns) + Array(digit.columns) {
                positions.append((field.line, column, CheckDigitValidator.ruleID(spec.checkDigit), spec.field))
            }
        }
        if document.format.hasCompositeCheckDigit {
            let composite = layout.spec(.compositeCheckDigit)!
            positions.append((composite.line, composite.columns.lowerBound, "mrz.check-digit.composite", .compositeCheckDigit))
            if document.format == .td1, document.longDocumentNumber == nil {
                for column in layout.spec(.optionalData2)!.columns {
                    positions.append((1, column, "mrz.check-digit.composite", .optionalData2))
                }
            }
        }
        return positions
    }

    /// Changing any single character covered by a check digit, to a character with another check value modulo
    /// 10, is detected; the finding names the field and shows the expected and the printed digit.
    @Test func singleCharacterChangesAreDetected() async {
        await propertyCheck(count: 400, input: Gen.int(in: 0...Int.max)) { seed in
            var random = RandomMRZ(state: UInt64(seed))
            let lines = MRZComposer.compose(random.fields())
            let original = MRZParser.parse(try! MRZText(lines: lines))
            #expect(CheckDigitValidator.validate(original).findings.isEmpty, "composed MRZ must be valid: \(lines)")

            let target = random.pick(Self.coveredPositions(original))
            let layout = MRZLayout.of(original.format)
            let allowed = layout.characterClass(line: target.line, column: target.column)
            var line = Array(lines[target.line])
            let old = line[target.column]
            // A filler in the document number's check digit is no altered digit: it says the number goes on in the
            // optional data (Doc 9303 Part 5 §4.2.2, Part 6 §4.2.2), where a check digit of its own follows.
            let numberCheckDigit = layout.spec(.documentNumberCheckDigit).map { $0.line == target.line && $0.columns.contains(target.column) } ?? false
            let candidates = Array(MRZCharacter.alphabet).filter {
                allowed.allows($0) && MRZCharacter.checkValue($0)! % 10 != MRZCharacter.checkValue(old)! % 10
                    && !(numberCheckDigit && $0 == "<")
            }
            line[target.column] = random.pick(candidates)
            var changed = lines
            changed[target.line] = String(line)

            let findings = CheckDigitValidator.validate(MRZParser.parse(try! MRZText(lines: changed))).findings
            let finding = findings.first { $0.rule == target.rule }
            #expect(finding != nil, "change at line \(target.line + 1) column \(target.column + 1) of \(changed) not reported by \(target.rule)")
            if let finding {
                #expect(finding.fields.contains(target.field.rawValue) || target.field == .compositeCheckDigit || target.field == .optionalData2)
                let expected = finding.evidence.first { $0.name == "expected" }?.value
                let printed = finding.evidence.first { $0.name == "printed" }?.value
                #expect(expected != nil && printed != nil && expected != printed)
            }
        }
    }

    /// The limit of the standard (domain notes §3.6): characters with equal values modulo 10 (`<` and K, 0 and
    /// U) are invisible to every check digit, which is why OCR correction must use position rules, not digits.
    @Test func congruentSubstitutionsAreInvisible() {
        let lines = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
        var line = Array(lines[1])
        line[37] = "K"   // a filler of the optional data read as K
        let document = MRZParser.parse(try! MRZText(lines: [lines[0], String(line)]))
        #expect(CheckDigitValidator.validate(document).findings.isEmpty)
    }
}
