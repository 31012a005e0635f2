/// How a value read in the visual zone compares with the MRZ's.
enum VisualZoneAgreement: Sendable, Equatable {
    /// The same value (allowing what OCR typically confuses).
    case same
    /// Different, but only where the engine was unsure: an OCR doubt, not evidence.
    case uncertain
    /// Different where the engine was sure: the two zones print different values.
    case different
}

/// A date as a visual zone prints it, found in read text: `12 AUG 1974`, `12.08.1974`, `12/08/1974`,
/// `12 08 1974`, `12-08-1974`, with bilingual month names (`12 AOÛT/AUG 1974`) or a two-digit year.
///
/// Doc 9303 Parts 4-7 §4.1.1 leave the VIZ date format to the issuer (the MRZ's is fixed: YYMMDD, Part 3 §4.8).
struct PrintedDate: Sendable, Equatable {
    var day: Int
    var month: Int
    /// As printed: four digits or two.
    var year: Int
    var yearDigits: Int
    /// The month printed as a number: day and month may then be in either order (`08/12/1974`).
    var numericMonth: Bool
    /// Offsets in the read text of the characters of the day, the month and the year.
    var dayOffsets: [Int]
    var monthOffsets: [Int]
    var yearOffsets: [Int]

    /// The date as the MRZ writes it, `YYMMDD`.
    var machineReadable: String { Self.two(year % 100) + Self.two(month) + Self.two(day) }

    static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

/// Finds printed dates in read text and compares them with the MRZ's.
enum PrintedDates {
    /// Month names and abbreviations in the languages visual zones use most (English, French, German, Spanish,
    /// Italian, Dutch, Portuguese), accents folded: `AOÛT` is `AOUT`.
    static let monthNames: [String: Int] = {
        let names: [[String]] = [
            ["JAN", "JANV", "JANUARY", "JANVIER", "JANUAR", "ENE", "ENERO", "GEN", "GENNAIO", "JANUARI", "JANEIRO"],
            ["FEB", "FEV", "FEVR", "FEBRUARY", "FEVRIER", "FEBRUAR", "FEBRERO", "FEBBRAIO", "FEBRUARI", "FEVEREIRO"],
            ["MAR", "MARS", "MARCH", "MAERZ", "MARZ", "MRZ", "MARZO", "MAART", "MRT", "MARCO"],
            ["APR", "AVR", "APRIL", "AVRIL", "ABR", "ABRIL", "APRILE"],
            ["MAY", "MAI", "MEI", "MAG", "MAIO", "MAYO", "MAGGIO"],
            ["JUN", "JUIN", "JUNE", "JUNI", "JUNIO", "GIU", "GIUGNO", "JUNHO"],
            ["JUL", "JUIL", "JULY", "JUILLET", "JULI", "JULIO", "LUG", "LUGLIO", "JULHO"],
            ["AUG", "AOUT", "AUGUST", "AUGUSTUS", "AGO", "AGOSTO"],
            ["SEP", "SEPT", "SEPTEMBER", "SEPTEMBRE", "SEPTIEMBRE", "SET", "SETTEMBRE", "SETEMBRO"],
            ["OCT", "OCTOBER", "OCTOBRE", "OKT", "OKTOBER", "OCTUBRE", "OTT", "OTTOBRE", "OUT", "OUTUBRO"],
            ["NOV", "NOVEMBER", "NOVEMBRE", "NOVIEMBRE", "NOVEMBRO"],
            ["DEC", "DECEMBER", "DECEMBRE", "DEZ", "DEZEMBER", "DICIEMBRE", "DIC", "DICEMBRE", "DEZEMBRO"],
        ]
        var table: [String: Int] = [:]
        for (index, list) in names.enumerated() { for name in list { table[name] = index + 1 } }
        return table
    }()

    /// The month a name stands for: exactly, or at one letter's distance from names of one month only (`AUC`).
    static func month(named word: String) -> Int? {
        let folded = VisualZoneNames.foldedLetters(word)
        if let month = monthNames[folded] { return month }
        guard folded.count >= 3 else { return nil }
        let near = Set(monthNames.filter { $0.key.count == folded.count && hammingDistance($0.key, folded) == 1 }.map(\.value))
        return near.count == 1 ? near.first : nil
    }

    /// One run of the text: digits (a number), letters (a word), or one separator character.
    enum Piece: Equatable {
        case number(String, offsets: [Int])
        case word(String, offsets: [Int])
        case separator(Character)
    }

    /// Letters OCR gives for digits inside a number (`19S5`, `1O`).
    static let digitLookAlikes: [Character: Character] = ["O": "0", "Q": "0", "D": "0", "I": "1", "L": "1", "Z": "2", "S": "5", "G": "6", "B": "8"]

    /// The text as numbers, words and separators. A run of letters and digits that is mostly digits, its letters
    /// all digit look-alikes, is one number; any other run splits where digits and letters meet (`12AUG1974`).
    static func pieces(_ text: [Character]) -> [Piece] {
        var pieces: [Piece] = []
        var index = 0
        while index < text.count {
            let character = text[index]
            guard character.isLetter || character.isNumber else {
                pieces.append(.separator(character))
                index += 1
                continue
            }
            var end = index
            while end < text.count, text[end].isLetter || text[end].isNumber { end += 1 }
            let run = Array(index..<end)
            let digits = run.filter { text[$0].isASCII && text[$0].isNumber }.count
            if digits >= 2, digits * 2 >= run.count, run.allSatisfy({ text[$0].isNumber || digitLookAlikes[text[$0]] != nil }) {
                pieces.append(.number(String(run.map { digitLookAlikes[text[$0]] ?? text[$0] }), offsets: run))
            } else {
                var start = 0
                while start < run.count {
                    let isDigit = text[run[start]].isNumber
                    var stop = start
                    while stop < run.count, text[run[stop]].isNumber == isDigit { stop += 1 }
                    let part = Array(run[start..<stop])
                    let string = String(part.map { text[$0] })
                    pieces.append(isDigit ? .number(string, offsets: part) : .word(string, offsets: part))
                    start = stop
                }
            }
            index = end
        }
        return pieces
    }

    /// Every date printed in `text`, in order.
    static func find(in text: String) -> [PrintedDate] {
        let pieces = pieces(Array(text))
        // The pieces without separators, each remembering the separators before it.
        var tokens: [(piece: Piece, before: [Character])] = []
        var separators: [Character] = []
        for piece in pieces {
            if case let .separator(character) = piece { separators.append(character); continue }
            tokens.append((piece, separators))
            separators = []
        }
        var dates: [PrintedDate] = []
        var index = 0
        while index < tokens.count {
            if let (date, used) = date(at: index, in: tokens) {
                dates.append(date)
                index += used
            } else {
                index += 1
            }
        }
        return dates
    }

    /// A date starting at token `index`, with the number of tokens it takes.
    private static func date(at index: Int, in tokens: [(piece: Piece, before: [Character])]) -> (PrintedDate, Int)? {
        guard case let .number(first, firstOffsets) = tokens[index].piece else { return nil }
        // Separators between parts of one date: spaces, dots, slashes, hyphens (a comma after a month name).
        func joins(_ token: Int) -> Bool {
            token < tokens.count && tokens[token].before.count <= 3 && tokens[token].before.allSatisfy { " ./-,".contains($0) }
        }
        // DDMMYYYY run together.
        if first.count == 8, let day = Int(first.prefix(2)), let month = Int(first.dropFirst(2).prefix(2)), let year = Int(first.suffix(4)) {
            let offsets = firstOffsets
            return make(day: day, month: month, year: year, yearDigits: 4, numericMonth: true,
                        dayOffsets: Array(offsets[0..<2]), monthOffsets: Array(offsets[2..<4]), yearOffsets: Array(offsets[4..<8])).map { ($0, 1) }
        }
        // Year first (ISO 8601): 1974-08-12.
        if first.count == 4, joins(index + 1), joins(index + 2),
           case let .number(month, monthOffsets) = tokens[index + 1].piece, month.count <= 2,
           case let .number(day, dayOffsets) = tokens[index + 2].piece, day.count <= 2 {
            return make(day: Int(day) ?? 0, month: Int(month) ?? 0, year: Int(first) ?? 0, yearDigits: 4, numericMonth: false,
                        dayOffsets: dayOffsets, monthOffsets: monthOffsets, yearOffsets: firstOffsets).map { ($0, 3) }
        }
        guard first.count <= 2, let day = Int(first), joins(index + 1) else { return nil }
        var next = index + 1
        var month: Int?
        var monthOffsets: [Int] = []
        var numericMonth = false
        if case let .number(text, offsets) = tokens[next].piece, text.count <= 2 {
            month = Int(text)
            monthOffsets = offsets
            numericMonth = true
            next += 1
        } else {
            // One month name, or several joined by `/` (bilingual: `AOÛT/AUG`, `MAR/MAR`): all that can be read
            // must agree.
            var months: Set<Int> = []
            var unread = 0
            while next < tokens.count, case let .word(text, offsets) = tokens[next].piece, next == index + 1 || tokens[next].before.contains("/") {
                if let value = self.month(named: text) { months.insert(value) } else { unread += 1 }
                monthOffsets += offsets
                next += 1
                if next - index > 4 { break }
            }
            guard months.count == 1, unread <= (next - index - 1) / 2 else { return nil }
            month = months.first
        }
        guard let month, joins(next), next < tokens.count, case let .number(yearText, yearOffsets) = tokens[next].piece,
              yearText.count == 4 || yearText.count == 2, let year = Int(yearText) else { return nil }
        return make(day: day, month: month, year: year, yearDigits: yearText.count, numericMonth: numericMonth,
                    dayOffsets: Array(firstOffsets), monthOffsets: monthOffsets, yearOffsets: yearOffsets).map { ($0, next - index + 1) }
    }

    private static func make(day: Int, month: Int, year: Int, yearDigits: Int, numericMonth: Bool, dayOffsets: [Int],
                             monthOffsets: [Int], yearOffsets: [Int]) -> PrintedDate? {
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        if yearDigits == 4 {
            guard (1850...2150).contains(year), CalendarDate(year: year, month: month, day: day) != nil else { return nil }
        } else {
            // Two digits: a 29 February is possible in one of the centuries.
            guard CalendarDate(year: 2000 + year, month: month, day: day) != nil else { return nil }
        }
        return PrintedDate(day: day, month: month, year: year, yearDigits: yearDigits, numericMonth: numericMonth,
                           dayOffsets: dayOffsets, monthOffsets: monthOffsets, yearOffsets: yearOffsets)
    }

    /// Compares a printed date with the MRZ's `YYMMDD` (where `<` marks a part the issuer does not know, Doc 9303
    /// Part 3 §4.8 note: such a part is not compared).
    ///
    /// The same when every part agrees (in either order of day and month when the month is a number). Different
    /// only when a part that disagrees was read surely: one of its digits (or its month name) confident and the
    /// MRZ's digit not among the engine's alternatives. Otherwise an OCR doubt: uncertain.
    static func compare(_ date: PrintedDate, withMRZ raw: String, read text: VisualZoneText) -> VisualZoneAgreement {
        let mrz = Array(raw)
        guard mrz.count == 6 else { return .uncertain }
        var orders = [(day: date.day, month: date.month, dayOffsets: date.dayOffsets, monthOffsets: date.monthOffsets)]
        if date.numericMonth, date.day <= 12, date.day != date.month {
            orders.append((date.month, date.day, date.monthOffsets, date.dayOffsets))
        }
        var best = VisualZoneAgreement.different
        for order in orders {
            let printed = Array(PrintedDate.two(date.year % 100) + PrintedDate.two(order.month) + PrintedDate.two(order.day))
            // The characters of the text each MRZ position rests on: the last two of the year, the month, the day
            // (a one-digit number's tens rest on its single digit).
            func tail(_ offsets: [Int]) -> [[Int]] {
                offsets.count >= 2 ? [[offsets[offsets.count - 2]], [offsets[offsets.count - 1]]] : [offsets, offsets]
            }
            let monthSupport: [[Int]] = date.numericMonth ? tail(order.monthOffsets) : [order.monthOffsets, order.monthOffsets]
            let support = tail(date.yearOffsets) + monthSupport + tail(order.dayOffsets)
            var differs = false, sure = false
            for position in 0..<6 where mrz[position] != "<" && mrz[position] != printed[position] {
                differs = true
                let offsets = support[position]
                if !date.numericMonth && (2...3).contains(position) {
                    // A month name is read or not: wrong letters give no other month (`month(named:)`).
                    if !offsets.isEmpty, offsets.allSatisfy({ text.isSure(at: $0, instead: nil) }) { sure = true }
                } else if offsets.contains(where: { text.isSure(at: $0, instead: offsets.count == 1 ? mrz[position] : nil) }) {
                    sure = true
                }
            }
            let agreement: VisualZoneAgreement = !differs ? .same : (sure ? .different : .uncertain)
            if agreement == .same { return .same }
            if agreement == .uncertain { best = .uncertain }
        }
        return best
    }

    static func hammingDistance(_ a: String, _ b: String) -> Int {
        zip(a, b).filter { $0 != $1 }.count + abs(a.count - b.count)
    }
}
